using System.Diagnostics;
using System.Globalization;
using AuditClient.Scale;
using AuditClient.Testing;

namespace AuditClient.Tests.Testing;

/// <summary>
/// <see cref="AuditFakesOptions.SeedProject"/>, read the way a sync or a report reads it: through the SDK's task
/// listing and audit listing, against the fakes' HTTP API.
/// </summary>
public sealed class FakeProjectTests
{
    private const int Tasks = 1_200;

    private static readonly FakeProjectSeed Project = new("cow_detection") { TaskCount = Tasks, Weeks = 6, BatchesPerWeek = 3 };

    [Test]
    public async Task The_seeded_project_spans_its_weeks_and_batches_with_task_audits_review_states_and_graded_fixless_audits()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.SeedProject = Project);
        var tasks = new List<ScaleTask>();
        await foreach (var task in fakes.Clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Project = "cow_detection" }))
        {
            tasks.Add(task);
        }

        var completed = tasks.Where(t => t.Status == ScaleTaskStatus.Completed).ToList();
        var audits = new List<FixlessAudit>();
        foreach (var task in completed)
        {
            audits.AddRange(await fakes.Clients.ScaleAudits.ListAuditsAsync(taskId: task.TaskId));
        }

        var items = audits.Where(a => a.Active == true).SelectMany(a => a.FeedbackItems ?? []).ToList();
        var errors = items.Where(i => i.Type == FeedbackItemType.Error).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(tasks, Has.Count.EqualTo(Tasks));
            Assert.That(tasks.Select(t => t.TaskId), Is.Unique);
            Assert.That(tasks.Select(t => t.Batch).Distinct().Order(), Is.EqualTo(Enumerable.Range(1, 18).Select(b => $"cow_detection_batch_{b:D3}")), "3 batches a week over 6 weeks");
            Assert.That(tasks.Select(t => Week(t.CreatedAt!.Value)).Distinct().Order(), Is.EqualTo(Enumerable.Range(0, 6)), "every week has tasks");
            Assert.That(tasks.Select(t => t.Type).Distinct().Count(), Is.GreaterThanOrEqualTo(4));
            Assert.That(tasks.Select(t => t.Status?.ToString()).Distinct(), Is.SupersetOf(new[] { "completed", "pending" }));
            Assert.That(completed.Select(t => t.CustomerReviewStatus?.ToString()).Distinct(), Is.EquivalentTo(new[] { "accepted", "rejected", "fixed", null }));
            Assert.That(completed.Where(t => t.CustomerReviewStatus?.ToString() == "fixed"), Has.All.Matches<ScaleTask>(t => t!.IsCustomerFix == true && t.PriorResponses is { Count: > 0 }));
            Assert.That(completed.SelectMany(t => t.Audits ?? []).SelectMany(a => a.AuditPerAnnotationErrors ?? []).Select(e => e.ErrorType?.ToString()).Distinct(),
                Is.SupersetOf(new[] { "class", "geometry", "attribute", "extraneous", "missing", "other" }));
            Assert.That(completed.SelectMany(t => t.Audits ?? []).Select(a => a.AuditSource?.ToString()).Distinct(), Is.EquivalentTo(new[] { "customer", "scale" }));

            Assert.That(audits.Select(a => a.TaskId).Distinct().Count(), Is.InRange(completed.Count / 2, completed.Count * 3 / 4), "about 60% of completed tasks have a fixless audit");
            Assert.That(audits.GroupBy(a => a.TaskId).Where(g => g.Count() > 1), Has.All.Matches<IGrouping<string?, FixlessAudit>>(g => g!.Count(a => a.Active == true) == 1), "a re-audited task has one active audit");
            Assert.That(audits.Select(a => a.Result?.ToString()).Distinct(), Is.EquivalentTo(new[] { "accepted", "rejected" }));
            Assert.That(errors.Select(e => e.Category?.ToString()).Distinct(), Is.EquivalentTo(new[] { "missing", "extraneous", "geometry", "position", "attribute", "label" }));
            Assert.That(errors.Select(e => e.Severity?.ToString()).Distinct(), Is.EquivalentTo(new[] { "mild", "standard", "severe" }));
            Assert.That(errors.Select(e => e.State?.ToString()).Distinct(), Is.EquivalentTo(new[] { "open", "resolved", "disputed", "escalated", "rejected" }));
            Assert.That(items.Select(i => i.Type?.ToString()).Distinct(), Is.EquivalentTo(new[] { "error", "comment", "confirmation", "flag" }));
            Assert.That(items, Has.All.Matches<FeedbackItem>(i => i!.GraderOutput?.Conflict is not null), "every item is graded");
            Assert.That(errors.Count(e => e.GraderOutput!.Conflict == true), Is.InRange(errors.Count / 50, errors.Count / 4), "some errors conflict with the grader");
        }
    }

    [Test]
    public async Task Quality_differs_by_vendor_worker_week_batch_and_auditor_the_way_a_report_should_show()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.SeedProject = Project);
        var byTask = fakes.Scale.Tasks.Where(t => (string?)t["project"] == "cow_detection").ToDictionary(t => (string)t["task_id"]!);

        // Counted errors per fixless-audited task: errors of standard or severe severity the grader accepted.
        var rows = fakes.Scale.Audits.Where(a => (bool?)a["active"] == true).Select(a =>
        {
            var task = byTask[(string)a["task_id"]!];
            var counted = a["feedback_items"]!.AsArray().Count(i =>
                (string?)i!["type"] == "error" && (string?)i["severity"] != "mild" && (bool?)i["grader_output"]!["conflict"] == false);
            var created = DateTimeOffset.Parse((string)task["created_at"]!, CultureInfo.InvariantCulture);
            return (Vendor: (string)task["metadata"]!["vendor"]!, Worker: (string)task["metadata"]!["worker_id"]!, Week: Week(created), Counted: counted,
                Conflicts: a["feedback_items"]!.AsArray().Count(i => (bool?)i!["grader_output"]!["conflict"] == true), Auditor: (string)a["created_by"]!,
                Batch: (string)task["batch"]!);
        }).ToList();

        double Rate(IEnumerable<(string Vendor, string Worker, int Week, int Counted, int Conflicts, string Auditor, string Batch)> of) => of.Average(r => r.Counted);
        var vendors = rows.GroupBy(r => r.Vendor).ToDictionary(g => g.Key, g => g.ToList());
        Assert.That(vendors.Keys, Has.Count.EqualTo(3));
        var best = vendors.MinBy(v => Rate(v.Value)).Key;
        var worst = vendors.MaxBy(v => Rate(v.Value)).Key;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Rate(vendors[worst]), Is.GreaterThan(Rate(vendors[best]) * 1.5), "vendors differ");
            Assert.That(Rate(vendors[best].Where(r => r.Week >= 4)), Is.LessThan(Rate(vendors[best].Where(r => r.Week <= 1))), "the best vendor improves over the weeks");
            Assert.That(Rate(vendors[worst].Where(r => r.Week >= 4)), Is.GreaterThan(Rate(vendors[worst].Where(r => r.Week <= 1))), "the worst vendor gets worse");
            var workers = vendors[best].GroupBy(r => r.Worker).Where(g => g.Count() >= 10).Select(g => Rate(g)).ToList();
            Assert.That(workers.Max(), Is.GreaterThan(workers.Min() * 2), "workers of one vendor differ");
            var batches = rows.GroupBy(r => r.Batch).Select(g => Rate(g)).Order().ToList();
            Assert.That(batches[^1], Is.GreaterThan(batches[batches.Count / 2] * 1.5), "some batches are much worse than the median");
            var conflicts = rows.GroupBy(r => r.Auditor).Select(g => g.Average(r => r.Conflicts)).ToList();
            Assert.That(conflicts.Max(), Is.GreaterThan(conflicts.Min() * 2), "one auditor's items conflict more often");
        }
    }

    [Test]
    public async Task The_same_seed_gives_the_same_project_and_another_seed_another()
    {
        var small = new FakeProjectSeed("p") { TaskCount = 50 };
        await using var first = await AuditFakes.StartAsync(o => { o.SeedProject = small; o.RandomSeed = 7; o.GeneratedTaskCount = 0; o.SeedExampleTask = false; });
        await using var second = await AuditFakes.StartAsync(o => { o.SeedProject = small; o.RandomSeed = 7; o.GeneratedTaskCount = 0; o.SeedExampleTask = false; });
        await using var other = await AuditFakes.StartAsync(o => { o.SeedProject = small; o.RandomSeed = 8; o.GeneratedTaskCount = 0; o.SeedExampleTask = false; });

        Assert.That(second.Scale.Tasks.Select(t => t.ToJsonString()), Is.EqualTo(first.Scale.Tasks.Select(t => t.ToJsonString())));
        Assert.That(second.Scale.Audits.Select(a => a.ToJsonString()), Is.EqualTo(first.Scale.Audits.Select(a => a.ToJsonString())));
        Assert.That(other.Scale.Tasks.Select(t => (string?)t["task_id"]), Is.Not.EqualTo(first.Scale.Tasks.Select(t => (string?)t["task_id"])));
    }

    [Test]
    public async Task Ten_thousand_tasks_are_seeded_and_listed()
    {
        var clock = Stopwatch.StartNew();
        await using var fakes = await AuditFakes.StartAsync(o => o.SeedProject = new FakeProjectSeed("big") { TaskCount = 10_000 });
        var started = clock.Elapsed;
        var page = await fakes.Clients.ScaleTasks.ListTasksAsync(new ScaleTaskQuery { Project = "big", Limit = 100 });
        await TestContext.Out.WriteLineAsync($"10,000 tasks and {fakes.Scale.Audits.Count:N0} fixless audits seeded in {started.TotalSeconds:F2} s");

        Assert.That(page.Total, Is.EqualTo(10_000));
    }

    [Test]
    public async Task Invalid_project_settings_are_refused_by_name()
    {
        Assert.Throws<ArgumentException>(() => _ = new FakeProjectSeed(" "));
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => AuditFakes.StartAsync(o => o.SeedProject = new FakeProjectSeed("p") { Weeks = 0 }));
        Assert.That(refused!.Message, Does.Contain("FakeProjectSeed.Weeks"));
    }

    private static int Week(DateTimeOffset created) => (int)((created - Project.Start).TotalDays / 7);
}
