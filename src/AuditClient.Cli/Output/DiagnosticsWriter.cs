namespace AuditClient.Cli.Output;

/// <summary>
/// Standard error as the tool writes to it: progress, warnings and errors, never an outcome. When it cannot be written
/// (a log on a full disk, a closed descriptor, a terminal gone after SIGHUP) the text is dropped: a run must not fail,
/// nor report a record twice, because its diagnostics could not be shown. Outcomes go to <c>--results</c> and the summary.
/// </summary>
internal sealed class DiagnosticsWriter(TextWriter inner) : TextWriter
{
    public override System.Text.Encoding Encoding => inner.Encoding;

    public override void Write(char value) => Try(() => inner.Write(value));

    public override void Write(string? value) => Try(() => inner.Write(value));

    public override void WriteLine(string? value) => Try(() => inner.WriteLine(value));

    public override Task WriteLineAsync(string? value)
    {
        Try(() => inner.WriteLine(value));
        return Task.CompletedTask;
    }

    public override void Flush() => Try(inner.Flush);

    private static void Try(Action write)
    {
        try
        {
            write();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
            // A closed descriptor 2 reused by a file the tool opened for reading.
        }
    }
}
