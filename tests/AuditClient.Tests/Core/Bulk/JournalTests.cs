using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>The bulk journal against the fakes on loopback: resuming, reconciling, refusing a journal for other input.</summary>
public sealed class JournalTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "auditclient-journal-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string JournalPath => Path.Combine(_directory, "run.jsonl");

    [Test]
    public async Task A_second_run_with_the_same_journal_sends_nothing_and_returns_the_journaled_answers_as_resumed()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 30);
        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 8 };

        var first = await clients.ScaleAudits.CreateAuditManyAsync(audits, options);
        var putsAfterFirst = fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit).Count;
        var reports = new ConcurrentBag<BulkProgress>();
        var second = await clients.ScaleAudits.CreateAuditManyAsync(audits, options, new SyncProgress(reports.Add));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
            Assert.That(second.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
            Assert.That(second.Select(r => r.Resumed), Has.All.True);
            Assert.That(second.Select(r => r.Result!.Id), Is.EqualTo(first.Select(r => r.Result!.Id)), "the journaled answers, in input order");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(putsAfterFirst).And.Count.EqualTo(30), "nothing sent again");
            Assert.That(fakes.Scale.Audits, Has.Count.EqualTo(30));
            Assert.That(reports.Max(p => p.Resumed), Is.EqualTo(30), "progress counts the resumed items");
            Assert.That(audits.Select(a => a.Metadata), Has.All.Null, "the caller's audits are not changed by the token");
        }
    }

    [Test]
    public async Task The_journal_snippet_submits_reviews_resumably_and_a_second_run_takes_every_review_over()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var clients = fakes.Clients;
        var reviews = Enumerable.Range(0, 4).Select(Review).ToList();
        var journalPath = JournalPath;
        BulkProgress last = default;
        IReadOnlyList<BulkItemResult<TaskReview, TaskReviewAccepted>> results = [];
        for (var run = 0; run < 2; run++)
        {
            #region snippet: bulk-journal
            results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(
                reviews,
                new BulkOptions { JournalPath = journalPath },
                new Progress<BulkProgress>(p => last = p));

            foreach (var failed in results.Where(r => r.Status == BulkStatus.Failed))
            {
                Console.WriteLine($"{failed.Key}: {failed.Error!.Message}");
            }
            #endregion
        }

        Assert.That(results.Select(r => r.Resumed), Has.All.True);
        Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(4));
    }

    [Test]
    public async Task Audits_in_flight_when_the_last_run_died_are_found_by_their_token_and_not_created_again()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 20);
        var options = new BulkOptions { JournalPath = JournalPath };
        await clients.ScaleAudits.CreateAuditManyAsync(audits, options);

        // As if the process died after sending items 5-9 and before journaling their answers, in the middle of a line.
        var lines = File.ReadAllLines(JournalPath).Where(l => !(l.Contains("\"state\":\"done\"", StringComparison.Ordinal) && InRange(l, 5, 9))).ToList();
        File.WriteAllText(JournalPath, string.Join('\n', lines) + "\n{\"key\":\"10:");
        fakes.ClearRequests();

        var resumed = await clients.ScaleAudits.CreateAuditManyAsync(audits, options);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(resumed.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
            Assert.That(resumed.Select(r => r.Resumed), Has.All.True, "found stored, so taken over rather than sent");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Is.Empty, "no second PUT");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Has.Count.EqualTo(5), "one look-up per item in flight");
            Assert.That(fakes.Scale.Audits, Has.Count.EqualTo(20));
            var after = File.ReadAllLines(JournalPath);
            Assert.That(after.Take(lines.Count), Is.EqualTo(lines), "the whole lines before the torn one are kept as they were");
            Assert.That(after.Skip(lines.Count).Select(l => (string?)JsonNode.Parse(l)!["state"]), Is.EqualTo(Enumerable.Repeat("done", 5)), "the torn line was dropped: each line after it is whole");
        }
    }

    [Test]
    public async Task A_create_that_failed_before_the_vendor_stored_it_is_sent_again_under_the_same_token_and_stored_once()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(o =>
        {
            FastRetries.Apply(o);
            o.Scale.ReconcileDelay = TimeSpan.FromMilliseconds(10);
        });
        var audits = Audits(fakes, 10);

        // Three doubts for the first audit, so two resends of it end in doubt as well: within the resend budget, which
        // is the retry budget (MaxRetryAttempts, 3 by default).
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerError(), times: 2);
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ConnectionReset(), times: 1);

        var results = await clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 });

        var stored = fakes.Scale.Audits;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
            Assert.That(stored.Select(a => (string?)a["task_id"]), Is.EquivalentTo(audits.Select(a => a.TaskId)), "one stored audit per task");
            Assert.That(stored.Select(a => a["metadata"]?["auditclient_token"]?.ToString()).Distinct().Count(), Is.EqualTo(10));
        }
    }

    [Test]
    public async Task A_task_audit_action_answered_500_is_looked_up_on_the_task_and_sent_again_only_when_not_there()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(o =>
        {
            FastRetries.Apply(o);
            o.Scale.ReconcileDelay = TimeSpan.FromMilliseconds(10);
        });
        var actions = Enumerable.Range(0, 12).Select(i => new TaskAuditAction { TaskId = fakes.Scale.AddTask(new JsonObject()), Accepted = i % 2 == 0 }).ToList();
        fakes.Faults.Arm(FakeEndpoint.ScaleAuditTask, FakeFault.ServerError(), times: 4);

        var results = await clients.ScaleTasks.AuditTaskManyAsync(actions, new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 3 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
            foreach (var action in actions)
            {
                var audits = fakes.Scale.GetTask(action.TaskId)!["audits"]!.AsArray();
                Assert.That(audits.Select(a => (string?)a!["audit_result"]), Is.EqualTo(new[] { action.Accepted ? "accepted" : "rejected" }), action.TaskId);
            }

            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleGetTask), Has.Count.GreaterThanOrEqualTo(4), "each answer in doubt looked up on its task");
        }
    }

    [Test]
    public async Task Reviews_get_a_unique_id_per_item_so_a_resend_after_a_reset_stores_each_review_once()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var reviews = Enumerable.Range(0, 15).Select(Review).ToList();
        fakes.Faults.Arm(FakeEndpoint.CloudFactoryTaskReviewed, FakeFault.ConnectionReset(), times: 4);

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 4 });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
            Assert.That(fakes.CloudFactory.Reviews.Select(r => (string?)r["task_id"]), Is.EquivalentTo(reviews.Select(r => r.TaskId)), "one stored review per review");
            Assert.That(fakes.CloudFactory.Reviews.Select(r => (string?)r["unique_id"]), Has.All.Not.Null);
            Assert.That(reviews.Select(r => r.UniqueId), Has.All.Null, "the caller's reviews are not changed");
        }
    }

    [Test]
    public async Task A_journal_made_for_other_input_is_refused_before_anything_is_sent_and_is_left_as_it_was()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        await clients.CloudFactory.SubmitTaskReviewedManyAsync(Enumerable.Range(0, 5).Select(Review).ToList(), new BulkOptions { JournalPath = JournalPath });
        var before = File.ReadAllBytes(JournalPath);
        fakes.ClearRequests();

        var other = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.CloudFactory.SubmitTaskReviewedManyAsync(Enumerable.Range(1, 5).Select(Review).ToList(), new BulkOptions { JournalPath = JournalPath }));
        var kind = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(Audits(fakes, 5), new BulkOptions { JournalPath = JournalPath }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(other!.Message, Does.Contain(JournalPath).And.Contain("was made for other input"));
            Assert.That(kind!.Message, Does.Contain("was made for cloudfactory.task_reviewed, not scale.fixless_audit"));
            Assert.That(fakes.Requests, Is.Empty);
            Assert.That(File.ReadAllBytes(JournalPath), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task A_journal_with_an_unreadable_line_is_refused_naming_the_line_and_is_not_changed()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var reviews = Enumerable.Range(0, 5).Select(Review).ToList();
        await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, new BulkOptions { JournalPath = JournalPath });
        var lines = File.ReadAllLines(JournalPath);
        lines[2] = "not json";
        File.WriteAllLines(JournalPath, lines);
        var before = File.ReadAllBytes(JournalPath);

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, new BulkOptions { JournalPath = JournalPath }));

        Assert.That(refused!.Message, Does.Contain("line 3 cannot be read"));
        Assert.That(File.ReadAllBytes(JournalPath), Is.EqualTo(before));
    }

    [Test]
    public async Task An_item_refused_by_validation_is_journaled_failed_with_its_rule_and_the_others_are_done()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var reviews = Enumerable.Range(0, 6).Select(Review).ToList();
        reviews[3].ReviewScore = 1.5;

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, new BulkOptions { JournalPath = JournalPath });

        var journal = File.ReadAllLines(JournalPath).Select(l => JsonNode.Parse(l)!).ToList();
        var last = journal.Skip(1).GroupBy(l => (string)l["key"]!).ToDictionary(g => g.Key, g => g.Last());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results[3].Error, Is.TypeOf<AuditValidationException>());
            Assert.That(last[results[3].Key!]["state"]!.ToString(), Is.EqualTo("failed"));
            Assert.That(last[results[3].Key!]["error"]!.ToString(), Does.Contain("review_score").And.StartWith("Item 3 (key " + results[3].Key + "): "));
            Assert.That(last.Values.Count(l => (string?)l["state"] == "done"), Is.EqualTo(5));
            Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(5));
        }
    }

    [Test]
    public async Task A_journal_longer_than_its_first_read_resumes_every_item_and_keeps_its_lines()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 60);
        foreach (var audit in audits)
        {
            // Long comments, echoed in each answer the journal keeps: the journal outgrows the 64 KiB read for its header.
            audit.Comments = audit.Comments + " " + new string('c', 1500);
        }

        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 8 };
        var first = await clients.ScaleAudits.CreateAuditManyAsync(audits, options);
        var before = File.ReadAllBytes(JournalPath);
        fakes.ClearRequests();

        var second = await clients.ScaleAudits.CreateAuditManyAsync(audits, options);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(before, Has.Length.GreaterThan(2 * 64 * 1024));
            Assert.That(second.Select(r => r.Resumed), Has.All.True);
            Assert.That(second.Select(r => r.Result!.Id), Is.EqualTo(first.Select(r => r.Result!.Id)));
            Assert.That(fakes.Requests, Is.Empty);
            Assert.That(File.ReadAllBytes(JournalPath), Is.EqualTo(before), "nothing to add, nothing cut");
        }
    }

    [Test]
    public async Task An_item_journaled_failed_is_sent_again_by_the_next_run_without_a_look_up_while_the_done_ones_are_resumed()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(o =>
        {
            FastRetries.Apply(o);
            o.Scale.Resilience.MaxRetryAttempts = 0;
        });
        var audits = Audits(fakes, 3);
        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 };

        // A 503 says the vendor did not take the request: the first item failed for sure.
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerError(System.Net.HttpStatusCode.ServiceUnavailable));
        var first = await clients.ScaleAudits.CreateAuditManyAsync(audits, options);
        var journaled = File.ReadAllLines(JournalPath).Skip(1).Select(l => JsonNode.Parse(l)!).Last(l => (string?)l["key"] == first[0].Key);
        fakes.ClearRequests();

        var second = await clients.ScaleAudits.CreateAuditManyAsync(audits, options);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first[0].Error, Is.InstanceOf<AuditApiException>().With.Property(nameof(AuditApiException.MayHaveTakenEffect)).False);
            Assert.That((string?)journaled["state"], Is.EqualTo("failed"));
            Assert.That(second.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
            Assert.That(second.Select(r => r.Resumed), Is.EqualTo(new[] { false, true, true }), "the failed item sent by this run, the others taken from the journal");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1), "only the failed item is sent");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Is.Empty, "an item that failed for sure is not looked up");
            Assert.That(fakes.Scale.Audits, Has.Count.EqualTo(3));
        }
    }

    [Test]
    public async Task A_journal_made_for_a_collection_is_refused_for_a_stream_of_the_same_items_and_one_made_for_a_stream_for_a_collection()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 3);
        var ofCollection = Path.Combine(_directory, "collection.jsonl");
        var ofStream = Path.Combine(_directory, "stream.jsonl");
        await clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = ofCollection });
        await clients.ScaleAudits.CreateAuditManyAsync(Stream(audits), new BulkOptions { JournalPath = ofStream });
        var (collectionBefore, streamBefore) = (File.ReadAllBytes(ofCollection), File.ReadAllBytes(ofStream));
        var fingerprint = (string?)JsonNode.Parse(File.ReadLines(ofCollection).First())!["input"];
        fakes.ClearRequests();

        var streamed = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(Stream(audits), new BulkOptions { JournalPath = ofCollection }));
        var collected = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = ofStream }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fingerprint, Is.Not.Null.And.Not.Empty);
            Assert.That(streamed!.Message, Is.EqualTo($"Journal {ofCollection}: was made for other input (input fingerprint {fingerprint}, this input's is of a stream). Give the same input, or a new journal file."));
            Assert.That(collected!.Message, Does.StartWith($"Journal {ofStream}: was made for other input (input fingerprint of a stream, this input's is "));
            Assert.That(fakes.Requests, Is.Empty);
            Assert.That(File.ReadAllBytes(ofCollection), Is.EqualTo(collectionBefore));
            Assert.That(File.ReadAllBytes(ofStream), Is.EqualTo(streamBefore));
        }
    }

    [Test]
    public async Task A_stream_resumes_item_by_item_and_one_with_another_item_at_a_journaled_position_is_refused_there()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 4);
        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 };
        var first = await clients.ScaleAudits.CreateAuditManyAsync(Stream(audits), options);
        fakes.ClearRequests();

        var again = await clients.ScaleAudits.CreateAuditManyAsync(Stream(audits), options);
        var before = File.ReadAllBytes(JournalPath);
        var swapped = new List<FixlessAuditCreate> { audits[0], audits[2], audits[1], audits[3] };
        var refused = await Assert.ThrowsAsync<BulkJournalException>(() => clients.ScaleAudits.CreateAuditManyAsync(Stream(swapped), options));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.Select(r => r.Resumed), Has.All.True, "the same stream: every item taken from the journal");
            Assert.That(again.Select(r => r.Key), Is.EqualTo(first.Select(r => r.Key)));
            Assert.That(refused!.Message, Does.StartWith($"Journal {JournalPath}: item 1 of the input (key 1:")
                .And.EndWith($") differs from the item journaled at that position (key {first[1].Key}): the journal was made for other input. Give the same input, or a new journal file."));
            Assert.That(fakes.Requests, Is.Empty, "nothing sent: the first item is done, the second refused");
            Assert.That(File.ReadAllBytes(JournalPath), Is.EqualTo(before));
        }
    }

    [Test]
    public async Task For_a_position_journaled_twice_the_item_of_the_last_line_is_the_one_a_stream_must_have_there()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 2);
        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 };
        var first = await clients.ScaleAudits.CreateAuditManyAsync(Stream(audits), options);

        // A later line for position 1 under another item's key (as a run with other input at that position would write).
        var other = JsonNode.Parse(File.ReadAllLines(JournalPath).Last(l => l.Contains("\"state\":\"done\"", StringComparison.Ordinal) && l.Contains(first[1].Key!, StringComparison.Ordinal)))!;
        other["key"] = "1:0123456789abcdef";
        File.AppendAllText(JournalPath, other.ToJsonString() + "\n");
        fakes.ClearRequests();

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() => clients.ScaleAudits.CreateAuditManyAsync(Stream(audits), options));

        Assert.That(refused!.Message, Does.Contain($"item 1 of the input (key {first[1].Key}) differs from the item journaled at that position (key 1:0123456789abcdef)"));
        Assert.That(fakes.Requests, Is.Empty);
    }

    private static async IAsyncEnumerable<T> Stream<T>(IEnumerable<T> items)
    {
        foreach (var item in items)
        {
            await Task.Yield();
            yield return item;
        }
    }

    private static bool InRange(string line, int from, int to)
    {
        var index = (int)JsonNode.Parse(line)!["index"]!;
        return index >= from && index <= to;
    }

    private static List<FixlessAuditCreate> Audits(AuditFakes fakes, int count) =>
        Enumerable.Range(0, count).Select(i => new FixlessAuditCreate
        {
            TaskId = fakes.Scale.AddTask(new JsonObject()),
            Result = FixlessAuditResult.Accepted,
            Comments = "audit " + i,
            TargetResponseUrl = "https://example.test/responses/" + i + ".json",
        }).ToList();

    private static TaskReview Review(int i) => new()
    {
        WorkstreamId = "ws-journal",
        UseCaseId = "use-case-1",
        TaskDefinitionId = "task-def-1",
        TaskId = "task-" + i,
        WorkerId = "worker@example.com",
        ReviewCompletedAt = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
        ReviewScore = 0.5,
    };

    private sealed class SyncProgress(Action<BulkProgress> report) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value) => report(value);
    }

}
