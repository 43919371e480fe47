using System.Globalization;
using System.Text;
using AuditClient.Cli.Hosting;
using AuditClient.Cli.Output;
using AuditClient.Core.Errors;
using AuditClient.Scale;
using CsvHelper;

namespace AuditClient.Cli.Commands;

/// <summary>
/// <c>tasks list</c>: pages through a task listing (<c>GET /v1/tasks</c>) one page at a time, writing each page as it
/// arrives (JSONL in Scale's wire format, or CSV), with a progress line per page on standard error. The token of the
/// next page is printed with every line, so an interrupted or failed export goes on with <c>--resume-token</c>
/// (appending to <c>--out</c>).
/// </summary>
internal static class TaskExport
{
    private static readonly string[] CsvColumns =
    [
        "task_id", "project", "batch", "type", "status", "customer_review_status", "is_customer_fix", "created_at",
        "updated_at", "completed_at", "unique_id", "tags", "audit_count", "latest_audit_result",
    ];

    public static async Task<int> RunAsync(CliContext context, ClientSession session, ScaleTaskQuery query, bool csv, string? outPath, SummaryJson summary, CancellationToken cancellationToken)
    {
        var resuming = !string.IsNullOrEmpty(query.NextToken);
        await using var target = OpenTarget(context, outPath, resuming, out var appendingToData);
        using var csvWriter = csv ? CsvWriter.Create(target, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true) : null;
        if (csvWriter is not null && !appendingToData)
        {
            foreach (var column in CsvColumns)
            {
                csvWriter.WriteField(column);
            }

            csvWriter.EndRecord();
        }

        var written = 0L;
        var page = 0;
        var next = query.NextToken;
        void Summarize(string? resumeWith)
        {
            summary.Set("tasks", written);
            summary.Set("pages", page);
            summary.Set("resume_token", resumeWith is null ? null : Token(resumeWith));
            summary.RateOf = written;
        }

        // A token that echoes the API key is not printed, in any encoding: it shows as [redacted], as the key would.
        string Token(string scaleToken) =>
            context.Redactor.Redact(scaleToken) == scaleToken ? ResumeToken.Encode(scaleToken, query) : "[redacted]";

        Summarize(next);
        try
        {
            await foreach (var result in session.ScaleTasks.ListAllTasksAsync(query, cancellationToken).AsPages(next).ConfigureAwait(false))
            {
                foreach (var task in result.Docs ?? [])
                {
                    if (csvWriter is not null)
                    {
                        WriteCsv(csvWriter, task, context.Redactor);
                    }
                    else
                    {
                        await target.WriteLineAsync(context.Redactor.Redact(AuditClientJson.Serialize(task))).ConfigureAwait(false);
                    }

                    written++;
                }

                csvWriter?.Flush();
                await target.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                page++;

                // The pager stops after a page without next_token or with has_more false; a token printed then would
                // resume past the end.
                var more = result.HasMore != false && !string.IsNullOrEmpty(result.NextToken);
                next = more ? result.NextToken : null;
                Summarize(next);
                context.Error.WriteLine(context.Redactor.Redact(string.Create(
                    CultureInfo.InvariantCulture,
                    $"page {page}: {written} tasks written{(result.Total is { } total ? $" of {total}" : string.Empty)}{(more ? $"; next page: --resume-token {Token(next!)}" : "; done")}")));
                cancellationToken.ThrowIfCancellationRequested();
            }

            return ExitCodes.Ok;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Error.WriteLine(context.Redactor.Redact(Resume("interrupted", written, next is null ? null : Token(next))));
            return ExitCodes.Interrupted;
        }
        catch (AuditValidationException e)
        {
            throw CliException.Usage(e.Message);
        }
        catch (AuditApiException e)
        {
            // The pager names the page that failed; it is the page after the last one written, so resuming from it
            // writes nothing twice.
            context.Error.WriteLine(context.Redactor.Redact($"error: {e.Message}"));
            Summarize(e.ContinuationToken);
            context.Error.WriteLine(context.Redactor.Redact(Resume("stopped", written, e.ContinuationToken is null ? null : Token(e.ContinuationToken))));
            return ExitCodes.Failed;
        }
    }

    private static string Resume(string what, long written, string? token) => string.Create(
        CultureInfo.InvariantCulture,
        $"{what} after {written} tasks; {(token is null ? "run the same command again to start over" : $"go on with --resume-token {token}")}");

    private static TextWriter OpenTarget(CliContext context, string? outPath, bool resuming, out bool appendingToData)
    {
        appendingToData = false;
        if (outPath is null)
        {
            return new NonClosingWriter(context.Out);
        }

        if (Directory.Exists(outPath))
        {
            throw CliException.Usage($"--out {outPath}: is a directory.");
        }

        try
        {
            appendingToData = resuming && File.Exists(outPath) && new FileInfo(outPath).Length > 0;
            return new StreamWriter(outPath, append: resuming, new UTF8Encoding(false)) { NewLine = "\n" };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.Usage($"--out {outPath}: cannot be written ({e.Message}).");
        }
    }

    private static void WriteCsv(CsvWriter writer, ScaleTask task, Redactor redactor)
    {
        Field(task.TaskId);
        Field(task.Project);
        Field(task.Batch);
        Field(task.Type);
        Field(task.Status?.ToString());
        Field(task.CustomerReviewStatus?.ToString());
        Field(task.IsCustomerFix is { } fix ? (fix ? "true" : "false") : string.Empty);
        Field(Time(task.CreatedAt));
        Field(Time(task.UpdatedAt));
        Field(Time(task.CompletedAt));
        Field(task.UniqueId);
        Field(task.Tags is null ? string.Empty : string.Join(';', task.Tags));
        Field((task.Audits?.Count ?? 0).ToString(CultureInfo.InvariantCulture));
        Field(task.LatestAudit?.AuditResult?.ToString());
        writer.EndRecord();

        void Field(string? value) => writer.WriteField(redactor.Redact(value));
    }

    private static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : string.Empty;

    /// <summary>Standard output, which the export writes to but must not close.</summary>
    private sealed class NonClosingWriter(TextWriter inner) : TextWriter
    {
        public override Encoding Encoding => inner.Encoding;

        public override void Write(char value) => inner.Write(value);

        public override void Write(string? value) => inner.Write(value);

        public override void Write(ReadOnlySpan<char> buffer) => inner.Write(buffer);

        public override void WriteLine(string? value) => inner.WriteLine(value);

        public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(value);

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);
    }
}
