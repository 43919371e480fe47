using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace AuditClient.Core.Bulk;

/// <summary>What a journal says of one item: the last line written for its key.</summary>
internal enum JournalState
{
    /// <summary>The send was about to leave: whether it reached the vendor is unknown until reconciled.</summary>
    Sent,

    /// <summary>The vendor's answer is journaled.</summary>
    Done,

    /// <summary>The item failed for sure (refused by validation, or by the vendor without taking effect).</summary>
    Failed,

    /// <summary>A send ended in doubt and could not be reconciled.</summary>
    InDoubt,
}

/// <summary>One item's last journaled line.</summary>
/// <remarks><see cref="Hash"/> is the content hash of the item, journaled for keys the caller gives (a derived key holds it).</remarks>
internal sealed record JournalEntry(string Key, int Index, JournalState State, DateTimeOffset At, string? Result, string? Error, string? Hash);

/// <summary>
/// The append-only JSONL journal of a bulk run: a header line (kind, input fingerprint, an id that the vendor tokens
/// start with), then one line per change of an item's state; the last line of a key wins. An item without a line is
/// pending. A "sent" line is on disk (flushed and fsynced) before its request leaves, so that a run killed at any
/// moment knows which items may have reached the vendor; the other lines are written in batches, since losing one
/// only costs a reconcile on resume. A torn last line (the process died while writing it) is dropped on open.
/// </summary>
/// <remarks>
/// The file is opened for writing by one run at a time (others may read it: <c>tail</c>, <c>jq</c>). Lines are
/// written by one task, which groups the lines that arrive together under one fsync.
/// </remarks>
internal sealed class BulkJournal : IAsyncDisposable
{
    private const string Marker = "auditclient.bulk-journal";
    private const int Version = 1;

