using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AuditClient.Cli.Hosting;
using AuditClient.Cli.Input;
using AuditClient.CloudFactory;
using AuditClient.Reports;
using AuditClient.Scale;

namespace AuditClient.Cli.Commands;

/// <summary>
/// <c>sync scale</c>, <c>import reviews</c> and <c>report</c>: a local store of the vendors' records (AuditClient.Reports'
/// <see cref="AuditStore"/>) and the report of a vendor's quality drawn from it.
/// </summary>
internal static class Reporting
{
    public const string DefaultStore = "audits.db";

    public static Option<string> StoreOption() => new("--store")
    {
        Description = $"The store: a SQLite file made by this tool (created when missing; any other file is refused and left alone). Default: {DefaultStore} in the working directory.",
        HelpName = "FILE",
        DefaultValueFactory = _ => DefaultStore,
    };

    public static Command SyncCommand(CliContext context, Option<FileInfo?> config, Option<bool> fake, Dictionary<Command, string[]> examples)
    {
        var store = StoreOption();
        var project = new Option<string?>("--project") { Description = "Only the tasks of this project.", HelpName = "NAME" };
        var batch = new Option<string[]>("--batch") { Description = "Only the tasks of these batches; repeatable.", HelpName = "NAME" };
        var fixless = new Option<bool>("--fixless") { Description = "Also store each task's fixless audits (GET /v1/audits?task_id=): one more call per changed task." };
        var full = new Option<bool>("--full") { Description = "List every task again, not only those updated since the last complete sync (finds fixless audits made on tasks that did not otherwise change)." };
        var pageSize = new Option<int?>("--page-size") { Description = "Tasks per page, 1 to 100 (Scale's default: 100)." };
        var scale = new Command("scale", "Store Scale tasks with their audits (and with --fixless their fixless audits) in the store. Incremental: the next sync asks only for "
            + "what changed since the last complete one (less a 10-minute overlap). Resumable: a sync stopped at any point goes on from its last stored page. "
            + "Progress on standard error.")
        {
            store, project, batch, fixless, full, pageSize,
        };
        examples[scale] = ["auditclient sync scale --fake --fixless --store audits.db", "auditclient sync scale --project cow_detection --batch week_12 --fixless"];
        scale.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliConfiguration.Build(context, parse.GetValue(config));
            await using var session = await ClientSession.OpenAsync(configuration, Vendor.Scale, parse.GetValue(fake), cancellationToken).ConfigureAwait(false);
            using var audits = Open(parse.GetRequiredValue(store));
            var options = new ScaleSyncOptions
            {
                Project = parse.GetValue(project),
                Batches = parse.GetValue(batch) ?? [],
                Fixless = parse.GetValue(fixless),
                Full = parse.GetValue(full),
                PageSize = parse.GetValue(pageSize),
            };
            var clock = Stopwatch.StartNew();
            var progress = new Inline<ScaleSyncProgress>(p => context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"page {p.Pages}: {p.Tasks} tasks, {p.FixlessAudits} fixless audits stored ({p.Tasks / Math.Max(clock.Elapsed.TotalSeconds, 0.001):0} tasks/s)")));
            try
            {
                var result = await ScaleStoreSync.RunAsync(audits, session.ScaleTasks, session.ScaleAudits, options, progress, cancellationToken).ConfigureAwait(false);
                var counts = audits.Count();
                context.Error.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{(result.Resumed ? "resumed and " : string.Empty)}synced {result.Tasks} tasks, {result.FixlessAudits} fixless audits in {clock.Elapsed.TotalSeconds:0.0} s; {audits.Path} holds {counts.Tasks} tasks, {counts.TaskAudits} task audits, {counts.FixlessAudits} fixless audits, {counts.FeedbackItems} feedback items, {counts.Reviews} reviews"));
                return ExitCodes.Ok;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                context.Error.WriteLine("interrupted: the pages stored so far are kept; run the same command again to go on.");
                return ExitCodes.Interrupted;
            }
            catch (AuditValidationException e)
            {
                throw CliException.Usage(e.Message);
            }
        });
        return new Command("sync", "Keep a local store of a vendor's records in step with the vendor.") { scale };
    }

    public static Command ImportCommand(CliContext context, Dictionary<Command, string[]> examples)
    {
        var store = StoreOption();
        var files = new Argument<string[]>("FILE") { Description = "Review files as `submit reviews` takes them: JSON lines, or CSV with the wire field names as header.", Arity = ArgumentArity.OneOrMore };
        var results = new Option<string?>("--results") { Description = "The --results file of the submit run of FILE: only the reviews CloudFactory accepted (succeeded or resumed) are imported. With one FILE only.", HelpName = "FILE" };
        var reviews = new Command("reviews", "Add CloudFactory reviews to the store, once each (by workstream, use case, task definition and unique_id; a review without unique_id by its content). Invalid lines are skipped and counted.")
        {
            files, store, results,
        };
        examples[reviews] = ["auditclient import reviews samples/cli/reviews.jsonl --store audits.db", "auditclient import reviews reviews.csv --results results.jsonl"];
        reviews.SetAction((parse, cancellationToken) =>
        {
            var paths = parse.GetRequiredValue(files);
            var resultsPath = parse.GetValue(results);
            if (resultsPath is not null && paths.Length != 1)
            {
                throw CliException.Usage("--results names the outcomes of one file: give exactly one FILE with it.");
            }

            foreach (var path in paths)
            {
                InputFile.Open(path).Dispose();
            }

            var accepted = resultsPath is null ? null : AcceptedLines(resultsPath);
            using var audits = Open(parse.GetRequiredValue(store));
            int read = 0, skipped = 0, added = 0;
            foreach (var path in paths)
            {
                var batch = new List<TaskReview>();
                foreach (var record in InputFile.Records(path, InputFile.IsCsv(path, null)))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    read++;
                    var parsed = RecordKind.Reviews.Parse(record, new AuditRules(GraderRulePolicy.Warn, ScaleValueSets.None));
                    if (parsed.HasError || parsed.Item is not TaskReview review || (accepted is not null && !accepted.Contains(record.Line)))
                    {
                        skipped++;
                        continue;
                    }

                    batch.Add(review);
                    if (batch.Count == 1000)
                    {
                        added += audits.ImportReviews(batch);
                        batch.Clear();
                    }
                }

                added += audits.ImportReviews(batch);
            }

            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{read} reviews read, {added} new in {audits.Path}, {read - skipped - added} already there, {skipped} skipped (invalid{(accepted is null ? string.Empty : " or not accepted")})"));
            return Task.FromResult(ExitCodes.Ok);
        });
        return new Command("import", "Add records to the local store.") { reviews };
    }

    public static Command ReportCommand(CliContext context, Dictionary<Command, string[]> examples)
    {
        var store = StoreOption();
        var output = new Option<string?>("--out") { Description = "Write to FILE instead of standard output.", HelpName = "FILE" };
        var project = new Option<string[]>("--project") { Description = "Only these projects; repeatable.", HelpName = "NAME" };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Tasks completed (reviews completed) at or after this time, ISO 8601.", HelpName = "DATE" };
        var until = new Option<DateTimeOffset?>("--until") { Description = "Tasks completed (reviews completed) before this time, ISO 8601.", HelpName = "DATE" };
        var sla = new Option<double>("--sla") { Description = "The acceptance rate the vendor owes, between 0 and 1.", DefaultValueFactory = _ => 0.95 };
        sla.Validators.Add(r =>
        {
            if (r.Tokens is [{ } token] && double.TryParse(token.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && !(value is >= 0 and <= 1))
            {
                r.AddError("--sla must be a share between 0 and 1, such as 0.95.");
            }
        });
        var format = new Option<string>("--format") { Description = "html (one self-contained page with charts), json or csv (the same figures as data).", DefaultValueFactory = _ => "html" };
        format.AcceptOnlyFromAmong("html", "json", "csv");
        var report = new Command("report", "The quality of a vendor from the store: acceptance against the SLA with 95% intervals, where it fails, the trend by week and batch, CloudFactory workers, audit effort, the worst tasks (docs/report.md).")
        {
            store, output, project, since, until, sla, format,
        };
        examples[report] = ["auditclient report --store audits.db --out report.html", "auditclient report --project cow_detection --since 2026-01-01 --sla 0.97 --format json"];
        report.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetRequiredValue(store);
            if (!File.Exists(path))
            {
                throw CliException.Usage($"{path}: no such store (make one with 'auditclient sync scale' or 'auditclient import reviews').");
            }

            using var audits = Open(path);
            var filter = new AuditStoreFilter { Projects = parse.GetValue(project) ?? [], Since = parse.GetValue(since), Until = parse.GetValue(until) };
            var figures = audits.Accumulate(filter, cancellationToken).ToReport(new QualityReportOptions { Sla = parse.GetValue(sla) });
            var target = parse.GetValue(output);
            var text = new StringWriter(CultureInfo.InvariantCulture);
            switch (parse.GetRequiredValue(format))
            {
                case "json":
                    text.Write(QualityReportJson.Serialize(figures));
                    text.Write('\n');
                    break;
                case "csv":
                    Csv(figures, text);
                    break;
                default:
                    QualityReportHtml.Write(figures, text, Title(figures));
                    break;
            }

            if (target is null)
            {
                await context.Out.WriteAsync(text.ToString()).ConfigureAwait(false);
                await context.Out.FlushAsync(CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                // Written whole beside the target, then moved over it: a report is never left half written.
                var temporary = target + ".tmp";
                await File.WriteAllTextAsync(temporary, text.ToString(), new UTF8Encoding(false), CancellationToken.None).ConfigureAwait(false);
                File.Move(temporary, target, overwrite: true);
            }

            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"report of {figures.Tasks} tasks ({figures.TasksAudited.Count} audited) and {figures.Workers.Sum(w => w.Reviews)} reviews{(target is null ? string.Empty : " written to " + target)}"));
            return ExitCodes.Ok;
        });
        return report;
    }

    private static string Title(QualityReport figures) =>
        "Vendor quality" + (figures.Projects.Count is > 0 and <= 3 ? ": " + string.Join(", ", figures.Projects) : string.Empty);

    // One figure per row: section, key, value, n, low, high (the JSON form holds everything; this is for spreadsheets).
    private static void Csv(QualityReport r, TextWriter writer)
    {
        writer.Write("section,key,value,n,low,high\n");
        void Row(string section, string key, double? value, long n, double? low = null, double? high = null) =>
            writer.Write(string.Create(CultureInfo.InvariantCulture, $"{Cell(section)},{Cell(key)},{value},{n},{low},{high}\n"));
        void Share(string section, string key, Proportion share) => Row(section, key, share.Rate, share.Total, share.Low, share.High);

        Share("headline", "acceptance", r.Acceptance.Share);
        Share("headline", "first_pass_acceptance", r.FirstPassAcceptance.Share);
        Share("headline", "rejection", r.Rejection);
        Share("headline", "fix_rate", r.FixRate);
        Row("headline", "counted_errors_per_task", r.CountedErrorsPerTask.Value, r.CountedErrorsPerTask.Count, r.CountedErrorsPerTask.Low, r.CountedErrorsPerTask.High);
        Share("headline", "grader_conflicts", r.Conflicts);
        foreach (var c in r.CountedErrors)
        {
            Row("counted_errors", c.Category, c.Count, c.Count);
        }

        foreach (var w in r.Weeks)
        {
            Share("week_acceptance", w.Key, w.Acceptance);
        }

        foreach (var b in r.ByBatch)
        {
            Share("batch_acceptance", b.Key, b.Acceptance);
        }

        foreach (var w in r.Workers)
        {
            Row("worker_median_score", w.WorkerId, w.Scores.Median, w.Reviews, w.Scores.P10, w.Scores.P90);
        }
    }

    private static string Cell(string text) => text.IndexOfAny([',', '"', '\n', '\r']) < 0 ? text : "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static HashSet<int> AcceptedLines(string resultsPath)
    {
        var lines = new HashSet<int>();
        using var reader = InputFile.Reader(InputFile.Open(resultsPath));
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.GetProperty("status").GetString() is "succeeded" or "resumed")
                {
                    lines.Add(document.RootElement.GetProperty("line").GetInt32());
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw CliException.Usage($"{resultsPath}:{number}: not a line of a --results file ({e.Message.TrimEnd('.')}).");
            }
        }

        return lines;
    }

    private static AuditStore Open(string path)
    {
        try
        {
            return AuditStore.Open(path);
        }
        catch (AuditStoreException e)
        {
            throw CliException.Usage(e.Message);
        }
    }

    private sealed class Inline<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
