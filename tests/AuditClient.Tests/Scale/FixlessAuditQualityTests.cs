using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Scale;

/// <summary>The quality view of a task's fixless audits gives the numbers a person counts by hand.</summary>
public sealed class FixlessAuditQualityTests
{
    /// <summary>
    /// Three audits of one task, listed in no particular order: the active one is in the middle and is older than an
    /// inactive one. Its twelve items, by hand:
    /// counts (error, standard/severe/absent, no conflict): i1 label standard, i2 label absent, i3 geometry severe,
    /// i10 missing standard, i11 attribute severe -> 5; by category label 2, geometry 1, missing 1, attribute 1;
    /// by severity standard 3 (i1, i2, i10), severe 2 (i3, i11); conflicts: i5, i6 and i9 (a confirmation) -> 3;
    /// ungraded among the counted: i1 and i11 -> 2.
    /// </summary>
    internal const string TaskAudits = """
        [
          {
            "id": "old", "type": "fixless", "task_id": "t-7", "result": "rejected", "active": false,
            "created_at": "2024-01-01T10:00:00.000Z",
            "feedback_items": [
              { "id": "o1", "type": "error", "category": "label", "severity": "severe", "scope": { "type": "annotation", "annotation_id": "a" } },
              { "id": "o2", "type": "error", "category": "geometry", "scope": { "type": "annotation", "annotation_id": "b" } }
            ]
          },
          {
            "id": "active", "type": "fixless", "task_id": "t-7", "result": "rejected", "active": true,
            "created_at": "2024-01-02T10:00:00.000Z",
            "feedback_items": [
              { "id": "i1", "type": "error", "category": "label", "severity": "standard",
                "scope": { "type": "annotation", "annotation_id": "box_1" } },
              { "id": "i2", "type": "error", "category": "label",
                "scope": { "type": "annotation", "annotation_id": "box_2" }, "grader_output": { "conflict": false } },
              { "id": "i3", "type": "error", "category": "geometry", "severity": "severe",
                "scope": { "type": "annotation", "annotation_id": "box_3" }, "grader_output": { "conflict": false } },
              { "id": "i4", "type": "error", "category": "geometry", "severity": "mild",
                "scope": { "type": "annotation", "annotation_id": "box_4" }, "grader_output": { "conflict": false } },
              { "id": "i5", "type": "error", "category": "missing", "severity": "severe",
                "scope": { "type": "annotation", "annotation_id": "box_5" },
                "grader_output": { "conflict": true, "explanation": "a missing error needs a point or polygon" } },
              { "id": "i6", "type": "error", "category": "extraneous", "severity": "standard",
                "scope": { "type": "annotation", "annotation_id": "nope" },
                "grader_output": { "conflict": true, "explanation": "annotation nope does not exist" } },
              { "id": "i7", "type": "comment", "category": "label", "severity": "standard",
                "scope": { "type": "annotation", "annotation_id": "box_7" } },
              { "id": "i8", "type": "flag", "category": "position", "severity": "severe",
                "scope": { "type": "annotation", "annotation_id": "box_8" } },
              { "id": "i9", "type": "confirmation", "category": "attribute",
                "scope": { "type": "scene", "attribute": "weather" }, "grader_output": { "conflict": true } },
              { "id": "i10", "type": "error", "category": "missing", "severity": "standard",
                "scope": { "type": "point", "coordinates": [1, 2], "missing_annotation_type": "cuboid", "stationary": true },
                "grader_output": { "conflict": false, "explanation": "" } },
              { "id": "i11", "type": "error", "category": "attribute", "severity": "severe",
                "scope": { "type": "annotation", "annotation_id": "box_11", "attribute": "occluded" } },
              { "id": "i12", "type": "error", "category": "position", "severity": "critical",
                "scope": { "type": "annotation", "annotation_id": "box_12" } }
            ]
          },
          {
            "id": "newer-inactive", "type": "fixless", "task_id": "t-7", "result": "accepted", "active": false,
            "created_at": "2024-01-03T10:00:00.000Z",
            "feedback_items": [
              { "id": "n1", "type": "error", "category": "label", "scope": { "type": "annotation", "annotation_id": "a" } }
            ]
          }
        ]
        """;

    private static List<FixlessAudit> Read(string json) => AuditClientJson.Deserialize<List<FixlessAudit>>(json)!;

    [Test]
    public void The_active_audit_is_the_latest_even_when_a_newer_one_is_inactive()
    {
        var quality = FixlessAuditQuality.From(Read(TaskAudits));

        Assert.That(quality.LatestAudit?.Id, Is.EqualTo("active"));
    }

