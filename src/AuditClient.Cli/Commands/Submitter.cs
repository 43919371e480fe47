using System.Diagnostics;
using System.Globalization;
using AuditClient.Cli.Hosting;
using AuditClient.Cli.Input;
using AuditClient.Cli.Output;
using AuditClient.Core.Bulk;
using AuditClient.Scale;
using Spectre.Console;

namespace AuditClient.Cli.Commands;

/// <summary>The settings of one <c>submit</c> run.</summary>
internal sealed record SubmitSettings(string Path, RecordKind Kind, bool Csv, AuditRules Rules, int Concurrency, bool SkipInvalid, string? ResultsPath, string? JournalPath = null, string? ConfigPath = null)
{
    /// <summary><c>--max-problems</c>: the problem lines printed before the rest is counted by rule.</summary>
    public int MaxProblems { get; init; } = Checker.DefaultMaxProblems;

    /// <summary><c>--max-failures</c>: sends in a row that failed without an answer from the vendor before the run stops; 0 never.</summary>
    public int MaxFailures { get; init; } = PipelineOptions.DefaultMaxFailures;

    /// <summary><c>--summary-json</c>: told the counts as they are known.</summary>
    public SummaryJson? Summary { get; init; }
}

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
        // --results is created empty: given the input, the journal or the settings, it would wipe them.
        if (settings.ResultsPath is { } resultsPath)
        {
            foreach (var (path, what) in new[] { (settings.Path, "the input file"), (settings.JournalPath, "the journal"), (settings.ConfigPath, "the --config file") })
            {
                if (path is not null && SameFile(resultsPath, path))
                {
                    throw CliException.Usage($"--results {resultsPath}: is {what} ({path}); it would be overwritten. Give the results another file.");
                }
            }
        }

        CheckSummary check;
        try
        {
            check = Checker.Check(context, settings.Path, settings.Kind, settings.Csv, settings.Rules, cancellationToken, settings.MaxProblems);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Interrupted before the first send: still one outcome per record, in --results and in the summary.
            using var unsent = ResultsWriter.Open(settings.ResultsPath, context.Redactor);
            var (invalidRecords, notSentRecords) = ReportUnsent(settings, unsent);
            WriteSummary(context, settings, new SummaryCounts(0, 0, 0, invalidRecords, notSentRecords, 0), TimeSpan.Zero, journaled: settings.JournalPath is not null);
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"interrupted while the file was checked: nothing was sent; {notSentRecords} {settings.Kind.Name} were not sent{InResults(settings)}."));
            return ExitCodes.Interrupted;
        }

        context.Error.WriteLine(Checker.SummaryLine(settings.Path, settings.Kind, check));
        settings.Summary?.SetProblems(check);
        if (check.Records == 0)
        {
            context.Error.WriteLine(Checker.EmptyLine(settings.Path, settings.Kind));
            return ExitCodes.Empty;
        }

        var sendNothing = check.InvalidRecords > 0 && !settings.SkipInvalid;
        if (sendNothing)
        {
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"nothing was sent: {check.InvalidRecords} of {check.Records} {settings.Kind.Name} have errors. Fix them, or pass --skip-invalid to send the {check.ValidRecords} valid ones."));
        }

        using var results = ResultsWriter.Open(settings.ResultsPath, context.Redactor);
        if (sendNothing)
        {
            var (invalidRecords, notSentRecords) = ReportUnsent(settings, results);
            Summarize(settings, new SummaryCounts(0, 0, 0, invalidRecords, notSentRecords, 0));
            return ExitCodes.Invalid;
        }

        // A results file that cannot be written stops sending as a signal does: what follows could not be recorded.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, results.Broken);
        if (settings.JournalPath is not null)
        {
            return await RunJournaledAsync(context, settings, session, check.ValidRecords, results, stop.Token).ConfigureAwait(false);
        }

        int succeeded = 0, failed = 0, invalid = 0, notSent = 0;
        var clock = Stopwatch.StartNew();
        using var brake = new FailureBrake(settings.MaxFailures, stop.Token);
        await SubmitProgress.RunAsync(context, settings.Kind.Name, check.ValidRecords, async report =>
        {
            using var slots = new SemaphoreSlim(settings.Concurrency);
            var inFlight = new List<Task>();
            foreach (var record in InputFile.Records(settings.Path, settings.Csv))
            {
                var parsed = settings.Kind.Parse(record, settings.Rules);
                if (parsed.HasError)
                {
                    invalid++;
                    results.Write(parsed.Line, parsed.Key, "invalid", "error", FirstError(parsed));
                    continue;
                }

                if (!await TakeSlotAsync(slots, brake.Token).ConfigureAwait(false))
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
                    // Only the send decides the outcome: recording it must not turn a success into a second, failed one.
                    string? answer = null;
                    Exception? error = null;
                    try
                    {
                        answer = await settings.Kind.SubmitAsync(session, parsed.Item!).ConfigureAwait(false);
                    }
                    catch (Exception e)
                    {
                        // The SDK throws its one exception family; anything else is still this record's failure, not the run's.
                        error = e;
                    }

                    brake.Count(error);

                    SubmitCounts counts;
                    if (error is null)
                    {
                        counts = new SubmitCounts(Interlocked.Increment(ref succeeded), Volatile.Read(ref failed), check.ValidRecords);
                        results.Write(parsed.Line, parsed.Key, "succeeded", settings.Kind == RecordKind.Audits ? "vendor_id" : "message", answer);
                    }
                    else
                    {
                        counts = new SubmitCounts(Volatile.Read(ref succeeded), Interlocked.Increment(ref failed), check.ValidRecords);
                        results.Write(parsed.Line, parsed.Key, "failed", "error", error.Message);
                    }

                    report(counts);
                }
                finally
                {
                    slots.Release();
                }
            }
        }).ConfigureAwait(false);

        // A signal or a stop after the last send had started changed nothing: the outcomes decide the exit code.
        var interrupted = cancellationToken.IsCancellationRequested && notSent > 0;
        var stoppedByFailures = brake.Stopped && !interrupted && results.Error is null && notSent > 0;
        WriteSummary(context, settings, new SummaryCounts(succeeded, 0, failed, invalid, notSent, 0), clock.Elapsed, journaled: false, NotSentRow(results, stoppedByFailures));
        if (results.Error is { } resultsError)
        {
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"error: {resultsError} Nothing more was sent: the {succeeded + failed} sends started were finished (their outcomes are in the summary); {notSent} {settings.Kind.Name} were not sent."));
            return ExitCodes.Usage;
        }

        if (interrupted)
        {
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"interrupted: the {succeeded + failed} sends started were finished; {notSent} {settings.Kind.Name} were not sent{InResults(settings)}."));
            return ExitCodes.Interrupted;
        }

        if (stoppedByFailures)
        {
            context.Error.WriteLine(Stopped(settings, notSent));
            return ExitCodes.Stopped;
        }

        return Outcome(failed, invalid);
    }

    // Vendor failures first: a run with invalid records that also failed at the vendor needs the vendor looked at.
    private static int Outcome(int failed, int invalid) => failed > 0 ? ExitCodes.Failed : invalid > 0 ? ExitCodes.Invalid : ExitCodes.Ok;

    private static string Stopped(SubmitSettings settings, int notSent) => string.Create(
        CultureInfo.InvariantCulture,
        $"stopped: {settings.MaxFailures} sends in a row failed without an answer from the vendor (--max-failures {settings.MaxFailures}); the sends in flight were finished; {notSent} {settings.Kind.Name} were not sent{InResults(settings)}. ")
        + (settings.JournalPath is null
            ? "Check the vendor's address and the network, then send them again."
            : $"Check the vendor's address and the network, then run the same command again with --journal {settings.JournalPath}: what was done is not sent again.");

    /// <summary>
    /// <c>--journal FILE</c>: the valid records go through the SDK's bulk helper with the journal, so a run started again
    /// with the same file and journal skips what is done, looks up what was in flight when the last run died, and sends
    /// the rest. The records are held in memory (the journal's fingerprint covers the whole input). Each outcome is
    /// written to <c>--results</c> as the helper reports it, so a run killed at any moment leaves what it knew.
    /// </summary>
    private static async Task<int> RunJournaledAsync(CliContext context, SubmitSettings settings, ClientSession session, int valid, ResultsWriter results, CancellationToken cancellationToken)
    {
        var records = new List<ParsedRecord>(valid);
        var invalid = 0;
        foreach (var record in InputFile.Records(settings.Path, settings.Csv))
        {
            var parsed = settings.Kind.Parse(record, settings.Rules);
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
        var run = new JournaledRun(settings.Kind, records, results);
        Exception? stopped = null;
        try
        {
            await SubmitProgress.RunAsync(context, settings.Kind.Name, records.Count, async report =>
            {
                run.ReportCounts = report;
                var options = new BulkOptions { MaxConcurrency = settings.Concurrency, JournalPath = settings.JournalPath, StopAfterConsecutiveTransportFailures = settings.MaxFailures };
                var outcomes = await settings.Kind.SubmitManyAsync(session, records.Select(r => r.Item!).ToList(), options, run, cancellationToken).ConfigureAwait(false);

                // The outcomes not told as they happened: the records a cancellation left unsent.
                for (var i = 0; i < outcomes.Count; i++)
                {
                    run.Outcome(i, outcomes[i]);
                }

                report(run.Counts);
            }).ConfigureAwait(false);
        }
        catch (BulkJournalException e) when (run.Known == 0)
        {
            // Refused before anything was sent: another run's journal, or not a journal.
            throw CliException.Usage(e.Message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // What the run knew is written and summed up below, whatever stopped it.
            stopped = e;
        }

        var counts = run.Tally(invalid);

        // Records not sent that neither a signal, the journal nor --results explains: the bulk helper stopped at --max-failures.
        var stoppedByFailures = !cancellationToken.IsCancellationRequested && run.JournalError is null && stopped is null && counts.NotSent > 0 && settings.MaxFailures > 0;
        WriteSummary(context, settings, counts, clock.Elapsed, journaled: true, run.JournalError is null ? NotSentRow(results, stoppedByFailures) : "not sent (the journal could not be written)");
        if (run.JournalError is { } journalError)
        {
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"error: {journalError} {counts.NotSent} {settings.Kind.Name} were not sent{InResults(settings)}{Unknown(settings, counts)}. Fix that, then run the same command again with --journal {settings.JournalPath}: what was done is not sent again."));
            return ExitCodes.Usage;
        }

        if (stopped is not null)
        {
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"error: the run stopped: {stopped.Message} The outcome of {counts.Unknown} {settings.Kind.Name} is not known; run the same command again with --journal {settings.JournalPath} to look them up and send the rest."));
            return stopped is BulkJournalException ? ExitCodes.Usage : ExitCodes.Failed;
        }

        if (results.Error is { } resultsError)
        {
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"error: {resultsError} Nothing more was sent; {counts.NotSent} {settings.Kind.Name} were not sent. Fix that, then run the same command again with --journal {settings.JournalPath}: what was done is not sent again."));
            return ExitCodes.Usage;
        }

        if (cancellationToken.IsCancellationRequested && counts.NotSent > 0)
        {
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"interrupted: {counts.NotSent} {settings.Kind.Name} were not sent; run the same command again with --journal {settings.JournalPath} to send them."));
            return ExitCodes.Interrupted;
        }

        if (stoppedByFailures)
        {
            context.Error.WriteLine(Stopped(settings, counts.NotSent));
            return ExitCodes.Stopped;
        }

        return Outcome(counts.Failed, invalid);
    }

    // Every record of the input as not sent, or invalid with its first error.
    private static (int Invalid, int NotSent) ReportUnsent(SubmitSettings settings, ResultsWriter results)
    {
        int invalid = 0, notSent = 0;
        foreach (var record in InputFile.Records(settings.Path, settings.Csv))
        {
            var parsed = settings.Kind.Parse(record, settings.Rules);
            if (parsed.HasError)
            {
                invalid++;
            }
            else
            {
                notSent++;
            }

            results.Write(parsed.Line, parsed.Key, parsed.HasError ? "invalid" : "not_sent", parsed.HasError ? "error" : null, FirstError(parsed));
        }

        return (invalid, notSent);
    }

    private static string NotSentRow(ResultsWriter results, bool stoppedByFailures = false) =>
        results.Error is not null ? "not sent (--results could not be written)" : stoppedByFailures ? "not sent (stopped by --max-failures)" : "not sent (interrupted)";

    private static string Unknown(SubmitSettings settings, SummaryCounts counts) =>
        counts.Unknown > 0 ? string.Create(CultureInfo.InvariantCulture, $"; the outcome of {counts.Unknown} {settings.Kind.Name} is not known (the next run looks them up first)") : string.Empty;

    private static string InResults(SubmitSettings settings) =>
        settings.ResultsPath is null ? string.Empty : $" (status not_sent in {settings.ResultsPath})";

    /// <summary>
    /// The outcomes of a journaled run, each counted and written to <c>--results</c> once, as it arrives (from the
    /// helper's concurrent sends) or from the list the helper returns.
    /// </summary>
    private sealed class JournaledRun(RecordKind kind, List<ParsedRecord> records, ResultsWriter results) : IBulkListener
    {
        private readonly Lock _lock = new();
        private readonly bool[] _known = new bool[records.Count];
        private int _succeeded;
        private int _resumed;
        private int _failed;
        private int _notSent;

        public Action<SubmitCounts> ReportCounts { get; set; } = _ => { };

        public int Known { get; private set; }

        /// <summary>The first journal error that kept records from being sent, if any.</summary>
        public string? JournalError { get; private set; }

        public SubmitCounts Counts
        {
            get
            {
                lock (_lock)
                {
                    return new SubmitCounts(_succeeded, _failed, records.Count);
                }
            }
        }

        public void Progress(BulkProgress progress) => ReportCounts(new SubmitCounts(progress.Succeeded, progress.Failed, records.Count));

        public void Outcome(int index, BulkOutcome outcome)
        {
            var parsed = records[index];
            lock (_lock)
            {
                if (_known[index])
                {
                    return;
                }

                _known[index] = true;
                Known++;
                switch (outcome)
                {
                    case { JournalFailed: true }:
                        _notSent++;
                        JournalError ??= outcome.Error;
                        break;
                    case { Status: BulkStatus.Succeeded }:
                        _succeeded++;
                        _resumed += outcome.Resumed ? 1 : 0;
                        break;
                    case { Status: BulkStatus.Failed }:
                        _failed++;
                        break;
                    default:
                        _notSent++;
                        break;
                }
            }

            switch (outcome)
            {
                case { JournalFailed: true }:
                    // Not sent: the journal could not record it first. The next run with the journal sends it.
                    results.Write(parsed.Line, parsed.Key, "not_sent", "error", outcome.Error);
                    break;
                case { Status: BulkStatus.Succeeded }:
                    results.Write(parsed.Line, parsed.Key, outcome.Resumed ? "resumed" : "succeeded", kind == RecordKind.Audits ? "vendor_id" : "message", outcome.Answer);
                    break;
                case { Status: BulkStatus.Failed }:
                    results.Write(parsed.Line, parsed.Key, "failed", "error", outcome.Error);
                    break;
                default:
                    results.Write(parsed.Line, parsed.Key, "not_sent");
                    break;
            }
        }

        public SummaryCounts Tally(int invalid)
        {
            lock (_lock)
            {
                return new SummaryCounts(_succeeded, _resumed, _failed, invalid, _notSent, records.Count - Known);
            }
        }
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

    // The file a path ends at, symbolic links followed (a link to the journal is the journal).
    private static bool SameFile(string a, string b) => string.Equals(Target(a), Target(b), StringComparison.Ordinal);

    private static string Target(string path)
    {
        var file = new FileInfo(Path.GetFullPath(path));
        var directory = file.Directory is { } d && d.ResolveLinkTarget(returnFinalTarget: true) is { } dir ? dir.FullName : file.DirectoryName!;
        var target = file.Exists && file.ResolveLinkTarget(returnFinalTarget: true) is { } link ? link.FullName : Path.Combine(directory, file.Name);
        return Path.GetFullPath(target);
    }

    private static string? FirstError(ParsedRecord parsed) =>
        parsed.Problems.FirstOrDefault(p => p.IsError) is { } p ? $"{p.Path}: {p.Rule}" : null;

    private static void WriteSummary(CliContext context, SubmitSettings settings, SummaryCounts counts, TimeSpan elapsed, bool journaled, string notSent = "not sent (interrupted)")
    {
        var table = new Table().Title($"submit {settings.Kind.Name}").AddColumn("outcome").AddColumn(new TableColumn("records").RightAligned());
        table.AddRow("succeeded", N(counts.Succeeded));
        if (journaled)
        {
            table.AddRow("  of which resumed (done by an earlier run)", N(counts.Resumed));
        }

        table.AddRow("failed", N(counts.Failed));
        table.AddRow("invalid (not sent)", N(counts.Invalid));
        table.AddRow(notSent, N(counts.NotSent));
        if (counts.Unknown > 0)
        {
            table.AddRow("outcome not known (the run stopped)", N(counts.Unknown));
        }

        table.AddRow("total", N(counts.Total));

        // The rate is of what this run sent: records resumed from the journal cost no request.
        var sent = counts.Sent;
        var rate = elapsed.TotalSeconds > 0 ? sent / elapsed.TotalSeconds : 0;
        var caption = string.Create(CultureInfo.InvariantCulture, $"{N(sent)} sent in {elapsed.TotalSeconds:F1} s ({rate:F1}/s)");
        table.Caption(journaled ? caption + string.Create(CultureInfo.InvariantCulture, $", {N(counts.Resumed)} resumed") : caption);
        context.ErrorConsole.Write(table);
        Summarize(settings, counts);
        if (settings.Summary is { } summary)
        {
            summary.Set("sent", counts.Sent);
            summary.RateOf = sent;
        }
    }

    private static void Summarize(SubmitSettings settings, SummaryCounts counts)
    {
        if (settings.Summary is not { } summary)
        {
            return;
        }

        summary.Set("records", counts.Total);
        summary.Set("succeeded", counts.Succeeded);
        summary.Set("resumed", counts.Resumed);
        summary.Set("failed", counts.Failed);
        summary.Set("invalid", counts.Invalid);
        summary.Set("not_sent", counts.NotSent);
        summary.Set("in_doubt", counts.Unknown);
    }

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}

/// <summary>
/// The figures of a <c>submit</c> summary: <see cref="Resumed"/> is part of <see cref="Succeeded"/> (done by an
/// earlier run of the journal, not sent by this one); <see cref="Unknown"/> records have no known outcome (the run stopped).
/// </summary>
internal readonly record struct SummaryCounts(int Succeeded, int Resumed, int Failed, int Invalid, int NotSent, int Unknown)
{
    /// <summary>The records this run sent: those that succeeded or failed, less those resumed.</summary>
    public int Sent => Succeeded - Resumed + Failed;

    public int Total => Succeeded + Failed + Invalid + NotSent + Unknown;
}
