using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Scale;

/// <summary>docs/fixless-audits.md's snippets on checking without sending and on what counts toward quality, compiled and run.</summary>
public sealed class GraderReadmeTests
{
    [Test]
    public async Task The_readme_grader_snippets_run()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(FixlessAuditQualityTests.TaskAudits));
        server.Given(Request.Create().WithPath("/v1/task/576ba74eec471ff9b01557cc").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(ScaleTaskJson.SpecExample));
        using var clients = Loopback.Clients(server);
        var taskId = "576ba74eec471ff9b01557cc";
        var unlabelled = new FeedbackItemCreate
        {
            Type = FeedbackItemType.Error,
            Category = FeedbackItemCategory.Label,
            Scope = new FeedbackItemScopeAnnotation { Interval = new FeedbackItemInterval { Start = 0, End = 4 } },
        };
        var audit = FixlessAuditValidationTests.ValidAudit() with
        {
            FeedbackItems = [.. FixlessAuditValidationTests.ValidAudit().FeedbackItems!.Take(3), unlabelled],
        };

        #region snippet: fixless-validate
        IReadOnlyList<ValidationViolation> problems = audit.Validate();   // nothing is sent
        foreach (var problem in problems)
            Console.WriteLine(problem);   // feedback_items[3].scope.annotation_id: is required
        #endregion

        #region snippet: fixless-quality
        var quality = FixlessAuditQuality.From(await clients.ScaleAudits.ListAuditsAsync(taskId: taskId));
        Console.WriteLine($"audit {quality.LatestAudit?.Id}: {quality.CountedItems.Count} items count toward quality");
        foreach (var (category, count) in quality.CountsByCategory)
            Console.WriteLine($"  {category}: {count}");
        foreach (var item in quality.Conflicts)
            Console.WriteLine($"  not counted, the grader says: {item.GraderOutput?.Explanation}");

        var history = TaskAuditHistory.From(await clients.ScaleTasks.GetTaskAsync(taskId));
        Console.WriteLine($"{string.Join(" -> ", history.Results)}, {history.AuditTime.TotalMinutes:F1} min, "
            + $"{history.FixedErrorCount} of {history.ErrorCount} errors fixed");
        #endregion

        Assert.That(problems, Is.EqualTo(new[] { new ValidationViolation("feedback_items[3].scope.annotation_id", "is required") }));
        Assert.That(problems.Single().ToString(), Is.EqualTo("feedback_items[3].scope.annotation_id: is required"));
        Assert.That(quality.CountedItems, Has.Count.EqualTo(5));
        Assert.That(string.Join(" -> ", history.Results), Is.EqualTo("fixed -> accepted"));
        Assert.That(server.LogEntries.Count(), Is.EqualTo(2));
    }
}
