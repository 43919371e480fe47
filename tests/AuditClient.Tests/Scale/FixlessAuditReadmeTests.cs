using System.Text.Json.Nodes;
using AuditClient.Scale;
using AuditClient.Testing;

namespace AuditClient.Tests.Scale;

/// <summary>docs/fixless-audits.md's first snippet, run against the fakes: the task it names is one they seed.</summary>
public sealed class FixlessAuditReadmeTests
{
    [Test]
    public async Task The_fixless_audit_snippet_creates_an_audit_and_lists_it_back_graded()
    {
        // Graded at the next request, so the listing sees the audit as Scale shows it minutes later: active, graded.
        await using var fakes = await AuditFakes.StartAsync(o => o.GradingDelay = TimeSpan.Zero);
        var clients = fakes.Clients;

        #region snippet: fixless-create-and-list
        var created = await clients.ScaleAudits.CreateAuditAsync(new FixlessAuditCreate
        {
            TaskId = "576ba74eec471ff9b01557cc",
            Result = FixlessAuditResult.Rejected,
            TargetResponseUrl = "https://example.com/responses/576ba74eec471ff9b01557cc.json",
            Comments = "one cuboid is too wide, one pedestrian is missing",
            FeedbackItems =
            [
                new FeedbackItemCreate
                {
                    Type = FeedbackItemType.Error,
                    Category = FeedbackItemCategory.Geometry,
                    Severity = FeedbackItemSeverity.Standard,
                    Scope = new FeedbackItemScopeAnnotation
                    {
                        AnnotationId = "cuboid_17",
                        Interval = new FeedbackItemInterval { Start = 0, End = 40 },
                    },
                },
                new FeedbackItemCreate
                {
                    Type = FeedbackItemType.Error,
                    Category = FeedbackItemCategory.Missing,
                    Scope = new FeedbackItemScopePoint
                    {
                        Coordinates = new Point2D(12.5, -3.25),
                        MissingAnnotationType = AnnotationType.Cuboid,
                        MissingAnnotationClass = "pedestrian",
                        Stationary = false,
                        Interval = new FeedbackItemInterval { Start = 10, End = 12 },
                    },
                },
            ],
        });
        Console.WriteLine($"created {created.Srn}");

        var audits = await clients.ScaleAudits.ListAuditsAsync(taskId: "576ba74eec471ff9b01557cc");
        var latest = audits.FirstOrDefault(a => a.Active == true);
        foreach (var item in latest?.FeedbackItems ?? [])
        {
            var where = item.Scope switch
            {
                FeedbackItemScopeAnnotation a => $"annotation {a.AnnotationId}",
                FeedbackItemScopePoint p => $"missing {p.MissingAnnotationType} at {p.Coordinates}",
                FeedbackItemScopeUnknown u => $"a '{u.Type}' scope this SDK version does not know",
                var other => other?.Type,
            };
            Console.WriteLine($"{item.State} {item.Type} ({where}), grader conflict: {item.GraderOutput?.Conflict}");
        }
        #endregion

        var sent = JsonNode.Parse(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit).Single().Body)!;
        Assert.That(sent["feedback_items"]![1]!["scope"]!.ToJsonString(), Is.EqualTo(
            """{"type":"point","coordinates":[12.5,-3.25],"missing_annotation_type":"cuboid","stationary":false,"missing_annotation_class":"pedestrian","interval":{"type":"frame_range","start":10,"end":12}}"""));
        Assert.That(created.Srn, Is.EqualTo($"srn:scale:avcv:audit:{created.Id}"));
        Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId), Has.Count.EqualTo(1));
        Assert.That(latest?.Id, Is.EqualTo(created.Id), "the created audit, active once graded");
        Assert.That(latest!.FeedbackItems!.Select(i => i.GraderOutput?.Conflict), Is.EqualTo(new bool?[] { false, false }));
    }
}
