using AuditClient.CloudFactory;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.CloudFactory;

/// <summary>The snippets of docs/cloudfactory.md, compiled and run against a loopback server.</summary>
public sealed class ReadmeSnippetTests
{
    [Test]
    public async Task Single_submission_snippet_runs()
    {
        using var server = Loopback.StartServer();
        CloudFactoryServer.AcceptReviews(server);
        using var clients = Loopback.Clients(server);
        var cancellationToken = CancellationToken.None;

        #region snippet: cloudfactory-submit
        var review = new TaskReview
        {
            WorkstreamId = "345d6802-0efa-46de-a73c-6c24f094dfcf",   // also the workstream of the request's path
            UseCaseId = "rr3d6802-0efa-46de-a73c-6c24f094dfcf",
            TaskDefinitionId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
            TaskId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
            UniqueId = "review-032d6802",           // with it, a 5xx or a timeout is retried safely
            WorkerId = "test_worker@cf.com",
            ReviewCompletedAt = DateTimeOffset.UtcNow,
            ReviewScore = 0.78,
            ReviewType = ReviewType.SpotCheck,      // sent as "Spot Check"
            Errors = new Dictionary<string, int> { ["missing_label"] = 2, ["incorrect_label"] = 1 },
            ReviewMeasurements = new Dictionary<string, MeasurementValue> { ["attribute_1_count"] = 0.5, ["attribute_1_label"] = "Header" },
        };

        foreach (var violation in review.Validate())    // optional: the same check runs before sending
        {
            Console.WriteLine(violation);               // e.g. "review_score: must be a number between 0 and 1"
        }

        TaskReviewAccepted accepted = await clients.CloudFactory.SubmitTaskReviewedAsync(review, cancellationToken);
        Console.WriteLine(accepted.Message);            // "Data successfully received."
        #endregion

        Assert.That(accepted.Message, Is.EqualTo("Data successfully received."));
        Assert.That(server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Bulk_snippet_runs()
    {
        using var server = Loopback.StartServer();
        CloudFactoryServer.AcceptReviews(server);
        using var clients = Loopback.Clients(server);
        var cancellationToken = CancellationToken.None;
        IEnumerable<TaskReview> reviews = Enumerable.Range(0, 20).Select(i => CloudFactoryServer.Minimal("task-" + i)).ToList();

        #region snippet: cloudfactory-bulk
        var progress = new Progress<BulkProgress>(p => Console.WriteLine($"{p.Completed}/{p.Total} done, {p.Failed} failed"));
        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(
            reviews, new BulkOptions { MaxConcurrency = 8 }, progress, cancellationToken);

        foreach (var failed in results.Where(r => r.Status == BulkStatus.Failed))
        {
            Console.WriteLine($"#{failed.Index} ({failed.Item.TaskId}): {failed.Error!.Message}");
        }

        // After a cancellation, these were never sent: submit them again later.
        var notSent = results.Where(r => r.Status == BulkStatus.NotSent).Select(r => r.Item).ToList();
        #endregion

        Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
        Assert.That(notSent, Is.Empty);
        Assert.That(server.LogEntries, Has.Count.EqualTo(20));
    }
}
