using System.Collections.Concurrent;
using AuditClient.CloudFactory;
using AuditClient.Testing;
using AuditClient.Tests.CloudFactory;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// A bulk helper's <c>progress</c> that also implements <see cref="IProgress{T}"/> of <see cref="BulkItemResult{TItem, TResult}"/>
/// is told each item's outcome as it is known: what a caller writes down where a crash cannot take it.
/// </summary>
public sealed class ItemOutcomeReportTests
{
    [TestCase(false)]
    [TestCase(true)]
    public async Task Each_outcome_is_told_once_as_it_is_known_and_before_the_next_item_is_sent(bool journaled)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var journal = Path.Combine(Path.GetTempPath(), "auditclient-item-outcomes-" + Guid.NewGuid().ToString("N") + ".jsonl");
        var options = new BulkOptions { MaxConcurrency = 1, JournalPath = journaled ? journal : null };
        var reviews = Reviews(6);
        var sentWhenTold = new ConcurrentDictionary<int, int>();
        var listener = new Listener(result =>
        {
            var sent = fakes.RequestsTo(FakeEndpoint.CloudFactoryTaskReviewed).Count;
            Assert.That(sentWhenTold.TryAdd(result.Index, sent), Is.True, $"item {result.Index} told twice");
        });

        try
        {
            var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, options, listener);

            Assert.That(listener.Told.OrderBy(r => r.Index), Is.EqualTo(results), "each outcome told is the one returned");

            // One at a time: when item i is told, items 0 to i were sent, and item i + 1 not yet.
            Assert.That(sentWhenTold.OrderBy(p => p.Key).Select(p => p.Value), Is.EqualTo(Enumerable.Range(1, 6)));
            if (journaled)
            {
                var again = new Listener(_ => { });
                await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, options, again);
                Assert.That(again.Told.OrderBy(r => r.Index).Select(r => (r.Index, r.Resumed)), Is.EqualTo(Enumerable.Range(0, 6).Select(i => (i, true))), "resumed items are told too");
            }
        }
        finally
        {
            File.Delete(journal);
        }
    }

    [Test]
    public async Task Items_a_cancellation_left_unsent_are_only_in_the_returned_list()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        using var cancellation = new CancellationTokenSource();
        var listener = new Listener(result =>
        {
            if (result.Index == 2)
            {
                cancellation.Cancel();
            }
        });

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(Reviews(10), new BulkOptions { MaxConcurrency = 1 }, listener, cancellation.Token);

        Assert.That(listener.Told.Select(r => r.Index).Order(), Is.EqualTo(new[] { 0, 1, 2 }));
        Assert.That(results.Where(r => r.Status == BulkStatus.NotSent).Select(r => r.Index), Is.EqualTo(Enumerable.Range(3, 7)));
    }

    private static List<TaskReview> Reviews(int count) =>
        Enumerable.Range(0, count).Select(i => CloudFactoryServer.Minimal(taskId: "task-" + i).With(c => c.UniqueId = "review-" + i)).ToList();

    /// <summary>Takes the counts and each item's outcome, on the reporting thread.</summary>
    private sealed class Listener(Action<BulkItemResult<TaskReview, TaskReviewAccepted>> told)
        : IProgress<BulkProgress>, IProgress<BulkItemResult<TaskReview, TaskReviewAccepted>>
    {
        public ConcurrentBag<BulkItemResult<TaskReview, TaskReviewAccepted>> Told { get; } = [];

        public void Report(BulkProgress value)
        {
        }

        public void Report(BulkItemResult<TaskReview, TaskReviewAccepted> value)
        {
            Told.Add(value);
            told(value);
        }
    }
}
