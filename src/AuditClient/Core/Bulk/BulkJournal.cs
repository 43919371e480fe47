using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Unicode;
using System.Threading.Channels;
using AuditClient.Core.Errors;

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

/// <summary>What a run expects of its journal: the kind of write, the target, and the input.</summary>
/// <param name="Kind">The kind of write.</param>
/// <param name="Target">Where the writes go; <see langword="null"/> when the client is not one of the SDK's (a test double).</param>
/// <param name="ResultJson">Reads the vendor's answer of a done line.</param>
/// <param name="Input">The input's fingerprint, or <see langword="null"/> for a stream (checked item by item).</param>
/// <param name="Count">How many items the input holds, when known.</param>
/// <param name="CallerKeys">Whether the caller gives the keys: the journal then holds no input fingerprint (the input may
/// be re-ordered, filtered or appended to), and each item is checked by its key and content hash instead.</param>
internal sealed record JournalFor(string Kind, BulkTarget? Target, JsonTypeInfo ResultJson, string? Input, int? Count, bool CallerKeys);

/// <summary>
/// The append-only JSONL journal of a bulk run: a header line (kind, target, input fingerprint, an id that the vendor
/// tokens start with), then one line per change of an item's state; the last line of a key wins. An item without a line
/// is pending. A "sent" line is on disk (flushed and fsynced) before its request leaves, so that a run killed at any
/// moment knows which items may have reached the vendor; the other lines are written in batches, since losing one
/// only costs a reconcile on resume. A torn last line (the process died while writing it) is dropped on open.
/// </summary>
/// <remarks>
/// The file is held with an exclusive lock while a run uses it (<see cref="FileShare.None"/>: an advisory
/// <c>flock(LOCK_EX)</c> on Unix, which readers that take no lock, such as <c>cat</c> or <c>tail</c>, do not see, and which
/// the kernel releases when the process ends, however it ends). Only an absent or empty file, or one whose first line
/// is this journal's header, is ever written. Lines are written by one task, which groups the lines that arrive
/// together under one fsync. When a write fails (a full disk), the journal stops: <see cref="Failure"/> says why, the
/// sends waiting for their "sent" line are refused, and nothing more is written.
/// </remarks>
internal sealed class BulkJournal : IAsyncDisposable
{
    private const string Marker = "auditclient.bulk-journal";
    private const int Version = 1;

    /// <summary>How the header this SDK writes begins: a file without a newline that begins so is a header torn at creation.</summary>
    private static ReadOnlySpan<byte> HeaderStart => "{\"journal\":\"auditclient.bulk-journal\","u8;

    /// <summary>How much of a file is read to find its first line (a header is far shorter).</summary>
    private const int FirstLineLimit = 64 * 1024;

    private readonly FileStream _file;
    private readonly Channel<(byte[] Line, TaskCompletionSource? Durable)> _lines =
        Channel.CreateUnbounded<(byte[], TaskCompletionSource?)>(new UnboundedChannelOptions { SingleReader = true });

    private readonly Dictionary<string, JournalEntry> _entries;
    private readonly Dictionary<int, string> _keyAt;
    private readonly Task _writer;

    // The file may be read by others (it holds only a fingerprint of the key): a key the vendor echoed in an answer or an
    // error is removed before it is written.
    private readonly Redactor _redactor;
    private volatile BulkJournalException? _failure;
    private string? _failureCause;

