using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AuditClient.Testing.Http;

/// <summary>
/// The file that keeps the fakes' state across restarts (<see cref="AuditFakesOptions.StatePath"/>): one JSON object,
/// <c>{"format": "auditclient-fakes-state", "version": 1, "saved_at", "scale": {"tasks", "audits", "pending"},
/// "cloudfactory": {"reviews"}}</c>, the vendors' objects as the fakes serve them. Held with an exclusive lock on a
/// lock file beside it (<c>FILE.lock</c>) from start to stop, so two fakes never share one state; saved whole to
/// <c>FILE.tmp</c>, flushed to disk, then renamed over <c>FILE</c>, so a reader or a crash sees the old state or the new
/// one, never a torn file. A file that is not such a state is refused and never written.
/// </summary>
internal sealed class FakeStateFile : IAsyncDisposable
{
    public const string Format = "auditclient-fakes-state";
    public const int FormatVersion = 1;

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly FileStream _lock;
    private readonly SemaphoreSlim _saving = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private ScaleFake? _scale;
    private CloudFactoryFake? _cloudFactory;
    private TimeProvider _time = TimeProvider.System;
    private long _savedVersion = -1;
    private Task _loop = Task.CompletedTask;

    private FakeStateFile(string path, FileStream lockFile)
    {
        Path = path;
        _lock = lockFile;
    }

    public string Path { get; }