    [Test]
    public void Only_errors_of_standard_or_severe_severity_without_a_grader_conflict_count()
    {
        var quality = FixlessAuditQuality.From(Read(TaskAudits));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(quality.CountedItems.Select(i => i.Id), Is.EqualTo(new[] { "i1", "i2", "i3", "i10", "i11" }));
            Assert.That(quality.CountsByCategory, Is.EquivalentTo(new Dictionary<FeedbackItemCategory, int>
            {
                [FeedbackItemCategory.Label] = 2,
                [FeedbackItemCategory.Geometry] = 1,
                [FeedbackItemCategory.Missing] = 1,
                [FeedbackItemCategory.Attribute] = 1,
            }));
            Assert.That(quality.CountsBySeverity, Is.EquivalentTo(new Dictionary<FeedbackItemSeverity, int>
            {
                [FeedbackItemSeverity.Standard] = 3,
                [FeedbackItemSeverity.Severe] = 2,
            }));
            Assert.That(quality.Conflicts.Select(i => i.Id), Is.EqualTo(new[] { "i5", "i6", "i9" }));
            Assert.That(quality.Conflicts[1].GraderOutput!.Explanation, Is.EqualTo("annotation nope does not exist"));
            Assert.That(quality.UngradedCount, Is.EqualTo(2));
        }
    }

    [Test]
    public void Without_an_active_audit_the_newest_by_created_at_is_the_latest()
    {
        var audits = Read("""
            [
              { "id": "b", "active": false, "created_at": "2024-03-01T00:00:00.000Z",
                "feedback_items": [ { "id": "b1", "type": "error", "category": "label", "severity": "severe" } ] },
              { "id": "no-time", "active": false },
              { "id": "c", "created_at": "2024-03-02T09:00:00+02:00" },
              { "id": "a", "active": false, "created_at": "2024-02-01T00:00:00.000Z" }
            ]
            """);

        var quality = FixlessAuditQuality.From(audits);

        // c is 2024-03-02T07:00Z, later than b.
        Assert.That(quality.LatestAudit?.Id, Is.EqualTo("c"));
        Assert.That(quality.CountedItems, Is.Empty);
        Assert.That(quality.CountsByCategory, Is.Empty);
    }

    [Test]
    public void Between_audits_created_at_the_same_time_the_first_listed_is_the_latest()
    {
        var audits = Read("""
            [ { "id": "first", "created_at": "2024-03-01T00:00:00.000Z" }, { "id": "second", "created_at": "2024-03-01T00:00:00.000Z" } ]
            """);

        Assert.That(FixlessAuditQuality.From(audits).LatestAudit?.Id, Is.EqualTo("first"));
    }

    [Test]
    public void No_audits_give_an_empty_view()
    {
        var quality = FixlessAuditQuality.From([]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(quality.LatestAudit, Is.Null);
            Assert.That(quality.CountedItems, Is.Empty);
            Assert.That(quality.CountsByCategory, Is.Empty);
            Assert.That(quality.CountsBySeverity, Is.Empty);
            Assert.That(quality.Conflicts, Is.Empty);
            Assert.That(quality.UngradedCount, Is.Zero);
        }
    }

    [TestCase("error", null, null, true)]
    [TestCase("error", "standard", null, true)]
    [TestCase("error", "severe", false, true)]
    [TestCase("error", "mild", null, false)]
    [TestCase("error", "critical", null, false)]
    [TestCase("error", "severe", true, false)]
    [TestCase("comment", "severe", null, false)]
    [TestCase("flag", null, null, false)]
    [TestCase("confirmation", "standard", false, false)]
    [TestCase(null, "standard", null, false)]
    public void Whether_an_item_counts(string? type, string? severity, bool? conflict, bool counts)
    {
        var item = new FeedbackItem
        {
            Type = type is null ? (FeedbackItemType?)null : new FeedbackItemType(type),
            Severity = severity is null ? (FeedbackItemSeverity?)null : new FeedbackItemSeverity(severity),
            GraderOutput = conflict is null ? null : new FeedbackItemGraderOutput { Conflict = conflict },
        };

        Assert.That(FixlessAuditQuality.CountsTowardQuality(item), Is.EqualTo(counts));
    }

    [Test]
    public async Task The_view_is_built_from_what_ListAuditsAsync_returns()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(TaskAudits));
        using var clients = Loopback.Clients(server);

        var quality = FixlessAuditQuality.From(await clients.ScaleAudits.ListAuditsAsync(taskId: "t-7"));

        Assert.That(quality.LatestAudit?.Id, Is.EqualTo("active"));
        Assert.That(quality.CountedItems, Has.Count.EqualTo(5));
        Assert.That(quality.CountsBySeverity[FeedbackItemSeverity.Standard], Is.EqualTo(3));
    }
}
