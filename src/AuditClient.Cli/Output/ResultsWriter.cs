using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditClient.Core.Errors;

namespace AuditClient.Cli.Output;

/// <summary>
/// <c>--results FILE</c>: one JSON object per input record, written as its outcome is known (so completion order, not
/// input order): <c>line</c>, <c>key</c>, <c>status</c> (<c>succeeded</c>, <c>resumed</c>, <c>failed</c>,
/// <c>invalid</c>, <c>not_sent</c>), then <c>vendor_id</c> (audits) or <c>message</c> (reviews) on success,
/// <c>error</c> otherwise. Those values come from the vendor and are written without the API key
/// (<see cref="Redactor"/>). Each line is handed to the operating system whole as it is written, so a run killed at any
/// moment leaves every outcome it knew, each on a complete line. Thread-safe.
/// </summary>
internal sealed class ResultsWriter : IDisposable
{
    private readonly CancellationTokenSource _broken = new();
    private readonly string? _path;
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };
    private readonly Lock _lock = new();
    private readonly FileStream? _stream;
    private readonly ArrayBufferWriter<byte> _line = new(256);
    private readonly Utf8JsonWriter? _writer;
    private readonly Redactor _redactor;

    private ResultsWriter(string? path, FileStream? stream, Redactor redactor)
    {
        _path = path;
        _stream = stream;
        _redactor = redactor;
        _writer = stream is null ? null : new Utf8JsonWriter(_line, Options);
    }

    public static ResultsWriter Open(string? path, Redactor redactor)
    {
        if (path is null)
        {
            return new ResultsWriter(null, null, redactor);
        }

        if (Directory.Exists(path))
        {
            throw CliException.Usage($"--results {path}: is a directory.");
        }

        try
        {
            // Unbuffered: each line goes to the operating system in the one write that Write makes of it.
            return new ResultsWriter(path, new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 0), redactor);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"--results {path}: cannot be written ({e.Message}).");
        }
    }

    /// <summary>Why the file could not be written (a full disk, an I/O error), once a write failed; then nothing more is written.</summary>
    public string? Error { get; private set; }

    /// <summary>Canceled when a write fails: outcomes that follow could not be recorded, so nothing more should be sent.</summary>
    public CancellationToken Broken => _broken.Token;

    public void Write(int line, string? key, string status, string? valueName = null, string? value = null)
    {
        if (_writer is null)
        {
            return;
        }

        lock (_lock)
        {
            if (Error is not null)
            {
                return;
            }

            _writer.WriteStartObject();
            _writer.WriteNumber("line", line);
            if (key is null)
            {
                _writer.WriteNull("key");
            }
            else
            {
                _writer.WriteString("key", key);
            }

            _writer.WriteString("status", status);
            if (valueName is not null)
            {
                _writer.WriteString(valueName, _redactor.Redact(value));
            }

            _writer.WriteEndObject();
            _writer.Flush();
            _writer.Reset();

            // The line with its newline in one write: a process killed at any moment leaves whole lines only.
            _line.Write("\n"u8);
            var end = _stream!.Position;
            try
            {
                _stream.Write(_line.WrittenSpan);
            }
            catch (IOException e)
            {
                Error = $"--results {_path}: cannot be written ({e.Message}).";
                CutBackTo(end);

                // Not Cancel(): its callbacks would go on with the run inside this lock.
                _ = _broken.CancelAsync();
            }
            finally
            {
                _line.ResetWrittenCount();
            }
        }
    }

    // A disk that filled mid-line took part of it: the file keeps whole lines only.
    private void CutBackTo(long end)
    {
        try
        {
            _stream!.SetLength(end);
        }
        catch (IOException)
        {
            // The error is reported already; a cut last line is then the most the file can hold.
        }
    }

    public void Dispose()
    {
        _writer?.Dispose();
        try
        {
            _stream?.Dispose();
        }
        catch (IOException)
        {
            // Nothing is buffered: a failure to close loses no line that was not already reported.
        }

        _broken.Dispose();
    }
}
