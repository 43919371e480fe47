using AuditClient.CloudFactory;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// A bulk run without a journal, through an API of the caller's own: one result per item in input order with its
/// outcome, the progress counts after each item, the concurrency limit, cancellation, and an input that fails.
/// </summary>
public sealed class BulkRunnerTests
{
    [Test]
    public async Task Each_item_gets_its_outcome_in_input_order_and_progress_counts_every_step()
    {
        var refused = new AuditApiException("task_id is not known");
        var api = new ScriptedReviews((review, _) => review.TaskId switch
        {
            "task-2" => Task.FromException<TaskReviewAccepted>(refused),
            "task-4" => throw new InvalidOperationException("the caller's API broke"),
            _ => Task.FromResult(ScriptedReviews.Accepted(review)),
        });
        var reviews = Reviews(6);
        var reports = new List<BulkProgress>();

        var results = await api.SubmitTaskReviewedManyAsync(reviews, new BulkOptions { MaxConcurrency = 1 }, new SyncProgress(reports.Add));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Index), Is.EqualTo(Enumerable.Range(0, 6)));
            Assert.That(results.Select(r => r.Item), Is.EqualTo(reviews));
            Assert.That(results.Select(r => r.Status), Is.EqualTo(new[]
            {
                BulkStatus.Succeeded, BulkStatus.Succeeded, BulkStatus.Failed, BulkStatus.Succeeded, BulkStatus.Failed, BulkStatus.Succeeded,
            }));
            Assert.That(results.Select(r => r.Result?.Message), Is.EqualTo(new[] { "stored task-0", "stored task-1", null, "stored task-3", null, "stored task-5" }));
            Assert.That(results.Select(r => r.Key), Has.All.Null, "no keys without a journal or a keySelector");
            Assert.That(results.Select(r => r.Resumed), Has.All.False);
            Assert.That(results[2].Error, Is.SameAs(refused), "the SDK's own exception, as it was thrown");
            Assert.That(results[4].Error, Is.TypeOf<AuditApiException>());
            Assert.That(results[4].Error!.Message, Is.EqualTo("Item 4 could not be submitted: the caller's API broke"));
            Assert.That(results[4].Error!.InnerException, Is.TypeOf<InvalidOperationException>());
            Assert.That(((AuditApiException)results[4].Error!).MayHaveTakenEffect, Is.False, "an exception outside the SDK's family, without a journal, is not taken as a send in doubt");
            Assert.That(reports, Is.EqualTo(new[]
            {
                new BulkProgress(1, 1, 0, 6), new BulkProgress(2, 2, 0, 6), new BulkProgress(3, 2, 1, 6),
                new BulkProgress(4, 3, 1, 6), new BulkProgress(5, 3, 2, 6), new BulkProgress(6, 4, 2, 6),
            }));
            Assert.That(api.Sent, Is.EqualTo(reviews), "each review sent once, in order");
        }
    }

    [Test]
    public async Task An_input_whose_length_is_not_known_before_it_is_read_is_reported_without_a_total()
    {
        var api = new ScriptedReviews();
        var reports = new List<BulkProgress>();

        var results = await api.SubmitTaskReviewedManyAsync(Generated(3), new BulkOptions { MaxConcurrency = 1 }, new SyncProgress(reports.Add));

        Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
        Assert.That(reports, Is.EqualTo(new[] { new BulkProgress(1, 1, 0, null), new BulkProgress(2, 2, 0, null), new BulkProgress(3, 3, 0, null) }));
    }

    [Test]
    public async Task No_more_items_are_in_flight_at_once_than_MaxConcurrency_and_that_many_are()
    {
        var inFlight = 0;
        var most = 0;
        var gate = new object();
        // The first sends end only once three are in flight together (or after a minute, for a runner that never
        // starts three), so "three at once" does not depend on how the machine schedules them.
        var three = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var api = new ScriptedReviews(async (review, _) =>
        {
            lock (gate)
            {
                most = Math.Max(most, ++inFlight);
                if (inFlight == 3)
                {
                    three.TrySetResult();
                }
            }

            await Task.WhenAny(three.Task, Task.Delay(TimeSpan.FromMinutes(1)));
            lock (gate)
            {
                inFlight--;
            }

            return ScriptedReviews.Accepted(review);
        });

        var results = await api.SubmitTaskReviewedManyAsync(Reviews(12), new BulkOptions { MaxConcurrency = 3 });

        Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
        Assert.That(most, Is.EqualTo(3));
        Assert.That(api.Sent, Has.Count.EqualTo(12));
    }

    [Test]
    public async Task A_concurrency_below_one_is_refused_naming_the_option_and_its_value()
    {
        var api = new ScriptedReviews();

        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => api.SubmitTaskReviewedManyAsync(Reviews(2), new BulkOptions { MaxConcurrency = 0 }));

        Assert.That(refused!.ParamName, Is.EqualTo("options"));
        Assert.That(refused.ActualValue, Is.EqualTo(0));
        Assert.That(refused.Message, Does.StartWith("BulkOptions.MaxConcurrency must be at least 1."));
        Assert.That(api.Sent, Is.Empty);
    }

    [Test]
    public async Task Cancelling_while_an_item_is_in_flight_lets_it_finish_and_sends_nothing_after_it()
    {
        using var cancellation = new CancellationTokenSource();
        var api = new ScriptedReviews(async (review, token) =>
        {
            if (review.TaskId == "task-2")
            {
                cancellation.Cancel();
            }

            // The caller's cancellation does not reach a started submission.
            await Task.Delay(10, token);
            return ScriptedReviews.Accepted(review);
        });
        var reports = new List<BulkProgress>();

        var results = await api.SubmitTaskReviewedManyAsync(Reviews(6), new BulkOptions { MaxConcurrency = 1 }, new SyncProgress(reports.Add), cancellation.Token);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Status), Is.EqualTo(new[]
            {
                BulkStatus.Succeeded, BulkStatus.Succeeded, BulkStatus.Succeeded, BulkStatus.NotSent, BulkStatus.NotSent, BulkStatus.NotSent,
            }));
            Assert.That(results.Select(r => r.Index), Is.EqualTo(Enumerable.Range(0, 6)));
            Assert.That(results.Skip(3).Select(r => r.Item.TaskId), Is.EqualTo(new[] { "task-3", "task-4", "task-5" }), "the items not sent are still each reported");
            Assert.That(results.Skip(3).Select(r => (r.Result, r.Error)), Has.All.EqualTo((default(TaskReviewAccepted), default(AuditClientException))));
            Assert.That(api.Sent.Select(r => r.TaskId), Is.EqualTo(new[] { "task-0", "task-1", "task-2" }));
            Assert.That(reports[^1], Is.EqualTo(new BulkProgress(3, 3, 0, 6)), "the items not sent are not counted as completed");
        }
    }

    [Test]
    public async Task An_input_that_throws_fails_the_run_with_its_exception_after_the_items_already_started_have_finished()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var api = new ScriptedReviews(async (review, _) =>
        {
            await release.Task;
            await Task.Delay(50);
            return ScriptedReviews.Accepted(review);
        });
        var reports = new List<BulkProgress>();
        IEnumerable<TaskReview> Broken()
        {
            foreach (var review in Reviews(3))
            {
                yield return review;
            }

            // The three sends are held until the input fails.
            release.SetResult();
            throw new InvalidDataException("line 4 of the input cannot be read");
        }

        var thrown = await Assert.ThrowsAsync<InvalidDataException>(() => api.SubmitTaskReviewedManyAsync(Broken(), new BulkOptions { MaxConcurrency = 4 }, new SyncProgress(reports.Add)));

        Assert.That(thrown!.Message, Is.EqualTo("line 4 of the input cannot be read"));
        Assert.That(api.Sent, Has.Count.EqualTo(3));
        Assert.That(reports.Max(p => p.Completed), Is.EqualTo(3), "each started item had finished when the run failed");
    }

    [Test]
    public async Task A_stream_that_ends_with_its_own_cancellation_fails_the_run_when_the_caller_did_not_cancel()
    {
        var api = new ScriptedReviews();
        async IAsyncEnumerable<TaskReview> Stream()
        {
            await Task.Yield();
            yield return Reviews(1)[0];
            throw new OperationCanceledException("the source was shut down");
        }

        var thrown = await Assert.ThrowsAsync<OperationCanceledException>(() => api.SubmitTaskReviewedManyAsync(Stream(), new BulkOptions { MaxConcurrency = 1 }));

        Assert.That(thrown!.Message, Is.EqualTo("the source was shut down"));
        Assert.That(api.Sent, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_stream_with_the_callers_keys_and_no_journal_labels_each_result_and_stops_at_a_key_seen_before()
    {
        var api = new ScriptedReviews();
        var read = 0;
        async IAsyncEnumerable<TaskReview> Stream(int count, int repeatAt)
        {
            for (var i = 0; i < count; i++)
            {
                await Task.Yield();
                read++;
                yield return Reviews(count)[i == repeatAt ? 1 : i];
            }
        }

        var results = await api.SubmitTaskReviewedManyAsync(Stream(4, repeatAt: -1), r => "review/" + r.TaskId, new BulkOptions { MaxConcurrency = 1 });
        read = 0;
        var refused = await Assert.ThrowsAsync<ArgumentException>(() => api.SubmitTaskReviewedManyAsync(Stream(8, repeatAt: 5), r => "review/" + r.TaskId, new BulkOptions { MaxConcurrency = 1 }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Key), Is.EqualTo(new[] { "review/task-0", "review/task-1", "review/task-2", "review/task-3" }));
            Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
            Assert.That(refused!.Message, Does.StartWith("Items 1 and 5 have the same key \"review/task-1\";"));
            Assert.That(refused.ParamName, Is.EqualTo("keySelector"));
            Assert.That(read, Is.EqualTo(6), "nothing read after the refused item");
            Assert.That(api.Sent, Has.Count.EqualTo(4 + 5), "the items before it were sent");
        }
    }

    [Test]
    public async Task A_stream_without_keys_and_without_a_journal_gives_results_without_keys()
    {
        var api = new ScriptedReviews();
        async IAsyncEnumerable<TaskReview> Stream()
        {
            foreach (var review in Reviews(3))
            {
                await Task.Yield();
                yield return review;
            }
        }

        var results = await api.SubmitTaskReviewedManyAsync(Stream());

        Assert.That(results.Select(r => (r.Index, r.Key, r.Status)), Is.EqualTo(Enumerable.Range(0, 3).Select(i => (i, (string?)null, BulkStatus.Succeeded))));
    }

    [TestCase(null, "is null")]
    [TestCase("", "is empty or white space")]
    public async Task A_key_that_cannot_be_carried_is_refused_with_the_whole_rule_before_anything_is_sent(string? key, string why)
    {
        var api = new ScriptedReviews();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => api.SubmitTaskReviewedManyAsync(Reviews(3), r => r.TaskId == "task-1" ? key! : r.TaskId!));

        Assert.That(refused!.Message, Does.StartWith($"The key of item 1 {why}; keySelector must give each item a non-empty key of printable text."));
        Assert.That(refused.ParamName, Is.EqualTo("keySelector"));
        Assert.That(api.Sent, Is.Empty);
    }

    internal static List<TaskReview> Reviews(int count) => Enumerable.Range(0, count).Select(JournalReconcileTests.Review).ToList();

    private static IEnumerable<TaskReview> Generated(int count)
    {
        for (var i = 0; i < count; i++)
        {
            yield return JournalReconcileTests.Review(i);
        }
    }

    /// <summary>Reports on the reporting thread (unlike <see cref="Progress{T}"/>, which posts to the thread pool).</summary>
    internal sealed class SyncProgress(Action<BulkProgress> report) : IProgress<BulkProgress>
    {
        private readonly object _lock = new();

        public void Report(BulkProgress value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }
}
