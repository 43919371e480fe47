using System.Text.Json.Nodes;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>Item keys given by the caller (a keySelector): resuming an input that changed, and the keys refused.</summary>
public sealed class BulkKeysTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "auditclient-keys-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string JournalPath => Path.Combine(_directory, "run.jsonl");

    [Test]
    public async Task A_reordered_filtered_and_appended_input_resumes_by_the_callers_keys_and_sends_only_the_new_items()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 10);
        var journalPath = JournalPath;
        #region snippet: bulk-keys
        var results = await clients.ScaleAudits.CreateAuditManyAsync(
            audits,
            audit => audit.TaskId!, // one audit per task: the task id names it in every run
            new BulkOptions { JournalPath = journalPath });
        #endregion
        var first = results;
        var options = new BulkOptions { JournalPath = journalPath };

        // The next run's input: reversed, two items dropped, three new ones at the end.
        var changed = audits.AsEnumerable().Reverse().Where((_, i) => i is not (2 or 5)).Concat(Audits(fakes, 3)).ToList();
        fakes.ClearRequests();
        var second = await clients.ScaleAudits.CreateAuditManyAsync(changed, a => a.TaskId!, options);

        var firstIds = first.ToDictionary(r => r.Key!, r => r.Result!.Id);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
            Assert.That(second.Select(r => r.Key), Is.EqualTo(changed.Select(a => a.TaskId)), "each result carries the caller's key, in input order");
            Assert.That(second.Take(8).Select(r => r.Resumed), Has.All.True);
            Assert.That(second.Take(8).Select(r => r.Result!.Id), Is.EqualTo(second.Take(8).Select(r => firstIds[r.Key!])), "the journaled answer of each key");
            Assert.That(second.Skip(8).Select(r => r.Resumed), Has.All.False);
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(3), "only the new items sent");
            Assert.That(fakes.Scale.Audits, Has.Count.EqualTo(13), "one stored audit per task");
        }
    }

    [Test]
    public async Task Two_items_with_one_key_are_refused_naming_both_positions_before_anything_is_sent()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var reviews = Enumerable.Range(0, 6).Select(JournalReconcileTests.Review).ToList();

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, r => r.TaskId == "task-4" ? "task-1" : r.TaskId!, new BulkOptions { JournalPath = JournalPath }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused!.Message, Does.Contain("Items 1 and 4 have the same key \"task-1\""));
            Assert.That(refused.ParamName, Is.EqualTo("keySelector"));
            Assert.That(fakes.Requests, Is.Empty);
            Assert.That(File.Exists(JournalPath), Is.False, "no journal made for a refused input");
        }
    }

    [Test]
    public async Task A_stream_with_a_key_seen_before_stops_at_that_item_and_is_refused_naming_both_positions()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var read = 0;
        async IAsyncEnumerable<TaskReview> Stream()
        {
            for (var i = 0; i < 10; i++)
            {
                await Task.Yield();
                read++;
                yield return JournalReconcileTests.Review(i == 3 ? 0 : i);
            }
        }

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            clients.CloudFactory.SubmitTaskReviewedManyAsync(Stream(), r => r.TaskId!, new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused!.Message, Does.Contain("Items 0 and 3 have the same key \"task-0\""));
            Assert.That(read, Is.EqualTo(4), "nothing read after the refused item");
            Assert.That(fakes.RequestsTo(FakeEndpoint.CloudFactoryTaskReviewed), Has.Count.EqualTo(3), "only the items before it");
        }
    }

    // From code, not attributes: an attribute's string is stored as UTF-8, which cannot hold a lone surrogate.
    private static IEnumerable<TestCaseData> UncarriableKeys() =>
    [
        new TestCaseData("", "is empty or white space").SetArgDisplayNames("empty"),
        new TestCaseData("  ", "is empty or white space").SetArgDisplayNames("white space"),
        new TestCaseData("line\nbreak", "contains a control character").SetArgDisplayNames("line break"),
        new TestCaseData("half " + (char)0xD800 + " a pair", "contains a lone surrogate").SetArgDisplayNames("lone surrogate"),
    ];

    [TestCaseSource(nameof(UncarriableKeys))]
    public async Task A_key_that_cannot_be_carried_is_refused_naming_its_position_before_anything_is_sent(string key, string why)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Audits(fakes, 4);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(audits, a => a == audits[2] ? key : a.TaskId!, new BulkOptions { JournalPath = JournalPath }));

        Assert.That(refused!.Message, Does.StartWith("The key of item 2 " + why));
        Assert.That(fakes.Requests, Is.Empty);
    }

    [Test]
    public async Task Keys_need_no_journal_and_label_each_result()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var actions = Enumerable.Range(0, 3).Select(i => new TaskAuditAction { TaskId = fakes.Scale.AddTask(new JsonObject()), Accepted = true }).ToList();

        var results = await clients.ScaleTasks.AuditTaskManyAsync(actions, a => "action/" + a.TaskId);

        Assert.That(results.Select(r => r.Key), Is.EqualTo(actions.Select(a => "action/" + a.TaskId)));
        Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
    }

    [Test]
    public async Task A_key_journaled_for_other_content_is_refused_naming_the_key_and_the_journal_keeps_every_record()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var reviews = Enumerable.Range(0, 5).Select(JournalReconcileTests.Review).ToList();
        var options = new BulkOptions { JournalPath = JournalPath };
        await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, r => r.TaskId!, options);
        var before = File.ReadAllBytes(JournalPath);
        fakes.ClearRequests();

        var other = Enumerable.Range(0, 6).Select(JournalReconcileTests.Review).ToList();
        other[2].ReviewScore = 0.9;
        var refused = await Assert.ThrowsAsync<BulkJournalException>(() => clients.CloudFactory.SubmitTaskReviewedManyAsync(other, r => r.TaskId!, options));
        var derived = await Assert.ThrowsAsync<BulkJournalException>(() => clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, options));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused!.Message, Does.Contain(JournalPath).And.Contain("item 2 of the input has key \"task-2\", which the journal holds for other content"));
            Assert.That(derived!.Message, Does.Contain("was made with keys given by the caller"));
            Assert.That(fakes.Requests, Is.Empty, "nothing sent, not even the new item");
            Assert.That(File.ReadAllBytes(JournalPath), Is.EqualTo(before), "every earlier record kept");
        }
    }

    private static List<FixlessAuditCreate> Audits(AuditFakes fakes, int count) =>
        Enumerable.Range(0, count).Select(i => new FixlessAuditCreate
        {
            TaskId = fakes.Scale.AddTask(new JsonObject()),
            Result = FixlessAuditResult.Accepted,
            Comments = "audit " + i,
            TargetResponseUrl = "https://example.test/responses/" + i + ".json",
        }).ToList();
}
