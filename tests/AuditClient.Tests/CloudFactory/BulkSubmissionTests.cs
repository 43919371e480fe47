using System.Collections.Concurrent;
using System.Threading.Channels;
using AuditClient.CloudFactory;
using AuditClient.Tests.Support;
using WireMock.Matchers;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.CloudFactory;

public sealed class BulkSubmissionTests
{
    private const int Count = 500;

    [Test]
    public async Task Five_hundred_reviews_with_a_failing_subset_give_one_result_each_in_order_and_exactly_that_subset_failed()
    {
        using var server = StartServerFailingBadTaskIds();
        using var clients = FastClients(server);
        var reviews = Reviews(Count, isBad: i => i % 7 == 3);
        var reports = new ConcurrentBag<BulkProgress>();

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(
            reviews, new BulkOptions { MaxConcurrency = 12 }, new SyncProgress(reports.Add));

        Assert.That(results, Has.Count.EqualTo(Count));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Index), Is.EqualTo(Enumerable.Range(0, Count)));
            Assert.That(results.Select(r => r.Item), Is.EqualTo(reviews), "each result carries its own review, in input order");
            Assert.That(
                results.Where(r => r.Status == BulkStatus.Failed).Select(r => r.Index),
                Is.EqualTo(Enumerable.Range(0, Count).Where(i => i % 7 == 3)));
            Assert.That(results.Where(r => r.Status == BulkStatus.Failed).Select(r => ((AuditApiException)r.Error!).VendorMessage), Has.All.EqualTo("task_id is not known"));
            Assert.That(results.Where(r => r.Status == BulkStatus.Succeeded).Select(r => r.Result!.Message), Has.All.EqualTo("Data successfully received."));
            Assert.That(results.Where(r => r.Status == BulkStatus.Succeeded).Select(r => r.Error), Has.All.Null);
            Assert.That(SentTaskIds(server), Is.EquivalentTo(reviews.Select(r => r.TaskId)), "every review sent exactly once");
            Assert.That(reports, Has.Count.EqualTo(Count));
            Assert.That(reports.Max(p => p.Completed), Is.EqualTo(Count));
            Assert.That(reports, Has.All.Matches<BulkProgress>(p => p.Total == Count && p.Succeeded + p.Failed == p.Completed));
            Assert.That(reports.Single(p => p.Completed == Count).Failed, Is.EqualTo(results.Count(r => r.Status == BulkStatus.Failed)));
        }
    }

    [Test]
    public async Task Reviews_refused_by_validation_fail_with_the_validation_exception_and_are_never_sent()
    {
        using var server = Loopback.StartServer();
        CloudFactoryServer.AcceptReviews(server);
        using var clients = FastClients(server);
        var reviews = Reviews(40, isBad: _ => false).Select((r, i) => i % 10 == 0 ? r.With(c => c.ReviewScore = 1.5) : r).ToList();

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews);

        var failed = results.Where(r => r.Status == BulkStatus.Failed).ToList();
        Assert.That(failed.Select(r => r.Index), Is.EqualTo(new[] { 0, 10, 20, 30 }));
        Assert.That(failed.Select(r => r.Error), Has.All.TypeOf<AuditValidationException>());
        Assert.That(((AuditValidationException)failed[0].Error!).Violations.Single().Path, Is.EqualTo("review_score"));
        Assert.That(SentTaskIds(server), Is.EquivalentTo(results.Where(r => r.Status == BulkStatus.Succeeded).Select(r => r.Item.TaskId)));
        Assert.That(server.LogEntries, Has.Count.EqualTo(36));
    }

    [Test]
    public async Task A_null_review_fails_on_its_own_without_stopping_the_others()
    {
        using var server = Loopback.StartServer();
        CloudFactoryServer.AcceptReviews(server);
        using var clients = FastClients(server);
        var reviews = Reviews(5, isBad: _ => false);
        reviews[2] = null!;

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews);

        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { BulkStatus.Succeeded, BulkStatus.Succeeded, BulkStatus.Failed, BulkStatus.Succeeded, BulkStatus.Succeeded }));
        Assert.That(results[2].Error!.InnerException, Is.TypeOf<ArgumentNullException>());
        Assert.That(server.LogEntries, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Cancelling_while_the_input_is_read_sends_what_was_started_and_reports_the_rest_not_sent()
    {
        using var server = StartServerFailingBadTaskIds();
        using var clients = FastClients(server);
        using var cancellation = new CancellationTokenSource();
        var reviews = Reviews(Count, isBad: i => i % 10 == 0);

        // The input itself cancels just before yielding item 250: items 0..249 were started, 250.. were not.
        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(
            CancelBefore(reviews, 250, cancellation), null, null, cancellation.Token);

        Assert.That(results, Has.Count.EqualTo(Count));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Take(250).Select(r => r.Status), Has.None.EqualTo(BulkStatus.NotSent));
            Assert.That(results.Skip(250).Select(r => r.Status), Has.All.EqualTo(BulkStatus.NotSent));
            Assert.That(results.Skip(250).Select(r => r.Error), Has.All.Null);
            Assert.That(results.Count(r => r.Status == BulkStatus.Failed), Is.EqualTo(25));
            Assert.That(SentTaskIds(server), Is.EquivalentTo(reviews.Take(250).Select(r => r.TaskId)));
        }
    }

    [Test]
    public async Task Cancelling_from_progress_midway_leaves_every_item_accounted_for()
    {
        using var server = StartServerFailingBadTaskIds();
        using var clients = FastClients(server);
        using var cancellation = new CancellationTokenSource();
        var reviews = Reviews(Count, isBad: i => i % 9 == 4);
        var progress = new SyncProgress(p =>
        {
            if (p.Completed >= 100)
            {
                cancellation.Cancel();
            }
        });

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(
            reviews, new BulkOptions { MaxConcurrency = 8 }, progress, cancellation.Token);

        var sent = results.Where(r => r.Status != BulkStatus.NotSent).ToList();
        var notSent = results.Where(r => r.Status == BulkStatus.NotSent).ToList();
        Assert.That(results, Has.Count.EqualTo(Count));
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Index), Is.EqualTo(Enumerable.Range(0, Count)));
            Assert.That(sent.Count + notSent.Count, Is.EqualTo(Count));
            Assert.That(notSent, Is.Not.Empty);
            Assert.That(sent, Has.Count.GreaterThanOrEqualTo(100));
            Assert.That(server.LogEntries, Has.Count.EqualTo(sent.Count), "the server saw exactly the items reported as sent");
            Assert.That(SentTaskIds(server), Is.EquivalentTo(sent.Select(r => r.Item.TaskId)));
            Assert.That(
                sent.Where(r => r.Status == BulkStatus.Failed).Select(r => r.Index),
                Is.EqualTo(sent.Select(r => r.Index).Where(i => i % 9 == 4)));
        }
    }

    [Test]
    public async Task A_token_cancelled_before_the_start_sends_nothing_and_reports_every_item_not_sent()
    {
        using var server = Loopback.StartServer();
        CloudFactoryServer.AcceptReviews(server);
        using var clients = FastClients(server);

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(
            Reviews(20, isBad: _ => false), null, null, new CancellationToken(canceled: true));

        Assert.That(results.Select(r => r.Status), Is.EqualTo(Enumerable.Repeat(BulkStatus.NotSent, 20)));
        Assert.That(server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task An_async_stream_is_submitted_in_order_and_one_that_ends_on_cancellation_is_not_read_further()
    {
        using var server = Loopback.StartServer();
        CloudFactoryServer.AcceptReviews(server);
        using var clients = FastClients(server);
        var channel = Channel.CreateUnbounded<TaskReview>();
        var reviews = Reviews(60, isBad: _ => false);
        foreach (var review in reviews.Take(30))
        {
            await channel.Writer.WriteAsync(review);
        }

        using var cancellation = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.Completed == 30)
            {
                // The channel is never completed: only cancellation ends the stream.
                cancellation.Cancel();
            }
        });

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(
            channel.Reader.ReadAllAsync(cancellation.Token), null, progress, cancellation.Token);

        Assert.That(results.Select(r => r.Item), Is.EqualTo(reviews.Take(30)));
        Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
        Assert.That(server.LogEntries, Has.Count.EqualTo(30));
    }

    [Test]
    public async Task A_concurrency_below_one_is_refused_before_anything_is_sent()
    {
        using var server = Loopback.StartServer();
        using var clients = FastClients(server);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => clients.CloudFactory.SubmitTaskReviewedManyAsync(Reviews(3, _ => false), new BulkOptions { MaxConcurrency = 0 }));
        Assert.That(server.LogEntries, Is.Empty);
    }

    private static List<TaskReview> Reviews(int count, Func<int, bool> isBad) =>
        Enumerable.Range(0, count)
            .Select(i => CloudFactoryServer.Minimal(taskId: (isBad(i) ? "bad-" : "task-") + i).With(c => c.UniqueId = "review-" + i))
            .ToList();

    /// <summary>202 for every review, except 400 for those whose task_id starts with <c>bad-</c>.</summary>
    private static WireMockServer StartServerFailingBadTaskIds()
    {
        var server = Loopback.StartServer();
        CloudFactoryServer.AcceptReviews(server);
        server.Given(CloudFactoryServer.ReviewRequest().WithBody(new RegexMatcher("\"task_id\":\"bad-"))).AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"message": "task_id is not known"}"""));
        return server;
    }

    private static AuditClients FastClients(WireMockServer server) =>
        Loopback.Clients(server, o =>
        {
            o.CloudFactory.Resilience.RequestsPerSecond = 5_000;
            o.CloudFactory.Resilience.MaxConcurrentRequests = 32;
        });

    private static List<string?> SentTaskIds(WireMockServer server) =>
        server.LogEntries.Select(e => CloudFactoryServer.BodyProperty(e, "task_id")).ToList();

    private static IEnumerable<T> CancelBefore<T>(IEnumerable<T> items, int index, CancellationTokenSource cancellation)
    {
        var i = 0;
        foreach (var item in items)
        {
            if (i++ == index)
            {
                cancellation.Cancel();
            }

            yield return item;
        }
    }

    /// <summary>Reports on the reporting thread (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    private sealed class SyncProgress(Action<BulkProgress> report) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => report(value);
    }
}
