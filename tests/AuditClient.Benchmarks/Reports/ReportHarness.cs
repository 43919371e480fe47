using System.Diagnostics;
using System.Globalization;
using AuditClient.Reports;
using AuditClient.Scale;
using Microsoft.Data.Sqlite;

namespace AuditClient.Benchmarks.Reports;

/// <summary>
/// The report from a large store (by default 100,000 tasks, each with a task audit and a fixless audit of 10 feedback
/// items: 1,000,000 items), each phase in a fresh process so that its peak memory is its own: the baseline reads every
/// row the report reads and does nothing with it; the report reads, deserializes and accumulates them, then writes the
/// page. The bar: under 10 s, under 500 MB peak, a page under 3 MB.
/// </summary>
public static class ReportHarness
{
    public static async Task<int> RunAsync(string[] args)
    {
        var tasks = Number(args, "--tasks", 100_000);
        var items = Number(args, "--items", 10);
        if (args.Contains("--report-phase"))
        {
            return Phase(args[Array.IndexOf(args, "--report-phase") + 1], args[Array.IndexOf(args, "--report-phase") + 2]);
        }

        var directory = Directory.CreateTempSubdirectory("auditclient-report-bench-");
        try
        {
            var path = Path.Combine(directory.FullName, "store.db");
            var build = Stopwatch.StartNew();
            Build(path, tasks, items);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store: {tasks:N0} tasks, {tasks * items:N0} feedback items, {new FileInfo(path).Length / 1e6:0} MB, built in {build.Elapsed.TotalSeconds:0.0} s"));
            var ok = true;
            foreach (var phase in new[] { "baseline", "report" })
            {
                var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
                start.ArgumentList.Add(typeof(ReportHarness).Assembly.Location);
                start.ArgumentList.Add("--report");
                start.ArgumentList.Add("--report-phase");
                start.ArgumentList.Add(phase);
                start.ArgumentList.Add(path);
                using var process = Process.Start(start)!;
                var output = await process.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
                await process.WaitForExitAsync().ConfigureAwait(false);
                Console.Write(output);
                ok &= process.ExitCode == 0;
            }

            return ok ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            directory.Delete(recursive: true);
        }
    }

    private static int Phase(string phase, string path)
    {
        var clock = Stopwatch.StartNew();
        string line;
        if (phase == "baseline")
        {
            using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = new SqliteCommand("SELECT t.task_id, t.raw, f.raw FROM tasks t LEFT JOIN fixless_audits f ON f.task_id = t.task_id ORDER BY t.task_id, f.id", connection);
            using var reader = command.ExecuteReader();
            long characters = 0;
            while (reader.Read())
            {
                characters += reader.GetString(1).Length + (reader.IsDBNull(2) ? 0 : reader.GetString(2).Length);
            }

            line = string.Create(CultureInfo.InvariantCulture, $"baseline (read every row, no report): {clock.Elapsed.TotalSeconds:0.00} s, {characters / 1e6:0} M characters");
        }
        else
        {
            using var store = AuditStore.Open(path);
            var report = store.Accumulate().ToReport();
            using var page = new StringWriter(CultureInfo.InvariantCulture);
            QualityReportHtml.Write(report, page);
            line = string.Create(CultureInfo.InvariantCulture, $"report (read, deserialize, accumulate, page): {clock.Elapsed.TotalSeconds:0.00} s, page {page.GetStringBuilder().Length / 1e6:0.00} MB, {report.Tasks:N0} tasks, {report.CountedErrors.Sum(c => c.Count):N0} counted errors");
        }

        using var self = Process.GetCurrentProcess();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{line}, peak working set {self.PeakWorkingSet64 / 1e6:0} MB"));
        return 0;
    }

    private static void Build(string path, int tasks, int items)
    {
        var random = new Random(1);
        string[] categories = ["attribute", "extraneous", "geometry", "label", "missing", "position"];
        string[] severities = ["mild", "standard", "severe"];
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var store = AuditStore.Open(path);
        for (var first = 0; first < tasks; first += 1000)
        {
            var page = new List<ScaleTask>();
            var fixless = new Dictionary<string, IReadOnlyList<FixlessAudit>>();
            for (var i = first; i < Math.Min(tasks, first + 1000); i++)
            {
                var id = "task-" + i.ToString("D7", CultureInfo.InvariantCulture);
                var completed = start.AddMinutes(random.Next(0, 60 * 24 * 120));
                page.Add(new ScaleTask
                {
                    TaskId = id,
                    Project = "project-" + (i % 3).ToString(CultureInfo.InvariantCulture),
                    Batch = "batch-" + (i / 2000).ToString(CultureInfo.InvariantCulture),
                    Status = ScaleTaskStatus.Completed,
                    CreatedAt = completed.AddHours(-3),
                    CompletedAt = completed,
                    UpdatedAt = completed.AddHours(1),
                    Audits = [new TaskAudit { AuditedAt = completed.AddHours(1), AuditResult = random.Next(10) == 0 ? TaskAuditResult.Rejected : TaskAuditResult.Accepted, AuditSource = TaskAuditSource.Customer, AuditTimeSecs = random.Next(30, 900) }],
                });
                fixless[id] =
                [
                    new FixlessAudit
                    {
                        Id = "audit-" + id,
                        TaskId = id,
                        Result = FixlessAuditResult.Accepted,
                        Active = true,
                        CreatedAt = completed.AddHours(2),
                        FeedbackItems = [.. Enumerable.Range(0, items).Select(_ => new FeedbackItem
                        {
                            Type = random.Next(4) == 0 ? FeedbackItemType.Comment : FeedbackItemType.Error,
                            Category = new FeedbackItemCategory(categories[random.Next(categories.Length)]),
                            Severity = new FeedbackItemSeverity(severities[random.Next(severities.Length)]),
                            Scope = new FeedbackItemScopeAnnotation { AnnotationId = "a", Interval = new FeedbackItemInterval { Start = 0, End = 10 } },
                            GraderOutput = new FeedbackItemGraderOutput { Conflict = random.Next(10) == 0 },
                        })],
                    },
                ];
            }

            store.SavePage("bench", page, fixless, new SyncState(null, "next", null, null));
        }
    }

    private static int Number(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