    /// <summary>Takes the state's lock; refuses a state in use by other fakes.</summary>
    /// <exception cref="IOException">Another fakes server holds the state, or its lock file cannot be created.</exception>
    public static FakeStateFile Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new IOException($"State file {full}: is a directory, not a file.");
        }

        try
        {
            // FileShare.None: the only share mode for which .NET takes an exclusive lock (flock LOCK_EX) on Unix. The
            // lock is on a file of its own because a save renames a new file over the state, which a lock on the state's
            // own inode would not follow. The lock dies with the process: a killed server leaves no stale lock.
            var lockFile = new FileStream(full + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
            return new FakeStateFile(full, lockFile);
        }
        catch (IOException e) when (IsLocked(e))
        {
            throw new IOException($"State file {full}: is in use by another fakes server (it holds {full}.lock; one server per state file at a time). Stop that server, or give another state file.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"State file {full}: its lock file {full}.lock cannot be created ({e.Message}).", e);
        }
    }

    /// <summary>The saved state, or <see langword="null"/> when the file does not exist or is empty.</summary>
    /// <exception cref="InvalidDataException">The file is not a state file of the fakes (left as it is).</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public SavedState? Load()
    {
        JsonNode? root;
        try
        {
            var info = new FileInfo(Path);
            if (!info.Exists || info.Length == 0)
            {
                return null;
            }

            using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            root = JsonNode.Parse(stream);
        }
        catch (JsonException e)
        {
            throw Refused($"is not valid JSON ({e.Message})");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"State file {Path}: cannot be read ({e.Message}).", e);
        }

        if (root is not JsonObject state || FakeJson.String(state, "format") != Format)
        {
            throw Refused($"is not a state file of the AuditClient fakes (its \"format\" is not \"{Format}\")");
        }

        if (!FakeJson.TryGetInteger(state["version"], out var version) || version != FormatVersion)
        {
            throw Refused($"has state format version {state["version"]?.ToJsonString() ?? "(none)"}; these fakes read version {FormatVersion}");
        }

        var scale = state["scale"] as JsonObject ?? throw Refused("has no \"scale\" object");
        var tasks = Objects(scale, "scale.tasks", "task_id");
        var audits = Objects(scale, "scale.audits", "id", "task_id");
        var pending = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var entry in Objects(scale, "scale.pending", "id"))
        {
            var due = entry["due"];
            if (due is null)
            {
                pending[FakeJson.String(entry, "id")!] = DateTimeOffset.MaxValue;
            }
            else if (FakeJson.TryParseTimestamp(FakeJson.String(entry, "due"), out var at))
            {
                pending[FakeJson.String(entry, "id")!] = at;
            }
            else
            {
                throw Refused("has a scale.pending entry whose \"due\" is neither an ISO 8601 timestamp nor null");
            }
        }

        var cloudFactory = state["cloudfactory"] as JsonObject ?? throw Refused("has no \"cloudfactory\" object");
        var reviews = Objects(cloudFactory, "cloudfactory.reviews");
        return new SavedState(tasks, audits, pending, reviews);
    }

    /// <summary>
    /// Saves whatever is stored now, then every second when something changed (less often for a state that takes long to
    /// write), until disposed.
    /// </summary>
    public async Task AttachAsync(ScaleFake scale, CloudFactoryFake cloudFactory, TimeProvider time, bool loaded, CancellationToken cancellationToken)
    {
        _scale = scale;
        _cloudFactory = cloudFactory;
        _time = time;
        if (loaded)
        {
            _savedVersion = Version();
        }
        else
        {
            // A new state is written at once: the file exists, with the seeded tasks, from the first request on.
            await SaveAsync(cancellationToken).ConfigureAwait(false);
        }

        _loop = SaveEverySecondAsync(_stop.Token);
    }

    /// <summary>Saves the state when it changed since the last save.</summary>
    /// <exception cref="IOException">The file cannot be written; the previous state file is left as it was.</exception>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        if (_scale is null || _cloudFactory is null)
        {
            return;
        }

        await _saving.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var version = Version();
            if (version == _savedVersion)
            {
                return;
            }

            var temporary = Path + ".tmp";
            try
            {
                await using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
                {
                    await using (var writer = new Utf8JsonWriter(file, WriterOptions))
                    {
                        writer.WriteStartObject();
                        writer.WriteString("format", Format);
                        writer.WriteNumber("version", FormatVersion);
                        writer.WriteString("saved_at", FakeJson.Timestamp(_time.GetUtcNow()));
                        writer.WritePropertyName("scale");
                        _scale.WriteState(writer);
                        writer.WriteStartObject("cloudfactory");
                        writer.WritePropertyName("reviews");
                        _cloudFactory.WriteState(writer);
                        writer.WriteEndObject();
                        writer.WriteEndObject();
                        await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                    }

                    // On disk before the rename: after a power cut the new name never points at unwritten blocks.
                    file.Flush(flushToDisk: true);
                }

                File.Move(temporary, Path, overwrite: true);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new IOException($"State file {Path}: cannot be written ({e.Message}).", e);
            }
            catch (IOException e)
            {
                throw new IOException($"State file {Path}: cannot be written ({e.Message}).", e);
            }

            _savedVersion = version;
        }
        finally
        {
            _saving.Release();
        }
    }

    /// <summary>Stops the periodic saves, saves a last time, and releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await _stop.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
            await SaveAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _lock.DisposeAsync().ConfigureAwait(false);
            _stop.Dispose();
            _saving.Dispose();
        }
    }

    /// <summary>Releases the lock without saving: the fakes did not start.</summary>
    public async ValueTask ReleaseAsync()
    {
        await _lock.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
        _saving.Dispose();
    }

    // The lock of another open (EWOULDBLOCK from flock on Linux and macOS; a sharing or lock violation on Windows).
    private static bool IsLocked(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    private long Version() => _scale!.Version + _cloudFactory!.Version;

    private async Task SaveEverySecondAsync(CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(1);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, stop).ConfigureAwait(false);
                var started = Stopwatch.GetTimestamp();
                await SaveAsync(stop).ConfigureAwait(false);

                // A large state (tens of MB) takes a while to write, and the requests wait while it is copied: saving no
                // more often than every four save times keeps the server busy answering most of the time.
                var took = Stopwatch.GetElapsedTime(started);
                interval = took * 4 > TimeSpan.FromSeconds(1) ? took * 4 : TimeSpan.FromSeconds(1);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (IOException)
            {
                // A full disk or a read-only file system: the state stays in memory and the next tick tries again; the
                // save at stop reports it.
            }
        }
    }

    private InvalidDataException Refused(string why) =>
        new($"State file {Path}: {why}. It was left as it is; give a state file written by the fakes, or a new path.");

    private List<JsonObject> Objects(JsonObject owner, string path, params string[] requiredStrings)
    {
        var name = path[(path.LastIndexOf('.') + 1)..];
        if (owner[name] is not JsonArray array)
        {
            throw Refused($"has no \"{path}\" array");
        }

        var items = new List<JsonObject>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                throw Refused(string.Create(CultureInfo.InvariantCulture, $"has a {path}[{i}] that is not an object"));
            }

            foreach (var field in requiredStrings)
            {
                if (FakeJson.NonBlank(item, field) is null)
                {
                    throw Refused(string.Create(CultureInfo.InvariantCulture, $"has a {path}[{i}] without the string \"{field}\""));
                }
            }

            items.Add(item);
        }

        // Detached, so that each object can be stored on its own.
        array.Clear();
        return items;
    }
}

/// <summary>What a state file held.</summary>
internal sealed record SavedState(
    IReadOnlyList<JsonObject> Tasks,
    IReadOnlyList<JsonObject> Audits,
    IReadOnlyDictionary<string, DateTimeOffset> PendingDue,
    IReadOnlyList<JsonObject> Reviews);
