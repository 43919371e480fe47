using System.Text.Json.Nodes;
using AuditClient.CloudFactory;
using AuditClient.Testing;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// A journaled bulk run through an API of the caller's own: the token each item is sent under, the journal's lines for
/// each outcome (done, failed, in doubt), and what the next run with the same journal sends, reports and counts.
/// </summary>
public sealed class JournaledRunTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "auditclient-journaled-run-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string JournalPath => Path.Combine(_directory, "run.jsonl");

    [Test]
    public async Task Each_outcome_is_journaled_in_its_own_words_and_the_next_run_sends_only_what_is_not_done_under_the_same_tokens()
    {
        var rejected = new AuditApiException("task_id is not known");
        var first = new ScriptedReviews((review, _) => review.TaskId switch
        {
            "task-1" => Task.FromException<TaskReviewAccepted>(rejected),
            "task-2" => Task.FromException<TaskReviewAccepted>(ScriptedReviews.Doubt()),
            "task-3" => Task.FromException<TaskReviewAccepted>(new IOException("the caller's connection broke")),
            _ => Task.FromResult(ScriptedReviews.Accepted(review)),
        });
        var reviews = BulkRunnerTests.Reviews(4);
        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 };
        var firstReports = new List<BulkProgress>();

        var results = await first.SubmitTaskReviewedManyAsync(reviews, options, new BulkRunnerTests.SyncProgress(firstReports.Add));

        var (id, lines) = Journal();
        var keys = results.Select(r => r.Key!).ToList();
        string Token(int i) => id + "." + keys[i].Replace(':', '.');
        string? Error(int i) => lines.Last(l => (string?)l["key"] == keys[i])["error"]?.ToString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(keys.Select(k => k[..k.IndexOf(':')]), Is.EqualTo(new[] { "0", "1", "2", "3" }), "a derived key is the item's position and the hash of its content");
            Assert.That(keys.Select(k => k[(k.IndexOf(':') + 1)..]), Is.Unique);
            Assert.That(first.Sent.Select(r => r.UniqueId).Distinct(), Is.EqualTo(Enumerable.Range(0, 4).Select(Token)), "each review stamped with the journal's id and its key");
            Assert.That(reviews.Select(r => r.UniqueId), Has.All.Null, "the caller's reviews are not changed");
            Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { BulkStatus.Succeeded, BulkStatus.Failed, BulkStatus.Failed, BulkStatus.Failed }));
            Assert.That(firstReports[^1], Is.EqualTo(new BulkProgress(4, 1, 3, 4)), "each failure counted as it ended");

            Assert.That(States(lines, keys[0]), Is.EqualTo(new[] { "sent", "done" }));
            Assert.That(lines.Last(l => (string?)l["key"] == keys[0])["result"]?["message"]?.ToString(), Is.EqualTo("stored task-0"));

            Assert.That(results[1].Error, Is.SameAs(rejected));
            Assert.That(States(lines, keys[1]), Is.EqualTo(new[] { "sent", "failed" }));
            Assert.That(Error(1), Is.EqualTo($"Item 1 (key {keys[1]}): task_id is not known"));

            // In doubt after each of its sends (the first and three resends), then given up on: its last line says why.
            var doubt = (AuditApiException)results[2].Error!;
            Assert.That(States(lines, keys[2]), Is.EqualTo(new[] { "sent", "in_doubt", "sent", "in_doubt", "sent", "in_doubt", "sent", "in_doubt", "in_doubt" }));
            Assert.That(
                lines.Where(l => (string?)l["key"] == keys[2]).Select(l => l["error"]?.ToString()).Where(e => e is not null).SkipLast(1),
                Has.All.EqualTo($"Item 2 (key {keys[2]}): The vendor answered 500 Internal Server Error. The request may have taken effect."));
            Assert.That(doubt.MayHaveTakenEffect, Is.True);
            Assert.That(doubt.ReconcileToken, Is.EqualTo(Token(2)), "the token it was sent under");
            Assert.That(doubt.Message, Is.EqualTo(
                $"The vendor answered 500 Internal Server Error. The request may have taken effect: token {Token(2)}. Item 2 (key {keys[2]}): It was not found at the vendor after each of its 4 sends (the retry budget is spent)."));
            Assert.That(Error(2), Is.EqualTo(doubt.Message));
            Assert.That(first.Sent.Count(r => r.TaskId == "task-2"), Is.EqualTo(4));

            // Its request had left when the caller's API threw: it may have taken effect, and is kept in doubt.
            var broken = (AuditApiException)results[3].Error!;
            Assert.That(broken.Message, Is.EqualTo("Item 3 could not be submitted: the caller's connection broke"));
            Assert.That(broken.InnerException, Is.TypeOf<IOException>());
            Assert.That(broken.MayHaveTakenEffect, Is.True);
            Assert.That(States(lines, keys[3]), Is.EqualTo(new[] { "sent", "in_doubt" }));
            Assert.That(Error(3), Is.EqualTo($"Item 3 (key {keys[3]}): Item 3 could not be submitted: the caller's connection broke"));
        }

        var second = new ScriptedReviews((review, _) => Task.FromResult(ScriptedReviews.Accepted(review)));
        var reports = new List<BulkProgress>();
        var resumed = await second.SubmitTaskReviewedManyAsync(reviews, options, new BulkRunnerTests.SyncProgress(reports.Add));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(resumed.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
            Assert.That(resumed.Select(r => r.Key), Is.EqualTo(keys));
            Assert.That(resumed.Select(r => r.Resumed), Is.EqualTo(new[] { true, false, false, false }));
            Assert.That(resumed.Select(r => r.Result!.Message), Is.EqualTo(new[] { "stored task-0", "stored task-1", "stored task-2", "stored task-3" }));
            Assert.That(second.Sent.Select(r => (r.TaskId, r.UniqueId)), Is.EqualTo(Enumerable.Range(1, 3).Select(i => ((string?)("task-" + i), (string?)Token(i)))), "the failed item and those in doubt, under their first tokens");
            Assert.That(reports, Is.EqualTo(new[]
            {
                new BulkProgress(1, 1, 0, 4) { Resumed = 1 }, new BulkProgress(2, 2, 0, 4) { Resumed = 1 },
                new BulkProgress(3, 3, 0, 4) { Resumed = 1 }, new BulkProgress(4, 4, 0, 4) { Resumed = 1 },
            }));
        }
    }

    [Test]
    public async Task Without_stamped_tokens_a_review_in_doubt_is_not_sent_again_and_names_the_journals_token()
    {
        var api = new ScriptedReviews((_, _) => Task.FromException<TaskReviewAccepted>(ScriptedReviews.Doubt()));
        var options = new BulkOptions { JournalPath = JournalPath, StampTokens = false };

        var results = await api.SubmitTaskReviewedManyAsync(BulkRunnerTests.Reviews(1), options);

        var (id, lines) = Journal();
        var doubt = (AuditApiException)results[0].Error!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(api.Sent.Select(r => r.UniqueId), Is.EqualTo(new string?[] { null }), "sent once, as the caller gave it");
            Assert.That(doubt.ReconcileToken, Is.EqualTo(id + "." + results[0].Key!.Replace(':', '.')));
            Assert.That(doubt.Message, Does.EndWith($"Item 0 (key {results[0].Key}): It carries nothing the vendor keeps to look it up by, so it is not sent again; check at the vendor before sending it yourself."));
            Assert.That(States(lines, results[0].Key!), Is.EqualTo(new[] { "sent", "in_doubt", "in_doubt" }));
        }
    }

    [Test]
    public async Task A_review_with_its_own_unique_id_is_sent_and_reconciled_under_it()
    {
        var api = new ScriptedReviews((_, _) => Task.FromException<TaskReviewAccepted>(ScriptedReviews.Doubt()));
        var review = BulkRunnerTests.Reviews(1)[0];
        review.UniqueId = "the-callers-own-id";

        var results = await api.SubmitTaskReviewedManyAsync([review], new BulkOptions { JournalPath = JournalPath });

        Assert.That(api.Sent.Select(r => r.UniqueId), Is.EqualTo(Enumerable.Repeat("the-callers-own-id", 4)));
        Assert.That(((AuditApiException)results[0].Error!).ReconcileToken, Is.EqualTo("the-callers-own-id"));
    }

    [Test]
    public async Task A_callers_key_is_kept_whole_in_the_token()
    {
        var api = new ScriptedReviews();

        var results = await api.SubmitTaskReviewedManyAsync(BulkRunnerTests.Reviews(2), r => "review:" + r.TaskId, new BulkOptions { JournalPath = JournalPath });

        var (id, _) = Journal();
        Assert.That(results.Select(r => r.Key), Is.EqualTo(new[] { "review:task-0", "review:task-1" }));
        Assert.That(api.Sent.Select(r => r.UniqueId), Is.EquivalentTo(new[] { id + ".review:task-0", id + ".review:task-1" }));
    }

    [Test]
    public async Task A_null_review_fails_on_its_own_and_is_journaled_failed_and_the_others_are_sent()
    {
        var api = new ScriptedReviews();
        var reviews = BulkRunnerTests.Reviews(3);
        reviews[1] = null!;

        var results = await api.SubmitTaskReviewedManyAsync(reviews, new BulkOptions { JournalPath = JournalPath });

        var (_, lines) = Journal();
        var error = (AuditApiException)results[1].Error!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { BulkStatus.Succeeded, BulkStatus.Failed, BulkStatus.Succeeded }));
            Assert.That(error.Message, Does.StartWith("Item 1 could not be submitted: "));
            Assert.That(error.InnerException, Is.TypeOf<ArgumentNullException>());
            Assert.That(error.MayHaveTakenEffect, Is.False, "it never left");
            Assert.That(States(lines, results[1].Key!), Is.EqualTo(new[] { "failed" }));
            Assert.That(lines.Single(l => (string?)l["key"] == results[1].Key)["error"]!.ToString(), Is.EqualTo($"Item 1 (key {results[1].Key}): {error.Message}"));
            Assert.That(api.Sent.Select(r => r.TaskId), Is.EquivalentTo(new[] { "task-0", "task-2" }));
        }
    }

    [Test]
    public async Task A_streamed_input_resumes_by_position_and_a_stream_with_other_content_at_a_position_is_refused_there()
    {
        var read = 0;
        async IAsyncEnumerable<TaskReview> Stream(int changedAt)
        {
            foreach (var review in BulkRunnerTests.Reviews(6))
            {
                await Task.Yield();
                read++;
                if (read - 1 == changedAt)
                {
                    review.ReviewScore = 0.9;
                }

                yield return review;
            }
        }

        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 };
        var api = new ScriptedReviews();
        var first = await api.SubmitTaskReviewedManyAsync(Stream(changedAt: -1), options);
        read = 0;
        var again = new ScriptedReviews();
        var resumed = await again.SubmitTaskReviewedManyAsync(Stream(changedAt: -1), options);
        read = 0;
        var other = new ScriptedReviews();
        var refused = await Assert.ThrowsAsync<BulkJournalException>(() => other.SubmitTaskReviewedManyAsync(Stream(changedAt: 3), options));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Select(r => r.Key![..r.Key!.IndexOf(':')]), Is.EqualTo(Enumerable.Range(0, 6).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            Assert.That(resumed.Select(r => (r.Key, r.Resumed)), Is.EqualTo(first.Select(r => (r.Key, true))));
            Assert.That(again.Sent, Is.Empty);
            Assert.That(refused!.Message, Does.Contain(JournalPath).And.Contain("item 3 of the input (key 3:").And.Contain("differs from the item journaled at that position"));
            Assert.That(read, Is.EqualTo(4), "nothing read after the item refused");
            Assert.That(other.Sent, Is.Empty, "the items before it are done already");
        }
    }

    [Test]
    public async Task A_stream_with_the_callers_keys_resumes_by_key_and_refuses_a_key_journaled_for_other_content()
    {
        async IAsyncEnumerable<TaskReview> Stream(IEnumerable<TaskReview> reviews)
        {
            foreach (var review in reviews)
            {
                await Task.Yield();
                yield return review;
            }
        }

        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 };
        await new ScriptedReviews().SubmitTaskReviewedManyAsync(Stream(BulkRunnerTests.Reviews(3)), r => r.TaskId!, options);
        var again = new ScriptedReviews();
        var resumed = await again.SubmitTaskReviewedManyAsync(Stream(BulkRunnerTests.Reviews(4).AsEnumerable().Reverse()), r => r.TaskId!, options);
        var changed = BulkRunnerTests.Reviews(3);
        changed[1].ReviewScore = 0.9;
        var other = new ScriptedReviews();
        var refused = await Assert.ThrowsAsync<BulkJournalException>(() => other.SubmitTaskReviewedManyAsync(Stream(changed), r => r.TaskId!, options));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(resumed.Select(r => (r.Key, r.Resumed)), Is.EqualTo(new[] { ("task-3", false), ("task-2", true), ("task-1", true), ("task-0", true) }));
            Assert.That(again.Sent.Select(r => r.TaskId), Is.EqualTo(new[] { "task-3" }));
            Assert.That(refused!.Message, Does.Contain("item 1 of the input has key \"task-1\", which the journal holds for other content"));
            Assert.That(other.Sent, Is.Empty);
        }
    }

    [Test]
    public async Task Items_of_clients_disposed_before_the_run_are_journaled_failed_as_never_sent_and_the_next_run_sends_them()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var reviews = BulkRunnerTests.Reviews(2);
        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 };
        var disposed = fakes.CreateClients(FastRetries.Apply);
        var api = disposed.CloudFactory;
        disposed.Dispose();

        var results = await api.SubmitTaskReviewedManyAsync(reviews, options);

        var (_, lines) = Journal();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Failed));
            Assert.That(results.Select(r => ((AuditApiException)r.Error!).MayHaveTakenEffect), Has.All.False, "nothing left");
            Assert.That(results[0].Error!.Message, Is.EqualTo("Item 0 could not be submitted: The clients were disposed before the item was sent. It has not taken effect."));
            Assert.That(lines.Select(l => l["state"]!.ToString()), Is.EqualTo(new[] { "failed", "failed" }));
            Assert.That(fakes.Requests, Is.Empty);
        }

        using var clients = fakes.CreateClients(FastRetries.Apply);
        var again = await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, options);

        Assert.That(again.Select(r => (r.Status, r.Resumed)), Has.All.EqualTo((BulkStatus.Succeeded, false)));
        Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(2));
    }

    private static List<string> States(List<JsonNode> lines, string key) =>
        lines.Where(l => (string?)l["key"] == key).Select(l => l["state"]!.ToString()).ToList();

    private (string Id, List<JsonNode> Lines) Journal()
    {
        var lines = File.ReadAllLines(JournalPath).Select(l => JsonNode.Parse(l)!).ToList();
        return (lines[0]["id"]!.ToString(), lines.Skip(1).ToList());
    }
}
