using AuditClient.Scale;

namespace AuditClient.Tests.Scale;

/// <summary>The summary of a task's audit history gives the numbers a person counts by hand.</summary>
public sealed class TaskAuditHistoryTests
{
    /// <summary>
    /// Three audits, newest first as Scale lists them. By hand: results oldest first rejected, fixed, accepted; audit
    /// time 600 + 300 + 100 = 1000 s; active time 250.5 + 80 = 330.5 s (the oldest has none); 7 errors, of which e1, e2
    /// and e6 were fixed (3); by type geometry 2 (e1, e5), class, attribute, missing, extraneous and other 1 each; by
    /// severity default 3 (e1, e3, e6), critical 3 (e2, e4, e5), e7 has none.
    /// </summary>
    private const string ThreeAudits = """
        {
          "task_id": "t-9", "status": "completed", "customer_review_status": "accepted",
          "audits": [
            { "audited_by": "c@example.com", "audited_at": "2024-05-03T12:00:00.000Z", "audit_time_secs": 100,
              "audit_active_time_secs": 80, "audit_result": "accepted", "audit_source": "customer" },
            { "audited_by": "b@example.com", "audited_at": "2024-05-02T12:00:00.000Z", "audit_time_secs": 300,
              "audit_active_time_secs": 250.5, "audit_result": "fixed", "audit_source": "customer",
              "audit_per_annotation_errors": [
                { "uuid": "e1", "error_type": "geometry", "severity": "default", "is_fixed": true },
                { "uuid": "e2", "error_type": "class", "severity": "critical", "is_fixed": true,
                  "original_label": "car", "audit_label": "truck" },
                { "uuid": "e3", "error_type": "attribute", "severity": "default", "is_fixed": false, "attribute": "occluded" },
                { "uuid": "e4", "error_type": "missing", "severity": "critical", "is_without_annotation": true }
              ] },
            { "audited_by": "a@example.com", "audited_at": "2024-05-01T12:00:00.000Z", "audit_time_secs": 600,
              "audit_result": "rejected", "audit_source": "scale",
              "audit_per_annotation_errors": [
                { "uuid": "e5", "error_type": "geometry", "severity": "critical", "is_fixed": false },
                { "uuid": "e6", "error_type": "extraneous", "severity": "default", "is_fixed": true },
                { "uuid": "e7", "error_type": "other", "comment": "odd" }
              ] }
          ]
        }
        """;

    private static ScaleTask Read(string json) => AuditClientJson.Deserialize<ScaleTask>(json)!;

    [Test]
    public void A_history_gives_results_oldest_first_the_times_and_the_errors_counted_by_hand()
    {
        var history = TaskAuditHistory.From(Read(ThreeAudits));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(history.Audits.Select(a => a.AuditedBy), Is.EqualTo(new[] { "a@example.com", "b@example.com", "c@example.com" }));
            Assert.That(history.Results, Is.EqualTo(new TaskAuditResult?[] { TaskAuditResult.Rejected, TaskAuditResult.Fixed, TaskAuditResult.Accepted }));
            Assert.That(history.AuditTime, Is.EqualTo(TimeSpan.FromSeconds(1000)));
            Assert.That(history.ActiveTime, Is.EqualTo(TimeSpan.FromSeconds(330.5)));
            Assert.That(history.ErrorCount, Is.EqualTo(7));
            Assert.That(history.FixedErrorCount, Is.EqualTo(3));
            Assert.That(history.ErrorsByType, Is.EquivalentTo(new Dictionary<AnnotationErrorType, int>
            {
                [AnnotationErrorType.Geometry] = 2,
                [AnnotationErrorType.Class] = 1,
                [AnnotationErrorType.Attribute] = 1,
                [AnnotationErrorType.Missing] = 1,
                [AnnotationErrorType.Extraneous] = 1,
                [AnnotationErrorType.Other] = 1,
            }));
            Assert.That(history.ErrorsBySeverity, Is.EquivalentTo(new Dictionary<AnnotationErrorSeverity, int>
            {
                [AnnotationErrorSeverity.Default] = 3,
                [AnnotationErrorSeverity.Critical] = 3,
            }));
        }
    }

    [Test]
    public void The_specs_example_task_sums_to_the_hand_counted_totals()
    {
        // Two audits: fixed (511 s, 511 s active), then accepted (120 s, 95.5 s) with one critical geometry error, fixed.
        var history = TaskAuditHistory.From(Read(ScaleTaskJson.SpecExample));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(history.Results, Is.EqualTo(new TaskAuditResult?[] { TaskAuditResult.Fixed, TaskAuditResult.Accepted }));
            Assert.That(history.AuditTime, Is.EqualTo(TimeSpan.FromSeconds(631)));
            Assert.That(history.ActiveTime, Is.EqualTo(TimeSpan.FromSeconds(606.5)));
            Assert.That(history.ErrorCount, Is.EqualTo(1));
            Assert.That(history.FixedErrorCount, Is.EqualTo(1));
            Assert.That(history.ErrorsByType[AnnotationErrorType.Geometry], Is.EqualTo(1));
            Assert.That(history.ErrorsBySeverity[AnnotationErrorSeverity.Critical], Is.EqualTo(1));
        }
    }

    [Test]
    public void Audits_listed_in_any_order_come_out_oldest_first_and_the_latest_audit_is_last()
    {
        var task = Read("""
            { "task_id": "t", "audits": [
              { "audited_by": "middle", "audited_at": "2024-05-02T00:00:00.000Z" },
              { "audited_by": "no time" },
              { "audited_by": "newest", "audited_at": "2024-05-03T00:00:00.000Z" },
              { "audited_by": "tie listed first", "audited_at": "2024-05-01T00:00:00.000Z" },
              { "audited_by": "tie listed second", "audited_at": "2024-05-01T00:00:00.000Z" }
            ] }
            """);

        var history = TaskAuditHistory.From(task);

        Assert.That(
            history.Audits.Select(a => a.AuditedBy),
            Is.EqualTo(new[] { "no time", "tie listed second", "tie listed first", "middle", "newest" }));
        Assert.That(history.Audits[^1], Is.SameAs(task.LatestAudit));
    }

    [Test]
    public void Ties_end_with_the_audit_the_task_calls_latest()
    {
        var task = Read("""
            { "task_id": "t", "audits": [
              { "audited_by": "first", "audited_at": "2024-05-01T00:00:00.000Z" },
              { "audited_by": "second", "audited_at": "2024-05-01T00:00:00.000Z" }
            ] }
            """);

        Assert.That(TaskAuditHistory.From(task).Audits[^1], Is.SameAs(task.LatestAudit));
    }

    [Test]
    public void A_task_without_audits_gives_an_empty_history()
    {
        var history = TaskAuditHistory.From(Read("""{ "task_id": "t", "status": "completed" }"""));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(history.Audits, Is.Empty);
            Assert.That(history.Results, Is.Empty);
            Assert.That(history.AuditTime, Is.EqualTo(TimeSpan.Zero));
            Assert.That(history.ActiveTime, Is.EqualTo(TimeSpan.Zero));
            Assert.That(history.ErrorCount, Is.Zero);
            Assert.That(history.FixedErrorCount, Is.Zero);
            Assert.That(history.ErrorsByType, Is.Empty);
            Assert.That(history.ErrorsBySeverity, Is.Empty);
        }
    }
}
