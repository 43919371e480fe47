using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.Scale;

/// <summary>docs/tasks.md's snippets, compiled and run against a loopback server.</summary>
public sealed class ScaleTaskReadmeTests
{
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

        #region snippet: task-audit-fields
        var task = await clients.ScaleTasks.GetTaskAsync("576ba74eec471ff9b01557cc");
        if (task.LatestAudit is { } audit)      // the most recent audit, by audited_at
        {
            Console.WriteLine($"{audit.AuditResult} by {audit.AuditedBy} at {audit.AuditedAt:u}");
            foreach (var error in audit.AuditPerAnnotationErrors ?? [])
                Console.WriteLine($"  {error.Severity} {error.ErrorType} on {error.Uuid}: {error.Comment}");
        }
        var responses = task.ResponseHistory;   // prior responses, oldest first, then the current response
        var fixedByUs = task.IsFixedByCustomer;
        #endregion

        #region snippet: task-listing
        var query = new ScaleTaskQuery
        {
            Project = "cow_detection",
            CustomerReviewStatuses = [CustomerReviewStatus.Rejected, CustomerReviewStatus.Fixed],
            UpdatedAfter = DateTimeOffset.Now.AddDays(-1),
            Limit = 100,
        };
        await foreach (var reviewed in clients.ScaleTasks.ListAllTasksAsync(query, cancellationToken))
            Console.WriteLine($"{reviewed.TaskId}: {reviewed.CustomerReviewStatus}");
        #endregion

        #region snippet: task-audit-action
        await clients.ScaleTasks.AuditTaskAsync(taskId, accepted: false, comments: "Boxes miss the tails");
        #endregion

        Assert.That(responses, Has.Count.EqualTo(2));
        Assert.That(fixedByUs, Is.True);
        Assert.That(server.LogEntries.Count(), Is.EqualTo(3));
    }
}