    private BulkJournal(string path, FileStream file, string id, Dictionary<string, JournalEntry> entries, Redactor redactor)
    {
        Path = path;
        _file = file;
        _redactor = redactor;
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

    /// <summary>Why the journal stopped (a write failed), or <see langword="null"/> while it is written.</summary>
    public BulkJournalException? Failure => _failure;

    /// <summary>The content hash of an item: 16 hex digits of the SHA-256 of its JSON.</summary>
    public static string Hash(byte[] json) => Convert.ToHexString(SHA256.HashData(json).AsSpan(0, 8)).ToLowerInvariant();

    /// <summary>The fingerprint of a whole input: the hash of its items' hashes, in order.</summary>
    public static string Fingerprint(IEnumerable<string> hashes) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', hashes))).AsSpan(0, 16)).ToLowerInvariant();

    /// <summary>
    /// Opens the journal at <paramref name="path"/> and locks it for this run: creates it when it does not exist (or is
    /// empty, or holds only a header torn at creation); refuses, leaving the file as it was, one that is in use by
    /// another run, is not a journal, has a line that cannot be read, or was made for another kind of write, another
    /// target or another input.
    /// </summary>
    public static BulkJournal Open(string path, JournalFor expected)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        FileStream file;
        try
        {
            // FileShare.None: the only share mode for which .NET takes an exclusive lock on Unix (any other is shared).
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None);
        }
        catch (IOException e) when (IsLocked(e))
        {
            throw new BulkJournalException(path, "is in use by another run (it holds the journal's lock; one run per journal at a time). Nothing was sent. Wait for that run to end, or give another journal file.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new BulkJournalException(path, $"cannot be opened for writing ({e.Message}). Nothing was sent.", e);
        }

        if (!file.CanSeek)
        {
            // A pipe or a terminal (/dev/stdout): what is written there cannot be read back by the next run.
            file.Dispose();
            throw new BulkJournalException(path, "is not a regular file (a pipe or a terminal cannot be read back by the next run). Nothing was sent; give a file on a local disk.");
        }

        try
        {
            var length = file.Length;
            var head = new byte[(int)Math.Min(length, FirstLineLimit)];
            file.ReadExactly(head);
            var firstNewline = Array.IndexOf(head, (byte)'\n');
            if (length == 0 || (firstNewline < 0 && length < FirstLineLimit && head.AsSpan().StartsWith(HeaderStart)))
            {
                // Empty, or a header torn by a crash (or a full disk) at creation: nothing was sent under it.
                return Create(path, file, expected);
            }

            if (firstNewline < 0)
            {
                throw NotAJournal(path);
            }

            var bytes = head;
            if (length > head.Length)
            {
                bytes = new byte[length];
                head.CopyTo(bytes, 0);
                file.ReadExactly(bytes.AsSpan(head.Length));
            }

            var lastNewline = Array.LastIndexOf(bytes, (byte)'\n');
            var (journalId, entries) = Read(path, bytes.AsSpan(0, lastNewline + 1), expected);

            // A torn last line is dropped, so the next line does not start in the middle of it.
            // Stryker disable once Arithmetic : equivalent: "lastNewline - 1 < length" holds whenever there is no torn line too, and cutting a file to its own length changes nothing.
            if (lastNewline + 1 < bytes.Length)
            {
                file.SetLength(lastNewline + 1);
                file.Flush(flushToDisk: true);
            }

            // Stryker disable once Statement : equivalent: the whole file was read, so the position is at its end, and SetLength moves a position past a new end back to it; kept so that appending does not rest on that.
            file.Seek(0, SeekOrigin.End);
            return new BulkJournal(path, file, journalId, entries, expected.Target?.Redactor ?? Redactor.None);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            file.Dispose();
            throw new BulkJournalException(path, $"cannot be read or written ({e.Message}). Nothing was sent.", e);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private static BulkJournal Create(string path, FileStream file, JournalFor expected)
    {
        var id = Convert.ToHexString(RandomNumberGenerator.GetBytes(6)).ToLowerInvariant();
        var header = Header(expected, id);
        try
        {
            file.SetLength(0);
            file.Write(header);
            file.Flush(flushToDisk: true);
        }
        catch (IOException e)
        {
            // Emptied again (truncating needs no space), so that the next run starts it afresh.
            try
            {
                file.SetLength(0);
            }
            catch (IOException)
            {
            }

            file.Dispose();
            throw new BulkJournalException(path, $"cannot be written ({e.Message}). Nothing was sent.", e);
        }

        return new BulkJournal(path, file, id, [], expected.Target?.Redactor ?? Redactor.None);
    }

    // The lock of another open (EWOULDBLOCK from flock on Linux and macOS; a sharing or lock violation on Windows).
    private static bool IsLocked(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);

    private static BulkJournalException NotAJournal(string path) => new(
        path,
        "is not a bulk journal of AuditClient (its first line is not a journal's header). It was not changed, and nothing was sent. Give a new file, or an empty one.");

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

    /// <summary>
    /// Journals that the item's request is about to leave, and returns once that line is on disk; fails with
    /// <see cref="Failure"/> when the journal cannot be written (the request must then not leave).
    /// </summary>
    public Task SentAsync(string key, int index, string? hash, DateTimeOffset at)
    {
        var durable = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(Line(key, index, hash, "sent", at, null, null), durable);
        return durable.Task;
    }

    // The lines below are not waited for: once the journal has stopped they are dropped, and the item's outcome is still
    // reported to the caller. Its "sent" line is on disk, so a resumed run looks it up rather than sending it again.
    public void Done(string key, int index, string? hash, DateTimeOffset at, byte[] result) => Enqueue(Line(key, index, hash, "done", at, Redacted(result), null), null);

    public void Failed(string key, int index, string? hash, DateTimeOffset at, string error) => Enqueue(Line(key, index, hash, "failed", at, null, _redactor.Redact(error)), null);

    public void InDoubt(string key, int index, string? hash, DateTimeOffset at, string error) => Enqueue(Line(key, index, hash, "in_doubt", at, null, _redactor.Redact(error)), null);

    // The answer's JSON with the key replaced inside its strings ("[redacted]" needs no escaping, and a key's forms are
    // matched whole, escapes included), so that the line stays the vendor's answer to the next run.
    private byte[] Redacted(byte[] result)
    {
        var text = Encoding.UTF8.GetString(result);
        var redacted = _redactor.Redact(text)!;
        return ReferenceEquals(redacted, text) ? result : Encoding.UTF8.GetBytes(redacted);
    }

    /// <summary>
    /// The error of an item that was not sent (again) because the journal stopped: it names the journal, the cause and
    /// the item, and says what a run started again does.
    /// </summary>
    public BulkJournalException NotSent(int index, string key, bool sentBefore)
    {
        var (failure, cause) = (_failure!, _failureCause!);
        var what = sentBefore
            ? "was not sent again (its earlier send is journaled, so the next run looks it up at the vendor first)"
            : "was not sent";
        return new BulkJournalException(Path, string.Create(
            CultureInfo.InvariantCulture,
            $"{cause}; item {index} (key {key}) {what}. Once the journal can be written again, run again with the same journal: nothing is sent twice."), failure.InnerException);
    }

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
            // Stopped by a failed write (the run never writes after disposing the journal).
            durable?.TrySetException(_failure ?? new BulkJournalException(Path, "is closed."));
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
                    // Waiting before the write: a line whose own write fails must still fail its send, not leave it hanging.
                    if (next.Durable is { } durable)
                    {
                        waiting.Add(durable);
                    }

                    _file.Write(next.Line);
                }

                // One fsync for every line that arrived while the last one ran (group commit).
                _file.Flush(flushToDisk: true);
                foreach (var durable in waiting)
                {
                    durable.TrySetResult();
                }
            }
            catch (Exception e)
            {
                // A journal that cannot be written must stop the sends that wait on it, never let them leave unjournaled,
                // and write nothing more (a line after a short write would not start on a line of its own).
                _failureCause = $"cannot be written ({e.Message})";
                var failure = new BulkJournalException(Path, _failureCause + ".", e);
                _failure = failure;
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

    private static byte[] Header(JournalFor expected, string id)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("journal", Marker);
            json.WriteNumber("version", Version);
            json.WriteString("kind", expected.Kind);
            json.WriteString("id", id);
            if (expected.Target is { } target)
            {
                json.WriteStartObject("target");
                json.WriteString("vendor", target.Vendor);
                json.WriteString("base_address", target.BaseAddress);
                if (target.Account is not null)
                {
                    json.WriteString("account", target.Account);
                }

                json.WriteString("key", target.KeyFingerprint(id));
                json.WriteEndObject();
            }

            if (expected.Input is not null)
            {
                json.WriteString("input", expected.Input);
            }

            if (expected.Count is { } n)
            {
                json.WriteNumber("count", n);
            }

            if (expected.CallerKeys)
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

    /// <summary>
    /// Reads every complete line: the header first (line 1), then the items' lines, each checked whole (a line that
    /// cannot be read is refused, naming it, rather than half-believed).
    /// </summary>
    private static (string Id, Dictionary<string, JournalEntry> Entries) Read(string path, ReadOnlySpan<byte> text, JournalFor expected)
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
            if (!Utf8.IsValid(line))
            {
                throw id is null ? NotAJournal(path) : Unreadable(path, number, "it is not UTF-8 text", null);
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line.ToArray());
            }
            catch (JsonException e)
            {
                throw id is null ? NotAJournal(path) : Unreadable(path, number, e.Message, e);
            }

