using System.Diagnostics;
using System.Globalization;
using AuditClient.Cli.Hosting;
using AuditClient.Cli.Input;
using AuditClient.Cli.Output;
using AuditClient.Scale;
using Spectre.Console;

namespace AuditClient.Cli.Commands;

/// <summary>The settings of one <c>submit</c> run.</summary>
internal sealed record SubmitSettings(string Path, RecordKind Kind, bool Csv, GraderRulePolicy Policy, int Concurrency, bool SkipInvalid, string? ResultsPath, string? JournalPath = null);

/// <summary>
/// <c>submit audits|reviews FILE</c>: checks the whole file first, then streams it again and sends every valid record,
/// at most <see cref="SubmitSettings.Concurrency"/> at once under the client's rate limiter and retry rules. Every
/// record gets exactly one outcome (succeeded, failed, invalid or not sent), in <c>--results</c> and in the summary.
/// Interruption stops sending; the sends in flight finish (they are not canceled, so their outcome is known), and
/// the records not sent are listed as <c>not_sent</c>.
/// </summary>
internal static class Submitter
{
    public static async Task<int> RunAsync(CliContext context, SubmitSettings settings, ClientSession session, CancellationToken cancellationToken)
    {
        var check = Checker.Check(context, settings.Path, settings.Kind, settings.Csv, settings.Policy, cancellationToken);
        context.Out.WriteLine(Checker.SummaryLine(settings.Path, settings.Kind, check));
        var sendNothing = check.InvalidRecords > 0 && !settings.SkipInvalid;
        if (sendNothing)
        {
            context.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"nothing was sent: {check.InvalidRecords} of {check.Records} {settings.Kind.Name} have errors. Fix them, or pass --skip-invalid to send the {check.ValidRecords} valid ones."));
        }

        using var results = ResultsWriter.Open(settings.ResultsPath, context.Redactor);
        if (sendNothing)
        {
            foreach (var record in InputFile.Records(settings.Path, settings.Csv))
            {
                var parsed = settings.Kind.Parse(record, settings.Policy);
                results.Write(parsed.Line, parsed.Key, parsed.HasError ? "invalid" : "not_sent", parsed.HasError ? "error" : null, FirstError(parsed));
            }

            return ExitCodes.Failed;
        }

        if (settings.JournalPath is not null)
        {
            return await RunJournaledAsync(context, settings, session, check.ValidRecords, results, cancellationToken).ConfigureAwait(false);
        }

        int succeeded = 0, failed = 0, invalid = 0, notSent = 0;
        var clock = Stopwatch.StartNew();
        await SubmitProgress.RunAsync(context, settings.Kind.Name, check.ValidRecords, async report =>
        {
            using var slots = new SemaphoreSlim(settings.Concurrency);
            var inFlight = new List<Task>();
            foreach (var record in InputFile.Records(settings.Path, settings.Csv))
            {
                var parsed = settings.Kind.Parse(record, settings.Policy);
                if (parsed.HasError)
                {
                    invalid++;
                    results.Write(parsed.Line, parsed.Key, "invalid", "error", FirstError(parsed));
                    continue;
                }

                if (!await TakeSlotAsync(slots, cancellationToken).ConfigureAwait(false))
                {
                    notSent++;
                    results.Write(parsed.Line, parsed.Key, "not_sent");
                    continue;
                }

                inFlight.Add(SendAsync(parsed));
                if (inFlight.Count > settings.Concurrency * 4)
                {
                    inFlight.RemoveAll(t => t.IsCompleted);
                }
            }

            await Task.WhenAll(inFlight).ConfigureAwait(false);

            // Each send reports counts read while others were finishing: the final ones are known only now.
            report(new SubmitCounts(Volatile.Read(ref succeeded), Volatile.Read(ref failed), check.ValidRecords));

            async Task SendAsync(ParsedRecord parsed)
            {
                try
                {
                    var answer = await settings.Kind.SubmitAsync(session, parsed.Item!).ConfigureAwait(false);
                    var counts = new SubmitCounts(Interlocked.Increment(ref succeeded), Volatile.Read(ref failed), check.ValidRecords);
                    results.Write(parsed.Line, parsed.Key, "succeeded", settings.Kind == RecordKind.Audits ? "vendor_id" : "message", answer);
                    report(counts);
                }
                catch (Exception e)
                {
                    // The SDK throws its one exception family; anything else is still this record's failure, not the run's.
                    var counts = new SubmitCounts(Volatile.Read(ref succeeded), Interlocked.Increment(ref failed), check.ValidRecords);
                    results.Write(parsed.Line, parsed.Key, "failed", "error", e.Message);
                    report(counts);
                }
                finally
                {
                    slots.Release();
                }
            }
        }).ConfigureAwait(false);

        var interrupted = cancellationToken.IsCancellationRequested;
        WriteSummary(context, settings, succeeded, failed, invalid, notSent, clock.Elapsed);
        if (interrupted)
        {
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"interrupted: the {succeeded + failed} sends started were finished; {notSent} {settings.Kind.Name} were not sent{(settings.ResultsPath is null ? string.Empty : $" (status not_sent in {settings.ResultsPath})")}."));
            return ExitCodes.Interrupted;
        }

        return failed + invalid > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    /// <summary>
    /// <c>--journal FILE</c>: the valid records go through the SDK's bulk helper with the journal, so a run started again
    /// with the same file and journal skips what is done, looks up what was in flight when the last run died, and sends
    /// the rest. The records are held in memory (the journal's fingerprint covers the whole input).
    /// </summary>
    private static async Task<int> RunJournaledAsync(CliContext context, SubmitSettings settings, ClientSession session, int valid, ResultsWriter results, CancellationToken cancellationToken)
    {
        var records = new List<ParsedRecord>(valid);
        var invalid = 0;
        foreach (var record in InputFile.Records(settings.Path, settings.Csv))
        {
            var parsed = settings.Kind.Parse(record, settings.Policy);
            if (parsed.HasError)
            {
                invalid++;
                results.Write(parsed.Line, parsed.Key, "invalid", "error", FirstError(parsed));
            }
            else
            {
                records.Add(parsed);
            }
        }

        var clock = Stopwatch.StartNew();
        IReadOnlyList<BulkOutcome> outcomes = [];
        var resumed = 0;
        try
        {
            await SubmitProgress.RunAsync(context, settings.Kind.Name, records.Count, async report =>
            {
                var progress = new Progress(p => report(new SubmitCounts(p.Succeeded, p.Failed, records.Count)));
                var options = new BulkOptions { MaxConcurrency = settings.Concurrency, JournalPath = settings.JournalPath };
                outcomes = await settings.Kind.SubmitManyAsync(session, records.Select(r => r.Item!).ToList(), options, progress, cancellationToken).ConfigureAwait(false);
                report(new SubmitCounts(outcomes.Count(o => o.Status == BulkStatus.Succeeded), outcomes.Count(o => o.Status == BulkStatus.Failed), records.Count));
            }).ConfigureAwait(false);
        }
        catch (BulkJournalException e)
        {
            throw CliException.Usage(e.Message);
        }

        int succeeded = 0, failed = 0, notSent = 0;
        for (var i = 0; i < records.Count; i++)
        {
            var (parsed, outcome) = (records[i], outcomes[i]);
            switch (outcome.Status)
            {
                case BulkStatus.Succeeded:
                    succeeded++;
                    resumed += outcome.Resumed ? 1 : 0;
                    results.Write(parsed.Line, parsed.Key, outcome.Resumed ? "resumed" : "succeeded", settings.Kind == RecordKind.Audits ? "vendor_id" : "message", outcome.Answer);
                    break;
                case BulkStatus.Failed:
                    failed++;
                    results.Write(parsed.Line, parsed.Key, "failed", "error", outcome.Error);
                    break;
                default:
                    notSent++;
                    results.Write(parsed.Line, parsed.Key, "not_sent");
                    break;
            }
        }

        WriteSummary(context, settings, succeeded, failed, invalid, notSent, clock.Elapsed, resumed);
        if (cancellationToken.IsCancellationRequested)
        {
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"interrupted: {notSent} {settings.Kind.Name} were not sent; run the same command again with --journal {settings.JournalPath} to send them."));
            return ExitCodes.Interrupted;
        }

        return failed + invalid > 0 ? ExitCodes.Failed : ExitCodes.Ok;
    }

    private sealed class Progress(Action<BulkProgress> report) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => report(value);
    }

    private static async Task<bool> TakeSlotAsync(SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            slots.Release();
            return false;
        }

        return true;
    }

    private static string? FirstError(ParsedRecord parsed) =>
        parsed.Problems.FirstOrDefault(p => p.IsError) is { } p ? $"{p.Path}: {p.Rule}" : null;

    private static void WriteSummary(CliContext context, SubmitSettings settings, int succeeded, int failed, int invalid, int notSent, TimeSpan elapsed, int? resumed = null)
    {
        var table = new Table().Title($"submit {settings.Kind.Name}").AddColumn("outcome").AddColumn(new TableColumn("records").RightAligned());
        table.AddRow("succeeded", N(succeeded));
        if (resumed is { } r)
        {
            table.AddRow("  of which resumed (done by an earlier run)", N(r));
        }

        table.AddRow("failed", N(failed));
        table.AddRow("invalid (not sent)", N(invalid));
        table.AddRow("not sent (interrupted)", N(notSent));
        table.AddRow("total", N(succeeded + failed + invalid + notSent));
        var sent = succeeded + failed;
        table.Caption(string.Create(CultureInfo.InvariantCulture, $"{sent} sent in {elapsed.TotalSeconds:F1} s ({(elapsed.TotalSeconds > 0 ? sent / elapsed.TotalSeconds : 0):F1}/s)"));
        context.Console.Write(table);
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
