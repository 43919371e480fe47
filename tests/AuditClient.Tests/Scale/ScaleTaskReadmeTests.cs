using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.Scale;

/// <summary>The README's task snippets, compiled and run against a loopback server.</summary>
public sealed class ScaleTaskReadmeTests
{
    private const string ThisFile = "tests/AuditClient.Tests/Scale/ScaleTaskReadmeTests.cs";

    private static void ServeJson(WireMockServer server, IRequestBuilder request, string body) =>
        server.Given(request).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));

    [Test]
    public async Task The_readme_task_snippets_run()
    {
        using var server = Loopback.StartServer();
        ServeJson(server, Request.Create().WithPath("/v1/task/576ba74eec471ff9b01557cc").UsingGet(), ScaleTaskJson.SpecExample);
        ServeJson(server, Request.Create().WithPath("/v1/tasks").UsingGet(), $$"""{"docs":[{{ScaleTaskJson.SpecExample}}],"has_more":false}""");
        ServeJson(server, Request.Create().WithPath("/v1/task/t-42/audit").UsingPost(), ScaleTaskJson.Task("t-42"));
        using var clients = Loopback.Clients(server);
        var cancellationToken = CancellationToken.None;
        var taskId = "t-42";

        // README: task audit fields (begin)
        var task = await clients.ScaleTasks.GetTaskAsync("576ba74eec471ff9b01557cc");
        if (task.LatestAudit is { } audit)      // the most recent audit, by audited_at
        {
            Console.WriteLine($"{audit.AuditResult} by {audit.AuditedBy} at {audit.AuditedAt:u}");
            foreach (var error in audit.AuditPerAnnotationErrors ?? [])
                Console.WriteLine($"  {error.Severity} {error.ErrorType} on {error.Uuid}: {error.Comment}");
        }
        var responses = task.ResponseHistory;   // prior responses, oldest first, then the current response
        var fixedByUs = task.IsFixedByCustomer;
        // README: task audit fields (end)

        // README: task listing (begin)
        var query = new ScaleTaskQuery
        {
            Project = "cow_detection",
            CustomerReviewStatuses = [CustomerReviewStatus.Rejected, CustomerReviewStatus.Fixed],
            UpdatedAfter = DateTimeOffset.Now.AddDays(-1),
            Limit = 100,
        };
        await foreach (var reviewed in clients.ScaleTasks.ListAllTasksAsync(query, cancellationToken))
            Console.WriteLine($"{reviewed.TaskId}: {reviewed.CustomerReviewStatus}");
        // README: task listing (end)

        // README: task audit action (begin)
        await clients.ScaleTasks.AuditTaskAsync(taskId, accepted: false, comments: "Boxes miss the tails");
        // README: task audit action (end)

        Assert.That(responses, Has.Count.EqualTo(2));
        Assert.That(fixedByUs, Is.True);
        Assert.That(server.LogEntries.Count(), Is.EqualTo(3));
    }

    [TestCase("task audit fields")]
    [TestCase("task listing")]
    [TestCase("task audit action")]
    public void The_readme_shows_exactly_the_code_this_test_runs(string block)
    {
        Assert.That(ReadmeSnippets.ReadmeCodeBlocks(), Does.Contain(ReadmeSnippets.Block(ThisFile, block)));
    }
}