            using (document)
            {
                if (id is null)
                {
                    id = ReadHeader(path, document.RootElement, expected);
                    continue;
                }

                var (entry, problem) = ReadEntry(document.RootElement, expected);
                if (problem is not null)
                {
                    throw Unreadable(path, number, problem, null);
                }

                entries[entry!.Key] = entry;
            }
        }

        return (id ?? throw NotAJournal(path), entries);
    }

    private static BulkJournalException Unreadable(string path, int number, string problem, Exception? cause) => new(path, string.Create(
        CultureInfo.InvariantCulture,
        $"line {number} cannot be read ({problem}). Only a torn last line is ignored; nothing was sent and the file was not changed."), cause);

    /// <summary>One item's line, or what is wrong with it.</summary>
    private static (JournalEntry? Entry, string? Problem) ReadEntry(JsonElement root, JournalFor expected)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return (null, $"it is a JSON {root.ValueKind.ToString().ToLowerInvariant()}, not an object");
        }

        if (!root.TryGetProperty("key", out var keyElement) || keyElement.ValueKind != JsonValueKind.String)
        {
            return (null, "\"key\" is not a string");
        }

        if (!root.TryGetProperty("index", out var indexElement) || indexElement.ValueKind != JsonValueKind.Number
            || !indexElement.TryGetInt32(out var index) || index < 0)
        {
            return (null, "\"index\" is not a whole number of 0 or more");
        }

        var key = keyElement.GetString()!;
        string? hash = null;
        if (root.TryGetProperty("hash", out var hashElement))
        {
            if (hashElement.ValueKind != JsonValueKind.String || !IsHash(hash = hashElement.GetString()!))
            {
                return (null, "\"hash\" is not 16 hexadecimal digits");
            }
        }

        if (expected.CallerKeys)
        {
            if (BulkRunner.KeyProblem(key) is { } problem)
            {
                return (null, "\"key\" " + problem);
            }

            if (hash is null)
            {
                return (null, "\"hash\" is missing (a journal of keys given by the caller holds each item's content hash)");
            }
        }
        else if (!key.StartsWith(index.ToString(CultureInfo.InvariantCulture) + ":", StringComparison.Ordinal) || !IsHash(key[(key.IndexOf(':', StringComparison.Ordinal) + 1)..]))
        {
            return (null, "\"key\" is not the item's position and content hash (\"index:hash\") with the line's \"index\"");
        }

        if (!root.TryGetProperty("state", out var stateElement) || stateElement.ValueKind != JsonValueKind.String || State(stateElement.GetString()!) is not { } state)
        {
            return (null, "\"state\" is not one of \"sent\", \"done\", \"failed\", \"in_doubt\"");
        }

        if (!root.TryGetProperty("at", out var atElement) || atElement.ValueKind != JsonValueKind.String || !atElement.TryGetDateTimeOffset(out var at))
        {
            return (null, "\"at\" is not a date and time");
        }

        string? error = null;
        if (root.TryGetProperty("error", out var errorElement))
        {
            if (errorElement.ValueKind != JsonValueKind.String)
            {
                return (null, "\"error\" is not a string");
            }

            error = errorElement.GetString();
        }

        string? result = null;
        if (state == JournalState.Done)
        {
            if (!root.TryGetProperty("result", out var resultElement) || resultElement.ValueKind != JsonValueKind.Object)
            {
                return (null, "a done line's \"result\" is not the vendor's answer (a JSON object)");
            }

            result = resultElement.GetRawText();
            if (ResultProblem(result, expected.ResultJson) is { } problem)
            {
                return (null, "a done line's \"result\" cannot be read as the vendor's answer: " + problem);
            }
        }

        return (new JournalEntry(key, index, state, at, result, error, hash), null);
    }

    private static string? ResultProblem(string result, JsonTypeInfo resultJson)
    {
        try
        {
            return JsonSerializer.Deserialize(result, resultJson) is null ? "it is null" : null;
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or ArgumentException or OverflowException or NotSupportedException)
        {
            return e.Message;
        }
    }

    private static bool IsHash(string text) => text.Length == 16 && text.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c));

    private static string ReadHeader(string path, JsonElement root, JournalFor expected)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("journal", out var marker) || marker.ValueKind != JsonValueKind.String || marker.GetString() != Marker)
        {
            throw NotAJournal(path);
        }

        BulkJournalException Bad(string problem) => Unreadable(path, 1, "the header's " + problem, null);
        string? Text(string name) => root.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw Bad($"\"{name}\" is not a string") : null;

        if (!root.TryGetProperty("version", out var versionElement) || versionElement.ValueKind != JsonValueKind.Number || !versionElement.TryGetInt32(out var version))
        {
            throw Bad("\"version\" is not a whole number");
        }

        if (version != Version)
        {
            throw new BulkJournalException(path, string.Create(CultureInfo.InvariantCulture, $"has version {version}; this SDK reads version {Version}. Nothing was sent and the file was not changed."));
        }

        var id = Text("id");
        if (id is null || id.Length != 12 || !id.All(c => char.IsAsciiHexDigitLower(c) || char.IsAsciiDigit(c)))
        {
            throw Bad("\"id\" is not 12 hexadecimal digits");
        }

        var journaledKind = Text("kind") ?? throw Bad("\"kind\" is missing");
        if (journaledKind != expected.Kind)
        {
            throw new BulkJournalException(path, $"was made for {journaledKind}, not {expected.Kind}: the journal was made for other input. Give a new journal file.");
        }

        var journaledCallerKeys = Text("keys") switch
        {
            null => false,
            "caller" => true,
            _ => throw Bad("\"keys\" is not \"caller\""),
        };
        if (journaledCallerKeys != expected.CallerKeys)
        {
            throw new BulkJournalException(path, journaledCallerKeys
                ? "was made with keys given by the caller (a keySelector); this run derives the keys from each item's position and content. Give the same keySelector, or a new journal file."
                : "was made with keys derived from each item's position and content; this run gives its own keys (a keySelector). Run it without the keySelector, or with a new journal file.");
        }

        CheckTarget(path, root, id, expected.Target, Bad);

        var journaledInput = Text("input");
        if (journaledInput != expected.Input && (journaledInput is not null || expected.Input is not null))
        {
            throw new BulkJournalException(path, $"was made for other input (input fingerprint {journaledInput ?? "of a stream"}, this input's is {expected.Input ?? "of a stream"}). Give the same input, or a new journal file.");
        }

        return id;
    }

    /// <summary>
    /// Refuses a run against another target than the journal's, naming what differs; the key is compared by its
    /// fingerprint under the journal's id, and neither key is named.
    /// </summary>
    private static void CheckTarget(string path, JsonElement root, string id, BulkTarget? target, Func<string, BulkJournalException> bad)
    {
        var journaled = root.TryGetProperty("target", out var element) ? element : (JsonElement?)null;
        if (journaled is { ValueKind: not JsonValueKind.Object })
        {
            throw bad("\"target\" is not an object");
        }

        string? Field(string name) => journaled is { } t && t.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw bad($"\"target.{name}\" is not a string")
            : null;

        var (vendor, address, account, key) = (Field("vendor"), Field("base_address"), Field("account"), Field("key"));
        if (journaled is not null && (vendor is null || address is null || key is null))
        {
            throw bad("\"target\" lacks its vendor, base address or key fingerprint");
        }

        const string Advice = " A journal resumes only against the target it was made for: what it holds as done was done there. Nothing was sent and the file was not changed; give a new journal file for this target.";
        if (target is null || journaled is null)
        {
            if (target is null && journaled is null)
            {
                return;
            }

            throw new BulkJournalException(path, target is null
                ? $"was made for {BulkTarget.Describe(vendor!, address!, account)}; this run's client is not one of the SDK's, so where it sends is unknown." + Advice
                : $"was made with a client that is not one of the SDK's; this run sends to {target}." + Advice);
        }

        var differs = new List<string>();
        if (vendor != target.Vendor)
        {
            differs.Add("another vendor");
        }

        if (address != target.BaseAddress)
        {
            differs.Add("another base address");
        }

        if (account != target.Account)
        {
            differs.Add("another account");
        }

        if (differs.Count == 0 && key != target.KeyFingerprint(id))
        {
            throw new BulkJournalException(path, $"was made for {target} with a different API key (the journal holds a fingerprint of the key, never the key)." + Advice);
        }

        if (differs.Count > 0)
        {
            throw new BulkJournalException(path, $"was made for {BulkTarget.Describe(vendor!, address!, account)}; this run sends to {target}: {string.Join(", ", differs)}." + Advice);
        }
    }

    private static JournalState? State(string state) => state switch
    {
        "sent" => JournalState.Sent,
        "done" => JournalState.Done,
        "failed" => JournalState.Failed,
        "in_doubt" => JournalState.InDoubt,
        _ => null,
    };
}