    private readonly FileStream _file;
    private readonly Channel<(byte[] Line, TaskCompletionSource? Durable)> _lines =
        Channel.CreateUnbounded<(byte[], TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Dictionary<string, JournalEntry> _entries;
    private readonly Dictionary<int, string> _keyAt;
    private readonly Task _writer;

    private BulkJournal(string path, FileStream file, string id, Dictionary<string, JournalEntry> entries)
    {
        Path = path;
        _file = file;
        Id = id;
        _entries = entries;
        _keyAt = entries.Values.GroupBy(e => e.Index).ToDictionary(g => g.Key, g => g.Last().Key);
        _writer = Task.Run(WriteLinesAsync);
    }

    public string Path { get; }

    /// <summary>Random, made with the journal: the vendor tokens of its items start with it.</summary>
    public string Id { get; }

    /// <summary>The items journaled by earlier runs, by key.</summary>
    public IReadOnlyDictionary<string, JournalEntry> Entries => _entries;

    /// <summary>The content hash of an item: 16 hex digits of the SHA-256 of its JSON.</summary>
    public static string Hash(byte[] json) => Convert.ToHexString(SHA256.HashData(json).AsSpan(0, 8)).ToLowerInvariant();

    /// <summary>The fingerprint of a whole input: the hash of its items' hashes, in order.</summary>
    public static string Fingerprint(IEnumerable<string> hashes) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', hashes))).AsSpan(0, 16)).ToLowerInvariant();

    /// <summary>
    /// Opens the journal at <paramref name="path"/>, creating it when it does not exist (or holds only a torn header),
    /// and refuses one made for another kind of write or another input.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="kind">The kind of write.</param>
    /// <param name="fingerprint">The input's fingerprint, or <see langword="null"/> for a stream (checked item by item).</param>
    /// <param name="count">How many items the input holds, when known.</param>
    /// <param name="callerKeys">Whether the caller gives the keys: the journal then holds no fingerprint (the input may
    /// be re-ordered, filtered or appended to), and each item is checked by its key and content hash instead.</param>
    public static BulkJournal Open(string path, string kind, string? fingerprint, int? count, bool callerKeys = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FileStream file;
        try
        {
            // FileShare.Read: a second run on the same journal is refused, while a person can still read it.
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, 1, FileOptions.None);
        }
        catch (IOException e)
        {
            throw new BulkJournalException(path, $"cannot be opened for writing ({e.Message}); is another run using it?", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new BulkJournalException(path, $"cannot be opened for writing ({e.Message}).", e);
        }

        try
        {
            var bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            var lastNewline = Array.LastIndexOf(bytes, (byte)'\n');
            if (lastNewline < 0)
            {
                // Empty, or a header torn by a crash at creation: nothing was sent under it.
                file.SetLength(0);
                var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
                var header = Header(kind, id, fingerprint, count, callerKeys);
                file.Write(header);
                file.Flush(flushToDisk: true);
                return new BulkJournal(path, file, id, []);
            }

            var (journalId, entries) = Read(path, bytes.AsSpan(0, lastNewline + 1), kind, fingerprint, callerKeys);

            // A torn last line is dropped, so the next line does not start in the middle of it.
            if (lastNewline + 1 < bytes.Length)
            {
                file.SetLength(lastNewline + 1);
                file.Flush(flushToDisk: true);
            }

            file.Seek(0, SeekOrigin.End);
            return new BulkJournal(path, file, journalId, entries);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Refuses a streamed item that differs from the item journaled at its position.</summary>
    public void CheckPosition(int index, string key)
    {
        if (_keyAt.TryGetValue(index, out var journaled) && journaled != key)
        {
            throw new BulkJournalException(Path, string.Create(
                CultureInfo.InvariantCulture,
                $"item {index} of the input (key {key}) differs from the item journaled at that position (key {journaled}): the journal was made for other input. Give the same input, or a new journal file."));
        }
    }

    /// <summary>
    /// Refuses an item whose caller-given key was journaled for other content: the journal was made for other input, or
    /// the key does not identify one item across runs.
    /// </summary>
    public void CheckContent(int index, string key, string hash)
    {
        if (_entries.TryGetValue(key, out var journaled) && journaled.Hash is { } other && other != hash)
        {
            throw new BulkJournalException(Path, string.Create(
                CultureInfo.InvariantCulture,
                $"item {index} of the input has key \"{key}\", which the journal holds for other content (content hash {other}, journaled at position {journaled.Index}; this item's is {hash}): the journal was made for other input. Give each item the key it had, or a new journal file."));
        }
    }

    /// <summary>Journals that the item's request is about to leave, and returns once that line is on disk.</summary>
    public Task SentAsync(string key, int index, string? hash, DateTimeOffset at)
    {
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(Line(key, index, hash, "sent", at, null, null), durable);
        return durable.Task;
    }

    public void Done(string key, int index, string? hash, DateTimeOffset at, byte[] result) => Enqueue(Line(key, index, hash, "done", at, result, null), null);

    public void Failed(string key, int index, string? hash, DateTimeOffset at, string error) => Enqueue(Line(key, index, hash, "failed", at, null, error), null);

    public void InDoubt(string key, int index, string? hash, DateTimeOffset at, string error) => Enqueue(Line(key, index, hash, "in_doubt", at, null, error), null);

    public async ValueTask DisposeAsync()
    {
        _lines.Writer.TryComplete();
        try
        {
            await _writer.ConfigureAwait(false);
        }
        finally
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void Enqueue(byte[] line, TaskCompletionSource? durable)
    {
        if (!_lines.Writer.TryWrite((line, durable)))
        {
            throw new ObjectDisposedException(nameof(BulkJournal));
        }
    }

    private async Task WriteLinesAsync()
    {
        var waiting = new List<TaskCompletionSource>();
        var reader = _lines.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                while (reader.TryRead(out var next))
                {
                    _file.Write(next.Line);
                    if (next.Durable is { } durable)
                    {
                        waiting.Add(durable);
                    }
                }

                // One fsync for every line that arrived while the last one ran (group commit).
                _file.Flush(flushToDisk: true);
                foreach (var durable in waiting)
                {
                    durable.TrySetResult();
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A journal that cannot be written must stop the sends that wait on it, never let them leave unjournaled.
                var failure = new BulkJournalException(Path, $"cannot be written ({e.Message}).", e);
                foreach (var durable in waiting)
                {
                    durable.TrySetException(failure);
                }

                _lines.Writer.TryComplete(failure);
                while (reader.TryRead(out var dropped))
                {
                    dropped.Durable?.TrySetException(failure);
                }

                return;
            }

            waiting.Clear();
        }
    }

    private static byte[] Header(string kind, string id, string? fingerprint, int? count, bool callerKeys)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("journal", Marker);
            json.WriteNumber("version", Version);
            json.WriteString("kind", kind);
            json.WriteString("id", id);
            if (fingerprint is not null)
            {
                json.WriteString("input", fingerprint);
            }

            if (count is { } n)
            {
                json.WriteNumber("count", n);
            }

            if (callerKeys)
            {
                json.WriteString("keys", "caller");
            }

            json.WriteString("created_at", DateTimeOffset.UtcNow);
            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static byte[] Line(string key, int index, string? hash, string state, DateTimeOffset at, byte[]? result, string? error)
    {
        var buffer = new ArrayBufferWriter<byte>(128 + (result?.Length ?? 0));
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("key", key);
            json.WriteNumber("index", index);
            if (hash is not null)
            {
                json.WriteString("hash", hash);
            }

            json.WriteString("state", state);
            json.WriteString("at", at);
            if (result is not null)
            {
                json.WritePropertyName("result");
                json.WriteRawValue(result, skipInputValidation: true);
            }

            if (error is not null)
            {
                json.WriteString("error", error);
            }

            json.WriteEndObject();
        }

        buffer.Write("\n"u8);
        return buffer.WrittenSpan.ToArray();
    }

    private static (string Id, Dictionary<string, JournalEntry> Entries) Read(string path, ReadOnlySpan<byte> text, string kind, string? fingerprint, bool callerKeys)
    {
        var entries = new Dictionary<string, JournalEntry>(StringComparer.Ordinal);
        string? id = null;
        var number = 0;
        while (!text.IsEmpty)
        {
            var end = text.IndexOf((byte)'\n');
            var line = text[..end];
            text = text[(end + 1)..];
            number++;
            if (line.IsEmpty)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line.ToArray());
                var root = document.RootElement;
                if (id is null)
                {
                    id = ReadHeader(path, root, kind, fingerprint, callerKeys);
                    continue;
                }

                var entry = new JournalEntry(
                    root.GetProperty("key").GetString()!,
                    root.GetProperty("index").GetInt32(),
                    State(root.GetProperty("state").GetString()),
                    root.GetProperty("at").GetDateTimeOffset(),
                    root.TryGetProperty("result", out var result) ? result.GetRawText() : null,
                    root.TryGetProperty("error", out var error) ? error.GetString() : null,
                    root.TryGetProperty("hash", out var hash) ? hash.GetString() : null);
                entries[entry.Key] = entry;
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new BulkJournalException(path, string.Create(
                    CultureInfo.InvariantCulture,
                    $"line {number} cannot be read ({e.Message}). Only a torn last line is ignored; nothing was sent and the file was not changed."), e);
            }
        }

        return (id ?? throw new BulkJournalException(path, "holds no header line."), entries);
    }

