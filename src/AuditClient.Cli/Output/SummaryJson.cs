using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditClient.Cli.Commands;

namespace AuditClient.Cli.Output;

/// <summary>
/// <c>--summary-json FILE</c>: one JSON object with what a run counted, how long it took, its exit code and the word
/// for it (<see cref="ExitCodes.Reason"/>), for a pipeline to read instead of parsing the text on standard error.
/// Written once the command ends, whatever ended it (success, failure, a stop, Ctrl+C or SIGTERM, a usage error found
/// during the run), to a temporary file beside FILE that then replaces it: a reader sees the previous summary or the
/// new one, never a part.
/// </summary>
internal sealed class SummaryJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };
    private readonly string _command;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<(string Name, object? Value)> _fields = [];
    private readonly Lock _lock = new();
    private IReadOnlyList<RuleCount>? _problems;

    private SummaryJson(string command)
    {
        _command = command;
    }

    /// <summary>The records (or tasks) the rate is of: those checked, sent or written.</summary>
    public long RateOf { get; set; }

    /// <summary>
    /// Runs <paramref name="body"/> and writes the summary to <paramref name="path"/> (when given) with the exit code it
    /// returned, or the one its exception ends the tool with.
    /// </summary>
    public static async Task<int> RunAsync(string? path, string command, CancellationToken cancellationToken, Func<SummaryJson, Task<int>> body)
    {
        var summary = new SummaryJson(command);
        int code;
        try
        {
            code = await body(summary).ConfigureAwait(false);
        }
        catch (Exception e) when (path is not null)
        {
            summary.Write(path, CodeOf(e, cancellationToken));
            throw;
        }

        if (path is not null)
        {
            summary.Write(path, code);
        }

        return code;
    }

    /// <summary>Sets a count (or a text) of the summary; the last value set for a name is written.</summary>
    public void Set(string name, object? value)
    {
        lock (_lock)
        {
            var at = _fields.FindIndex(f => f.Name == name);
            if (at >= 0)
            {
                _fields[at] = (name, value);
            }
            else
            {
                _fields.Add((name, value));
            }
        }
    }

    /// <summary>Every problem a check found, counted by rule.</summary>
    public void SetProblems(CheckSummary check)
    {
        Set("records", check.Records);
        Set("valid", check.ValidRecords);
        Set("invalid", check.InvalidRecords);
        Set("errors", check.Errors);
        Set("warnings", check.Warnings);
        lock (_lock)
        {
            _problems = check.ByRule;
        }
    }

    // The exit code CliApp gives an exception that ends a command.
    private static int CodeOf(Exception e, CancellationToken cancellationToken) => e switch
    {
        CliException cli => cli.ExitCode,
        OperationCanceledException when cancellationToken.IsCancellationRequested => ExitCodes.Interrupted,
        IOException or UnauthorizedAccessException => ExitCodes.Usage,
        _ => ExitCodes.Failed,
    };

    private void Write(string path, int code)
    {
        var elapsed = _clock.Elapsed.TotalSeconds;
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("command", _command);
            json.WriteNumber("exit_code", code);
            json.WriteString("exit_reason", ExitCodes.Reason(code));
            lock (_lock)
            {
                foreach (var (name, value) in _fields)
                {
                    switch (value)
                    {
                        case null:
                            json.WriteNull(name);
                            break;
                        case int n:
                            json.WriteNumber(name, n);
                            break;
                        case long n:
                            json.WriteNumber(name, n);
                            break;
                        case bool b:
                            json.WriteBoolean(name, b);
                            break;
                        default:
                            json.WriteString(name, Convert.ToString(value, CultureInfo.InvariantCulture));
                            break;
                    }
                }

                json.WriteNumber("elapsed_seconds", Math.Round(elapsed, 3));
                json.WriteNumber("rate", elapsed > 0 ? Math.Round(RateOf / elapsed, 1) : 0);
                if (_problems is { } problems)
                {
                    json.WriteStartArray("problems");
                    foreach (var problem in problems.OrderByDescending(p => p.Count))
                    {
                        json.WriteStartObject();
                        json.WriteString("severity", problem.Severity);
                        json.WriteString("rule", problem.Rule);
                        json.WriteNumber("count", problem.Count);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }
            }

            json.WriteEndObject();
        }

        var full = Path.GetFullPath(path);
        var temp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                file.Write(buffer.WrittenSpan);
                file.Write("\n"u8);
                file.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            throw CliException.Usage($"--summary-json {path}: cannot be written ({e.Message}).");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The summary's own error is the one reported.
        }
    }
}
