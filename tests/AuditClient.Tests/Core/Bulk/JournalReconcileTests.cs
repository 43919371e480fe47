using System.Net;
using System.Text.Json.Nodes;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Support;
using AuditClient.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// A journaled bulk run reconciles by the single calls' rule: it looks, waits the vendor's propagation delay on the
/// app's clock, and looks again before it sends a write in doubt again; and a write that carries nothing the vendor
/// keeps ends in doubt rather than being sent twice. Real sockets against the fakes.
/// </summary>
public sealed class JournalReconcileTests
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
    public async Task A_journaled_create_not_listed_at_the_first_look_is_looked_up_again_after_the_delay_on_the_apps_clock_before_it_is_sent_again()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = Services(fakes, time);
        var audits = provider.GetRequiredService<IScaleAuditsApi>();
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerError());

        var run = audits.CreateAuditManyAsync([FakeHttp.SdkAudit()], new BulkOptions { JournalPath = JournalPath });
        await Until(() => fakes.RequestsTo(FakeEndpoint.ScaleListAudits).Count == 1 || run.IsCompleted);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1), "not sent again before the second look-up");
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Has.Count.EqualTo(1), "the second look waits for the clock");

        await AdvanceUntil(time, () => fakes.RequestsTo(FakeEndpoint.ScaleListAudits).Count >= 2 || run.IsCompleted);
        var result = (await run).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(BulkStatus.Succeeded));
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Has.Count.EqualTo(2), "looked up twice");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(2), "sent again once");
            Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId).Single()["id"]!.GetValue<string>(), Is.EqualTo(result.Result!.Id), "stored once");
            Assert.That(States(result.Key!), Is.EqualTo(new[] { "sent", "in_doubt", "sent", "done" }), "the doubt journaled before the look-up and the resend");
            Assert.That(LinesOf(result.Key!)[1]["error"]!.GetValue<string>(), Does.StartWith("Item 0 (key " + result.Key + "): ").And.Contain("500"));
        }
    }

    [Test]
    public async Task An_audit_in_doubt_when_the_last_run_ended_is_looked_up_again_after_the_delay_before_the_next_run_sends_it()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using (var clients = fakes.CreateClients(FastRetries.Apply))
        {
            // The first run: the create fails before storing, and every look-up fails: the item ends in doubt.
            fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerError());
            fakes.Faults.Arm(FakeEndpoint.ScaleListAudits, FakeFault.ServerError(HttpStatusCode.ServiceUnavailable), times: 50);
            var first = await clients.ScaleAudits.CreateAuditManyAsync([FakeHttp.SdkAudit()], new BulkOptions { JournalPath = JournalPath });
            Assert.That(first.Single().Error, Is.InstanceOf<AuditApiException>().With.Property(nameof(AuditApiException.MayHaveTakenEffect)).True);
        }

        fakes.Faults.Clear();
        fakes.ClearRequests();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = Services(fakes, time);
        var run = provider.GetRequiredService<IScaleAuditsApi>().CreateAuditManyAsync([FakeHttp.SdkAudit()], new BulkOptions { JournalPath = JournalPath });
        await Until(() => fakes.RequestsTo(FakeEndpoint.ScaleListAudits).Count == 1 || run.IsCompleted);
        await Task.Delay(TimeSpan.FromMilliseconds(200));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Is.Empty, "not sent before the second look-up");

        await AdvanceUntil(time, () => fakes.RequestsTo(FakeEndpoint.ScaleListAudits).Count >= 2 || run.IsCompleted);
        var result = (await run).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(BulkStatus.Succeeded));
            Assert.That(result.Resumed, Is.False, "sent by this run");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Has.Count.EqualTo(2));
            Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId), Has.Count.EqualTo(1), "stored once");
        }
    }

    [Test]
    public async Task An_audit_sent_by_a_run_that_died_whose_look_up_fails_is_not_sent_and_says_an_earlier_run_sent_it()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var options = new BulkOptions { JournalPath = JournalPath };
        var first = (await clients.ScaleAudits.CreateAuditManyAsync([FakeHttp.SdkAudit()], options)).Single();

        // As if the process died after the send, before the answer was journaled.
        File.WriteAllLines(JournalPath, File.ReadAllLines(JournalPath).Where(l => !l.Contains("\"state\":\"done\"", StringComparison.Ordinal)));
        fakes.ClearRequests();
        fakes.Faults.Arm(FakeEndpoint.ScaleListAudits, FakeFault.ServerError(HttpStatusCode.ServiceUnavailable), times: 50);

        var result = (await clients.ScaleAudits.CreateAuditManyAsync([FakeHttp.SdkAudit()], options)).Single();

        var error = result.Error as AuditApiException;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(BulkStatus.Failed));
            Assert.That(error?.MayHaveTakenEffect, Is.True);
            Assert.That(error?.ReconcileToken, Is.EqualTo(first.Result!.Metadata![FixlessAuditCreate.ReconcileTokenKey]!.GetValue<string>()), "the token the earlier run sent");
            Assert.That(error?.Message, Does.StartWith(
                "An earlier run sent this write and ended before it learned whether the vendor stored it. The request may have taken effect: token "
                + error?.ReconcileToken + ". Item 0 (key " + result.Key + "): Looking it up failed too ("));
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Is.Empty, "not sent again while it may be stored");
            Assert.That(States(result.Key!), Is.EqualTo(new[] { "sent", "in_doubt" }));
        }
    }

    [Test]
    public async Task A_journaled_create_stored_then_answered_500_is_found_by_its_token_and_not_sent_again()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerErrorAfterStoring());

        var result = (await clients.ScaleAudits.CreateAuditManyAsync([FakeHttp.SdkAudit()], new BulkOptions { JournalPath = JournalPath })).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(result.Status, Is.EqualTo(BulkStatus.Succeeded));
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1), "no second PUT");
            Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId), Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task Reviews_sent_without_sdk_tokens_end_in_doubt_as_a_typed_failure_naming_their_token_and_are_never_sent_twice()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var reviews = Enumerable.Range(0, 3).Select(Review).ToList();
        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1, StampTokens = false };
        fakes.Faults.Arm(FakeEndpoint.CloudFactoryTaskReviewed, FakeFault.ServerErrorAfterStoring());

        var first = await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, options);
        var second = await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, options);

        var doubt = first.Single(r => r.Status == BulkStatus.Failed);
        var error = (AuditApiException)doubt.Error!;
        var last = File.ReadAllLines(JournalPath).Skip(1).Select(l => JsonNode.Parse(l)!).Last(l => (string?)l["key"] == doubt.Key);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.MayHaveTakenEffect, Is.True);
            Assert.That(error.ReconcileToken, Is.Not.Null.And.Not.Empty);
            Assert.That(error.Message, Does.Contain("may have taken effect: token " + error.ReconcileToken).And.Contain("key " + doubt.Key));
            Assert.That((string?)last["state"], Is.EqualTo("in_doubt"));
            Assert.That(error.Message, Does.EndWith("It carries nothing the vendor keeps to look it up by, so it is not sent again; check at the vendor before sending it yourself."));
            Assert.That(second.Single(r => r.Index == doubt.Index).Status, Is.EqualTo(BulkStatus.Failed), "still in doubt, not sent");
            Assert.That(second.Where(r => r.Index != doubt.Index).Select(r => r.Resumed), Has.All.True);
            Assert.That(fakes.RequestsTo(FakeEndpoint.CloudFactoryTaskReviewed), Has.Count.EqualTo(3), "each review sent once, over both runs");
            Assert.That(fakes.CloudFactory.Reviews.Select(r => r["unique_id"]), Has.All.Null, "sent as given");
            Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(3));
        }
    }

    [Test]
    public async Task Reviews_get_the_sdk_unique_id_by_default_so_one_stored_then_answered_500_is_resent_and_stored_once()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(o =>
        {
            FastRetries.Apply(o);
            o.CloudFactory.Resilience.MaxRetryAttempts = 0;
        });
        var reviews = Enumerable.Range(0, 3).Select(Review).ToList();
        fakes.Faults.Arm(FakeEndpoint.CloudFactoryTaskReviewed, FakeFault.ServerErrorAfterStoring());

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 });

        using (Assert.EnterMultipleScope())
        {
            // With no pipeline retries, the budget of resends is zero too: the doubt is reported, naming its unique_id.
            var failed = results.Single(r => r.Status == BulkStatus.Failed);
            Assert.That(((AuditApiException)failed.Error!).ReconcileToken, Is.EqualTo(fakes.CloudFactory.Reviews[0]["unique_id"]!.GetValue<string>()));
            Assert.That(fakes.CloudFactory.Reviews.Select(r => r["unique_id"]), Has.All.Not.Null);
            Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(3));
        }
    }

    [TestCase(true)]
    [TestCase(false)]
    public async Task Without_a_journal_StampTokens_decides_whether_the_bulk_helper_gives_reviews_a_unique_id(bool stampTokens)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var reviews = Enumerable.Range(0, 3).Select(Review).ToList();

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync(reviews, new BulkOptions { StampTokens = stampTokens });

        Assert.That(results.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
        Assert.That(fakes.CloudFactory.Reviews.Select(r => r["unique_id"] is not null), Has.All.EqualTo(stampTokens));
    }

    [Test]
    public async Task A_create_in_flight_when_the_clients_are_disposed_is_journaled_in_doubt_and_found_by_the_next_run_and_one_not_yet_sent_is_sent()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var clients = fakes.CreateClients(FastRetries.Apply);
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.StallAfterStoring(TimeSpan.FromMinutes(5)));
        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 };
        var run = clients.ScaleAudits.CreateAuditManyAsync([FakeHttp.SdkAudit(), FakeHttp.SdkAudit()], options);
        await Until(() => fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId).Count == 1 || run.IsCompleted);
        clients.Dispose();
        var first = await run;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first[0].Error, Is.InstanceOf<AuditApiException>().With.Property(nameof(AuditApiException.MayHaveTakenEffect)).True, first[0].Error?.Message);
            Assert.That(first[1].Error, Is.InstanceOf<AuditApiException>().With.Property(nameof(AuditApiException.MayHaveTakenEffect)).False, first[1].Error?.Message);
            Assert.That(States(first[0].Key!), Is.EqualTo(new[] { "sent", "in_doubt" }));
            Assert.That(
                (string?)LinesOf(first[0].Key!)[^1]["error"],
                Is.EqualTo($"Item 0 (key {first[0].Key}): {first[0].Error!.Message}"),
                "the in-doubt line names the item, and the error is the one reported");
        }

        fakes.Faults.Clear();
        fakes.ClearRequests();
        using var again = fakes.CreateClients(FastRetries.Apply);
        var second = await again.ScaleAudits.CreateAuditManyAsync([FakeHttp.SdkAudit(), FakeHttp.SdkAudit()], options);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded), second.FirstOrDefault(r => r.Error is not null)?.Error?.Message);
            Assert.That(second[0].Resumed, Is.True, "the one on the wire at disposal: found by its look-up");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Has.Count.EqualTo(1), "only the one on the wire is looked up");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1), "the one not sent is sent now");
            Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId), Has.Count.EqualTo(2), "each stored once");
        }
    }

    [Test]
    public async Task Without_a_journal_a_create_in_flight_when_the_clients_are_disposed_is_reported_as_may_have_taken_effect_and_one_not_yet_sent_as_not()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var clients = fakes.CreateClients(FastRetries.Apply);
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.StallAfterStoring(TimeSpan.FromMinutes(5)));
        var run = clients.ScaleAudits.CreateAuditManyAsync([FakeHttp.SdkAudit(), FakeHttp.SdkAudit()], new BulkOptions { MaxConcurrency = 1 });
        await Until(() => fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId).Count == 1 || run.IsCompleted);
        clients.Dispose();
        var results = await run;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId), Has.Count.EqualTo(1), "the first was stored before the clients went away");
            Assert.That(results[0].Error, Is.InstanceOf<AuditApiException>().With.Property(nameof(AuditApiException.MayHaveTakenEffect)).True, results[0].Error?.Message);
            Assert.That(results[0].Error?.Message, Does.Contain("disposed").And.Contain("may have taken effect"));
            Assert.That(results[1].Error, Is.InstanceOf<AuditApiException>().With.Property(nameof(AuditApiException.MayHaveTakenEffect)).False, results[1].Error?.Message);
        }
    }

    // The journal's lines of one item, in the order written.
    private List<JsonNode> LinesOf(string key) =>
        File.ReadAllLines(JournalPath).Skip(1).Select(l => JsonNode.Parse(l)!).Where(l => (string?)l["key"] == key).ToList();

    private List<string?> States(string key) => LinesOf(key).Select(l => (string?)l["state"]).ToList();

    private static ServiceProvider Services(AuditFakes fakes, FakeTimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = fakes.ScaleApiKey;
            o.Scale.BaseAddress = fakes.BaseAddress;
            FastRetries.Apply(o.Scale.Resilience);

            // An hour: only the fake clock can end this wait within the test. The timeouts run on the fake clock too:
            // a day (the most allowed) keeps the steps below from ending a look-up while it travels.
            o.Scale.ReconcileDelay = TimeSpan.FromHours(1);
            o.Scale.Resilience.AttemptTimeout = TimeSpan.FromDays(1);
            o.Scale.Resilience.TotalTimeout = TimeSpan.FromDays(1);
        });
        return services.BuildServiceProvider();
    }

    // Advanced in steps until the condition holds (the SDK may not be waiting yet at the first step).
    private static Task AdvanceUntil(FakeTimeProvider time, Func<bool> condition) => Until(
        () =>
        {
            if (condition())
            {
                return true;
            }

            time.Advance(TimeSpan.FromMinutes(10));
            return false;
        },
        TimeSpan.FromMilliseconds(100));

    // Polls real time for a condition the SDK reaches on its own; generous, and not a timing assertion.
    private static async Task Until(Func<bool> condition, TimeSpan? step = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The condition was not reached within 60 s.");
            }

            await Task.Delay(step ?? TimeSpan.FromMilliseconds(20));
        }
    }

    internal static TaskReview Review(int i) => new()
    {
        WorkstreamId = "ws-journal",
        UseCaseId = "use-case-1",
        TaskDefinitionId = "task-def-1",
        TaskId = "task-" + i,
        WorkerId = "worker@example.com",
        ReviewCompletedAt = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
        ReviewScore = 0.5,
    };
}