    private static string ReadHeader(string path, JsonElement root, string kind, string? fingerprint, bool callerKeys)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("journal", out var marker) || marker.GetString() != Marker)
        {
            throw new BulkJournalException(path, "is not a bulk journal of AuditClient (its first line has no \"journal\": \"" + Marker + "\"). Nothing was sent and the file was not changed.");
        }

        if (root.GetProperty("version").GetInt32() != Version)
        {
            throw new BulkJournalException(path, $"has version {root.GetProperty("version").GetInt32()}; this SDK reads version {Version}.");
        }

        var journaledKind = root.GetProperty("kind").GetString();
        if (journaledKind != kind)
        {
            throw new BulkJournalException(path, $"was made for {journaledKind}, not {kind}: the journal was made for other input. Give a new journal file.");
        }

        var journaledCallerKeys = root.TryGetProperty("keys", out var keys) && keys.GetString() == "caller";
        if (journaledCallerKeys != callerKeys)
        {
            throw new BulkJournalException(path, journaledCallerKeys
                ? "was made with keys given by the caller (a keySelector); this run derives the keys from each item's position and content. Give the same keySelector, or a new journal file."
                : "was made with keys derived from each item's position and content; this run gives its own keys (a keySelector). Run it without the keySelector, or with a new journal file.");
        }

        var journaledInput = root.TryGetProperty("input", out var input) ? input.GetString() : null;
        if (journaledInput != fingerprint && (journaledInput is not null || fingerprint is not null))
        {
            throw new BulkJournalException(path, $"was made for other input (input fingerprint {journaledInput ?? "of a stream"}, this input's is {fingerprint ?? "of a stream"}). Give the same input, or a new journal file.");
        }

        return root.GetProperty("id").GetString()!;
    }

    private static JournalState State(string? state) => state switch
    {
        "sent" => JournalState.Sent,
        "done" => JournalState.Done,
        "failed" => JournalState.Failed,
        "in_doubt" => JournalState.InDoubt,
        _ => throw new FormatException($"unknown state \"{state}\""),
    };
}
