using System.Net;
using System.Net.Sockets;
using AuditClient.CloudFactory;
using AuditClient.Tests.Resilience;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// <see cref="BulkOptions.StopAfterConsecutiveTransportFailures"/>: a run against a vendor that cannot be reached stops
/// after that many items in a row failed without an answer; an answer of any kind starts the count again; the items
/// not started are reported not sent, and under a journal a run started again sends them.
/// </summary>
public sealed class BulkStopTests
{
    [Test]
    public async Task The_run_stops_after_that_many_transport_failures_in_a_row_and_reports_the_rest_not_sent()
    {
        var api = new ScriptedReviews((_, _) => Task.FromException<TaskReviewAccepted>(Unreachable()));

        var results = await api.SubmitTaskReviewedManyAsync(BulkRunnerTests.Reviews(7), new BulkOptions { MaxConcurrency = 1, StopAfterConsecutiveTransportFailures = 3 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Status), Is.EqualTo(new[]
            {
                BulkStatus.Failed, BulkStatus.Failed, BulkStatus.Failed, BulkStatus.NotSent, BulkStatus.NotSent, BulkStatus.NotSent, BulkStatus.NotSent,
            }));
            Assert.That(results.Select(r => r.Index), Is.EqualTo(Enumerable.Range(0, 7)), "every item of the input is reported, in order");
            Assert.That(api.Sent, Has.Count.EqualTo(3));
        }
    }

    [Test]
    public async Task A_timeout_counts_as_a_transport_failure()
    {
        var api = new ScriptedReviews((_, _) => Task.FromException<TaskReviewAccepted>(new AuditTimeoutException("The call took longer than its total timeout of 30 s.", new TimeoutException())));

        var results = await api.SubmitTaskReviewedManyAsync(BulkRunnerTests.Reviews(4), new BulkOptions { MaxConcurrency = 1, StopAfterConsecutiveTransportFailures = 2 });

        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { BulkStatus.Failed, BulkStatus.Failed, BulkStatus.NotSent, BulkStatus.NotSent }));
    }

    [Test]
    public async Task An_answer_between_transport_failures_starts_the_count_again_whether_it_accepts_or_refuses_the_item()
    {
        // Unreachable, unreachable, answered 422, unreachable, unreachable, accepted, unreachable x3, then never sent.
        var refused = new AuditApiException("The vendor answered 422 Unprocessable Entity: review_score is not a number.") { StatusCode = HttpStatusCode.UnprocessableEntity };
        var api = new ScriptedReviews((review, _) => review.TaskId switch
        {
            "task-2" => Task.FromException<TaskReviewAccepted>(refused),
            "task-5" => Task.FromResult(ScriptedReviews.Accepted(review)),
            _ => Task.FromException<TaskReviewAccepted>(Unreachable()),
        });

        var results = await api.SubmitTaskReviewedManyAsync(BulkRunnerTests.Reviews(11), new BulkOptions { MaxConcurrency = 1, StopAfterConsecutiveTransportFailures = 3 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Status), Is.EqualTo(new[]
            {
                BulkStatus.Failed, BulkStatus.Failed, BulkStatus.Failed, BulkStatus.Failed, BulkStatus.Failed, BulkStatus.Succeeded,
                BulkStatus.Failed, BulkStatus.Failed, BulkStatus.Failed, BulkStatus.NotSent, BulkStatus.NotSent,
            }));
            Assert.That(results[2].Error, Is.SameAs(refused));
            Assert.That(api.Sent, Has.Count.EqualTo(9));
        }
    }

    [Test]
    public async Task Failures_the_vendor_answered_never_stop_the_run()
    {
        var api = new ScriptedReviews((_, _) => Task.FromException<TaskReviewAccepted>(new AuditNotFoundException("The vendor answered 404 Not Found: workstream ws-1 does not exist.")));

        var results = await api.SubmitTaskReviewedManyAsync(BulkRunnerTests.Reviews(5), new BulkOptions { MaxConcurrency = 1, StopAfterConsecutiveTransportFailures = 2 });

        Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Failed));
        Assert.That(api.Sent, Has.Count.EqualTo(5));
    }

    [Test]
    public async Task By_default_and_with_zero_the_run_never_stops()
    {
        foreach (var options in new[] { new BulkOptions { MaxConcurrency = 1 }, new BulkOptions { MaxConcurrency = 1, StopAfterConsecutiveTransportFailures = 0 } })
        {
            var api = new ScriptedReviews((_, _) => Task.FromException<TaskReviewAccepted>(Unreachable()));

            var results = await api.SubmitTaskReviewedManyAsync(BulkRunnerTests.Reviews(6), options);

            Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Failed), options.ToString());
            Assert.That(api.Sent, Has.Count.EqualTo(6));
        }

        Assert.That(new BulkOptions().StopAfterConsecutiveTransportFailures, Is.Zero);
    }

    [Test]
    public async Task A_negative_limit_is_refused_naming_the_option_and_its_value()
    {
        var api = new ScriptedReviews();

        var refused = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => api.SubmitTaskReviewedManyAsync(BulkRunnerTests.Reviews(2), new BulkOptions { StopAfterConsecutiveTransportFailures = -1 }));

        Assert.That(refused!.ParamName, Is.EqualTo("options"));
        Assert.That(refused.ActualValue, Is.EqualTo(-1));
        Assert.That(refused.Message, Does.StartWith("BulkOptions.StopAfterConsecutiveTransportFailures must be 0 (never stop) or more."));
        Assert.That(api.Sent, Is.Empty);
    }

    [Test]
    public async Task The_sends_in_flight_when_the_run_stops_finish_with_their_own_outcome()
    {
        // Two in flight at once: task-0 and task-1 fail unreachable; task-2, sent beside task-1, is answered only once
        // the run has stopped (the runner then reads the last item, to report it not sent), and keeps its success.
        var stopped = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        ScriptedReviews api = null!;
        api = new ScriptedReviews(async (review, _) =>
        {
            switch (review.TaskId)
            {
                case "task-0":
                    throw Unreachable();
                case "task-1":
                    // Both slots taken (task-2 sent) before this one fails and the run stops.
                    for (var i = 0; i < 2400 && api.Sent.Count < 3; i++)
                    {
                        await Task.Delay(25);
                    }

                    throw Unreachable();
                default:
                    await stopped.Task.WaitAsync(TimeSpan.FromMinutes(1));
                    return ScriptedReviews.Accepted(review);
            }
        });

        var results = await api.SubmitTaskReviewedManyAsync(Input(), new BulkOptions { MaxConcurrency = 2, StopAfterConsecutiveTransportFailures = 2 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(stopped.Task.IsCompleted, "the last item was read while task-2 was in flight");
            Assert.That(results.Select(r => r.Status), Is.EqualTo(new[]
            {
                BulkStatus.Failed, BulkStatus.Failed, BulkStatus.Succeeded, BulkStatus.NotSent, BulkStatus.NotSent,
            }), "a send in flight is finished, not abandoned");
            Assert.That(api.Sent, Has.Count.EqualTo(3));
        }

        IEnumerable<TaskReview> Input()
        {
            var reviews = BulkRunnerTests.Reviews(5);
            for (var i = 0; i < reviews.Count; i++)
            {
                if (i == 4)
                {
                    // Read only once task-3 was decided, which only task-1's end (task-2 waits) could decide.
                    stopped.TrySetResult();
                }

                yield return reviews[i];
            }
        }
    }

    [Test]
    public async Task Against_a_closed_port_a_journaled_run_stops_and_a_run_started_again_sends_what_was_not_sent()
    {
        var journal = Path.Combine(TestContext.CurrentContext.WorkDirectory, $"stop-{Guid.NewGuid():N}.journal.jsonl");
        try
        {
            // Bound and never listening, for as long as the test holds it: every connection is refused.
            using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            var server = new Uri($"http://127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port}");
            var reviews = BulkRunnerTests.Reviews(6);

            var first = await RunAsync(2);

            Assert.That(first.Results.Select(r => r.Status), Is.EqualTo(new[]
            {
                BulkStatus.Failed, BulkStatus.Failed, BulkStatus.NotSent, BulkStatus.NotSent, BulkStatus.NotSent, BulkStatus.NotSent,
            }));
            Assert.That(first.Results[0].Error, Is.TypeOf<AuditTransportException>());
            Assert.That(first.Tried, Is.EquivalentTo(new[] { "task-0", "task-1" }));
            Assert.That(File.ReadAllLines(journal).Where(l => l.Contains("\"index\":2", StringComparison.Ordinal)), Is.Empty, "an item not sent has no journal line");

            // The same journal, the vendor still unreachable, no stop: the items not sent before are sent now.
            var second = await RunAsync(0);

            Assert.That(second.Results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Failed));
            Assert.That(second.Tried, Is.EquivalentTo(reviews.Select(r => r.TaskId)));

            async Task<(IReadOnlyList<BulkItemResult<TaskReview, TaskReviewAccepted>> Results, HashSet<string> Tried)> RunAsync(int stopAfter)
            {
                var tried = new HashSet<string>();
                using var clients = TestClients.For(server, transport: () => new Recording(tried));
                var api = clients.Services.GetRequiredService<ICloudFactoryQualityApi>();
                var results = await api.SubmitTaskReviewedManyAsync(reviews, new BulkOptions { MaxConcurrency = 1, JournalPath = journal, StopAfterConsecutiveTransportFailures = stopAfter });
                lock (tried)
                {
                    return (results, [.. tried]);
                }
            }
        }
        finally
        {
            File.Delete(journal);
        }
    }

    /// <summary>A socket transport that records the task of every review it tries to send.</summary>
    private sealed class Recording(HashSet<string> tried) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            var task = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("task_id").GetString()!;
            lock (tried)
            {
                tried.Add(task);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }

    private static AuditTransportException Unreachable() =>
        new("The vendor could not be reached: Connection refused (127.0.0.1:9).", new HttpRequestException("Connection refused"));
}
