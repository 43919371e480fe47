using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using AuditClient.CloudFactory;
using AuditClient.Scale;

namespace AuditClient.Reports.Tests;

/// <summary>
/// The figures of a seeded dataset against values the test computes itself, the plain way (not through the report's
/// code), and partitions merged against one pass.
/// </summary>
public sealed class QualityAccumulatorTests
{
    private static readonly string[] Categories = ["attribute", "extraneous", "geometry", "label", "missing", "position"];
    private static readonly string[] Severities = ["mild", "standard", "severe"];

    [Test]
    public void Each_headline_figure_is_what_the_tasks_say()
    {
        var data = Seeded(600, seed: 7);
        var report = Accumulate(data).ToReport(new QualityReportOptions { Sla = 0.9 });

        var audited = data.Where(d => d.Task.Audits is { Count: > 0 } || d.Fixless.Count > 0).ToList();
        var verdicts = audited.Select(d => LatestTaskAudit(d.Task)?.AuditResult?.ToString() ?? LatestFixless(d.Fixless)?.Result?.ToString()).ToList();
        var withVerdict = verdicts.Count(v => v is not null);
        var accepted = verdicts.Count(v => v == "accepted");
        var rejected = verdicts.Count(v => v == "rejected");
        var withFixless = audited.Where(d => d.Fixless.Count > 0).ToList();
        var counted = withFixless.Sum(d => LatestFixless(d.Fixless)!.FeedbackItems!.Count(Counts));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.Tasks, Is.EqualTo(600));
            Assert.That(report.TasksCompleted, Is.EqualTo(data.Count(d => d.Task.Status == ScaleTaskStatus.Completed)));
            Assert.That(report.TasksAudited, Is.EqualTo(new Proportion(audited.Count, report.TasksCompleted)));
            Assert.That(report.Acceptance.Share, Is.EqualTo(new Proportion(accepted, withVerdict)));
            Assert.That(report.Rejection, Is.EqualTo(new Proportion(rejected, withVerdict)));
            Assert.That(report.CountedErrorsPerTask.Count, Is.EqualTo(withFixless.Count));
            Assert.That(report.CountedErrorsPerTask.Sum, Is.EqualTo(counted));
            Assert.That(report.Projects, Is.EqualTo(data.Select(d => d.Task.Project).Distinct().Order(StringComparer.Ordinal)));
            Assert.That(report.Batches, Is.EqualTo(data.Select(d => d.Task.Batch).Distinct().Order(StringComparer.Ordinal)));
            Assert.That(report.AuditsBySource.Values.Sum(), Is.EqualTo(data.Sum(d => (d.Task.Audits?.Count ?? 0) + d.Fixless.Count)));
        }
    }

    [Test]
    public void Counted_errors_are_Scales_by_category_and_severity_in_Pareto_order()
    {
        var data = Seeded(400, seed: 11);
        var report = Accumulate(data).ToReport();

        var expected = data.Where(d => d.Fixless.Count > 0)
            .SelectMany(d => LatestFixless(d.Fixless)!.FeedbackItems!.Where(Counts))
            .GroupBy(i => i.Category!.Value.ToString())
            .ToDictionary(g => g.Key, g => g.GroupBy(i => (i.Severity ?? FeedbackItemSeverity.Standard).ToString()).ToDictionary(s => s.Key, s => s.Count()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(report.CountedErrors.Select(c => c.Category), Is.EquivalentTo(expected.Keys));
            foreach (var row in report.CountedErrors)
            {
                Assert.That(row.BySeverity, Is.EquivalentTo(expected[row.Category]), row.Category);
                Assert.That(row.Count, Is.EqualTo(expected[row.Category].Values.Sum()), row.Category);
                Assert.That(row.BySeverity.Keys, Has.None.EqualTo("mild"), "a mild error does not count");
            }

            Assert.That(report.CountedErrors.Select(c => c.Count), Is.Ordered.Descending);
        }
    }

    [Test]
    public void Weeks_are_the_ISO_weeks_of_completion_and_each_holds_its_tasks()
    {
        var data = Seeded(500, seed: 3);
        var report = Accumulate(data).ToReport();

        var expected = data.Where(d => d.Task.Audits is { Count: > 0 } || d.Fixless.Count > 0)
            .GroupBy(d => Week(d.Task.CompletedAt!.Value))
            .ToDictionary(g => g.Key, g => g.Count());

        Assert.That(report.Weeks.ToDictionary(w => w.Key, w => w.Audited), Is.EquivalentTo(expected));
        Assert.That(report.Weeks.Select(w => w.Key), Is.Ordered.Using((IComparer<string>)StringComparer.Ordinal));
    }

    [TestCase("2021-01-03T23:59:59Z", "2020-W53")]
    [TestCase("2021-01-04T00:00:00Z", "2021-W01")]
    [TestCase("2026-12-31T12:00:00Z", "2026-W53")]
    [TestCase("2024-12-30T00:00:00+05:00", "2024-W52")]
    public void A_week_is_the_ISO_8601_week_of_the_instant_in_UTC(string at, string week) =>
        Assert.That(QualityAccumulator.IsoWeek(DateTimeOffset.Parse(at, CultureInfo.InvariantCulture)), Is.EqualTo(week));

    [Test]
    public void Workers_below_the_threshold_come_first_with_their_median_score_and_errors()
    {
        var accumulator = new QualityAccumulator();
        foreach (var (worker, score) in new[] { ("ann", 0.99), ("ann", 0.97), ("bob", 0.5), ("bob", 0.7), ("bob", 0.9), ("cy", 0.96) })
        {
            accumulator.AddReview(new TaskReview
            {
                WorkerId = worker,
                ReviewScore = score,
                ReviewCompletedAt = new DateTimeOffset(2026, 3, 2, 0, 0, 0, TimeSpan.Zero),
                Errors = new Dictionary<string, int> { ["missing_label"] = 1 },
            });
        }

        var workers = accumulator.ToReport(new QualityReportOptions { Sla = 0.95 }).Workers;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(workers.Select(w => w.WorkerId), Is.EqualTo(new[] { "bob", "cy", "ann" }));
            Assert.That(workers.Select(w => w.BelowThreshold), Is.EqualTo(new[] { true, false, false }));
            Assert.That(workers[0].Scores.Median, Is.EqualTo(0.7));
            Assert.That(workers[0].Reviews, Is.EqualTo(3));
            Assert.That(workers[0].ErrorsByType["missing_label"], Is.EqualTo(3));
            Assert.That(workers[0].Weeks.Single().Week, Is.EqualTo("2026-W10"));
            Assert.That(workers[0].Weeks.Single().Score.Value, Is.EqualTo(0.7).Within(1e-12));
        }
    }

    [Test]
    public void A_share_is_met_only_when_its_whole_interval_is_at_or_above_the_SLA()
    {
        static SlaVerdict Judge(int accepted, int total)
        {
            var accumulator = new QualityAccumulator();
            for (var i = 0; i < total; i++)
            {
                accumulator.AddScaleTask(Task(i, i < accepted ? "accepted" : "rejected"));
            }

            return accumulator.ToReport(new QualityReportOptions { Sla = 0.9 }).Acceptance.Verdict;
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Judge(1000, 1000), Is.EqualTo(SlaVerdict.Met));
            Assert.That(Judge(9, 10), Is.EqualTo(SlaVerdict.Uncertain), "9 of 10 is 0.9, but so few tasks cannot tell");
            Assert.That(Judge(500, 1000), Is.EqualTo(SlaVerdict.Missed));
            Assert.That(new QualityAccumulator().ToReport().Acceptance.Verdict, Is.EqualTo(SlaVerdict.NoData));
        }
    }

    [Test]
    public void Partitions_merged_give_the_figures_of_one_pass()
    {
        var data = Seeded(300, seed: 5);
        var reviews = Reviews(200, seed: 5);
        var whole = Accumulate(data, reviews);
        var parts = new[] { new QualityAccumulator(), new QualityAccumulator(), new QualityAccumulator() };
        for (var i = 0; i < data.Count; i++)
        {
            parts[i % 3].AddScaleTask(data[i].Task, data[i].Fixless);
        }

        for (var i = 0; i < reviews.Count; i++)
        {
            parts[(i + 1) % 3].AddReview(reviews[i]);
        }

        var merged = new QualityAccumulator();
        foreach (var part in parts)
        {
            merged.Merge(part);
        }

        Assert.That(Json(merged.ToReport()), Is.EqualTo(Json(whole.ToReport())));
    }

    [Test]
    public void The_worst_tasks_are_those_with_most_counted_errors_then_rejected()
    {
        var data = Seeded(300, seed: 9);
        var report = Accumulate(data).ToReport(new QualityReportOptions { WorstTasks = 5 });

        var most = data.Where(d => d.Fixless.Count > 0).Max(d => LatestFixless(d.Fixless)!.FeedbackItems!.Count(Counts));

        Assert.That(report.WorstTasks, Has.Count.EqualTo(5));
        Assert.That(report.WorstTasks[0].CountedErrors, Is.EqualTo(most));
        Assert.That(report.WorstTasks.Select(t => t.CountedErrors), Is.Ordered.Descending);
    }

    // Sums of doubles added in another order differ in their last bits: every number is compared to 12 significant digits.
    private static string Json(QualityReport report) => Regex.Replace(
        JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }),
        @"-?\d+\.\d+(?:[eE][-+]?\d+)?",
        m => double.Parse(m.Value, CultureInfo.InvariantCulture).ToString("G12", CultureInfo.InvariantCulture));

    private static QualityAccumulator Accumulate(List<(ScaleTask Task, List<FixlessAudit> Fixless)> data, List<TaskReview>? reviews = null)
    {
        var accumulator = new QualityAccumulator();
        foreach (var (task, fixless) in data)
        {
            accumulator.AddScaleTask(task, fixless);
        }

        foreach (var review in reviews ?? [])
        {
            accumulator.AddReview(review);
        }

        return accumulator;
    }

    // The plain statement of Scale's rule, written here again on purpose: the test must not share the code it checks.
    private static bool Counts(FeedbackItem item) =>
        item.Type?.ToString() == "error" && (item.Severity?.ToString() ?? "standard") is "standard" or "severe" && item.GraderOutput?.Conflict != true;

    private static TaskAudit? LatestTaskAudit(ScaleTask task) => task.Audits?.OrderByDescending(a => a.AuditedAt).FirstOrDefault();

    private static FixlessAudit? LatestFixless(List<FixlessAudit> audits) =>
        audits.OrderByDescending(a => a.Active == true).ThenByDescending(a => a.CreatedAt).FirstOrDefault();

    private static string Week(DateTimeOffset at) =>
        string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(at.UtcDateTime)}-W{ISOWeek.GetWeekOfYear(at.UtcDateTime):00}");

    private static ScaleTask Task(int i, string result) => new()
    {
        TaskId = "t" + i.ToString(CultureInfo.InvariantCulture),
        Status = ScaleTaskStatus.Completed,
        CompletedAt = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero),
        Audits = [new TaskAudit { AuditResult = new TaskAuditResult(result), AuditSource = TaskAuditSource.Customer, AuditedAt = new DateTimeOffset(2026, 1, 6, 0, 0, 0, TimeSpan.Zero) }],
    };

    private static List<(ScaleTask Task, List<FixlessAudit> Fixless)> Seeded(int count, int seed)
    {
        var random = new Random(seed);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var data = new List<(ScaleTask, List<FixlessAudit>)>();
        for (var i = 0; i < count; i++)
        {
            var completed = start.AddHours(random.Next(0, 24 * 70));
            var task = new ScaleTask
            {
                TaskId = "task-" + i.ToString(CultureInfo.InvariantCulture),
                Project = "project-" + random.Next(0, 2).ToString(CultureInfo.InvariantCulture),
                Batch = "batch-" + random.Next(0, 5).ToString(CultureInfo.InvariantCulture),
                Status = random.Next(0, 10) == 0 ? ScaleTaskStatus.Pending : ScaleTaskStatus.Completed,
                CreatedAt = completed.AddHours(-5),
                CompletedAt = completed,
            };
            if (random.Next(0, 3) > 0)
            {
                task.Audits = [.. Enumerable.Range(0, random.Next(1, 3)).Select(a => new TaskAudit
                {
                    AuditedAt = completed.AddHours(1 + a),
                    AuditResult = new TaskAuditResult(new[] { "accepted", "rejected", "fixed" }[random.Next(0, 3)]),
                    AuditSource = random.Next(0, 4) == 0 ? TaskAuditSource.Scale : TaskAuditSource.Customer,
                    AuditTimeSecs = random.Next(10, 600),
                    AuditActiveTimeSecs = random.Next(5, 300),
                    AuditPerAnnotationErrors = [.. Enumerable.Range(0, random.Next(0, 3)).Select(_ => new AnnotationError
                    {
                        ErrorType = new AnnotationErrorType(new[] { "geometry", "class", "missing" }[random.Next(0, 3)]),
                    })],
                })];
            }

            var fixless = new List<FixlessAudit>();
            if (random.Next(0, 2) == 0)
            {
                for (var a = 0; a < random.Next(1, 3); a++)
                {
                    fixless.Add(new FixlessAudit
                    {
                        Id = $"audit-{i}-{a}",
                        TaskId = task.TaskId,
                        Result = random.Next(0, 4) == 0 ? FixlessAuditResult.Rejected : FixlessAuditResult.Accepted,
                        CreatedAt = completed.AddHours(2 + a),
                        Active = a == 0 ? false : true,
                        FeedbackItems = [.. Enumerable.Range(0, random.Next(0, 8)).Select(_ => new FeedbackItem
                        {
                            Type = new FeedbackItemType(new[] { "error", "error", "error", "comment", "flag" }[random.Next(0, 5)]),
                            Category = new FeedbackItemCategory(Categories[random.Next(0, Categories.Length)]),
                            Severity = random.Next(0, 4) == 0 ? (FeedbackItemSeverity?)null : new FeedbackItemSeverity(Severities[random.Next(0, Severities.Length)]),
                            GraderOutput = random.Next(0, 5) == 0 ? null : new FeedbackItemGraderOutput { Conflict = random.Next(0, 6) == 0 },
                        })],
                    });
                }
            }

            data.Add((task, fixless));
        }

        return data;
    }

    private static List<TaskReview> Reviews(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => new TaskReview
        {
            WorkerId = "worker-" + random.Next(0, 8).ToString(CultureInfo.InvariantCulture),
            ReviewScore = Math.Round(random.NextDouble(), 2),
            ReviewCompletedAt = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(random.Next(0, 24 * 60)),
            Errors = new Dictionary<string, int> { ["missing_label"] = random.Next(0, 3) },
        })];
    }
}
