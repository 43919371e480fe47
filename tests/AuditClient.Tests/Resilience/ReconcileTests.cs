using System.Net;
using System.Text.Json.Nodes;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AuditClient.Tests.Resilience;

/// <summary>The writes that cannot be repeated blindly.</summary>
public enum WriteKind
{
    /// <summary><c>PUT /v1/audits</c>, reconciled by the token in its metadata.</summary>
    FixlessAuditCreate,

    /// <summary><c>POST /v1/task/{id}/audit</c>, reconciled on the task's audits.</summary>
    TaskAuditAction,

    /// <summary><c>POST .../task_reviewed</c> with a unique_id assigned by the SDK, deduplicated by CloudFactory.</summary>
    CloudFactoryReview,
}

/// <summary>One fault of the matrix, armed once on the write's endpoint.</summary>
public enum WriteFault
{
    ServerError500BeforeStoring,
    ServerError500AfterStoring,
    BadGateway502AfterStoring,
    GatewayTimeout504AfterStoring,
    RequestTimeout408AfterStoring,
    ConnectionResetBeforeStoring,
    ConnectionResetAfterStoring,
    AttemptTimeoutAfterStoring,
    TooManyRequests429,
    ServiceUnavailable503,
}

/// <summary>
/// Nothing lost, nothing twice: under each single fault, each write kind ends with the fake holding exactly one copy
/// and the caller holding a success; when the look-up fails too, the caller holds the write's typed exception naming
/// its token. Real sockets against the fakes.
/// </summary>
public sealed class ReconcileTests
{
    private const string Workstream = "ws-reconcile";

    // Long enough for nothing but a stall to reach it on a busy machine; the stall is far longer.
    private static readonly TimeSpan ShortAttemptTimeout = TimeSpan.FromSeconds(1);

    public static IEnumerable<TestCaseData> Cells() =>
        from kind in Enum.GetValues<WriteKind>()
        from fault in Enum.GetValues<WriteFault>()
        select new TestCaseData(kind, fault).SetName($"{kind} x {fault}");

    [TestCaseSource(nameof(Cells))]
    public async Task Each_single_fault_ends_with_one_copy_at_the_vendor_and_a_success(WriteKind kind, WriteFault fault)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = Clients(fakes, fault);
        var before = CustomerAudits(fakes);
        fakes.Faults.Arm(EndpointOf(kind), FaultOf(fault));

        var id = await WriteAsync(clients, kind);

        using (Assert.EnterMultipleScope())
        {
            switch (kind)
            {
                case WriteKind.FixlessAuditCreate:
                    var stored = fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId);
                    Assert.That(stored, Has.Count.EqualTo(1), "audits stored");
                    Assert.That(id, Is.EqualTo(stored.Single()["id"]!.GetValue<string>()), "the caller holds the stored audit");
                    break;
                case WriteKind.TaskAuditAction:
                    Assert.That(CustomerAudits(fakes), Is.EqualTo(before + 1), "task audit records added");
                    Assert.That(id, Is.EqualTo("rejected"), "the caller holds the task with its audit");
                    break;
                default:
                    Assert.That(fakes.CloudFactory.ReviewsOf(Workstream), Has.Count.EqualTo(1), "reviews stored");
                    break;
            }

            Assert.That(fakes.Faults.Pending(EndpointOf(kind)), Is.Zero, "the fault was hit");
        }
    }

    [Test]
    public async Task A_create_stored_before_the_500_is_found_by_its_token_and_not_sent_again()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = Clients(fakes, WriteFault.ServerError500AfterStoring);
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerErrorAfterStoring());

        var audit = await clients.ScaleAudits.CreateAuditAsync(FakeHttp.SdkAudit());

        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1), "no second PUT");
        Assert.That(audit.Metadata?[FixlessAuditCreate.ReconcileTokenKey]?.GetValue<string>(), Is.Not.Null.And.Not.Empty);
    }

    [Test]
    public async Task A_create_not_found_is_looked_up_again_after_the_propagation_delay_on_the_apps_clock_then_sent_again()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = fakes.ScaleApiKey;
            o.Scale.BaseAddress = fakes.BaseAddress;
            Support.FastRetries.Apply(o.Scale.Resilience);

            // An hour: only the fake clock can end this wait within the test. The timeouts run on the fake clock too:
            // a day (the most allowed) keeps the steps below from ending the second look-up while it travels.
            o.Scale.ReconcileDelay = TimeSpan.FromHours(1);
            o.Scale.Resilience.AttemptTimeout = TimeSpan.FromDays(1);
            o.Scale.Resilience.TotalTimeout = TimeSpan.FromDays(1);
        });
        await using var provider = services.BuildServiceProvider();
        var audits = provider.GetRequiredService<IScaleAuditsApi>();
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerError());

        var create = audits.CreateAuditAsync(FakeHttp.SdkAudit());
        await Until(() => fakes.RequestsTo(FakeEndpoint.ScaleListAudits).Count == 1 || create.IsCompleted);
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1), "not sent again before the second look-up");

        // Advanced in steps until the second look-up starts (the SDK may not be waiting yet at the first step).
        await Until(() =>
        {
            if (fakes.RequestsTo(FakeEndpoint.ScaleListAudits).Count >= 2 || create.IsCompleted)
            {
                return true;
            }

            time.Advance(TimeSpan.FromMinutes(10));
            return false;
        }, step: TimeSpan.FromMilliseconds(100));
        var audit = await create;

        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Has.Count.EqualTo(2), "looked up twice");
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(2), "sent again once");
        Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId).Single()["id"]!.GetValue<string>(), Is.EqualTo(audit.Id));
    }

    [Test]
    public async Task A_create_whose_look_up_fails_too_throws_the_write_exception_naming_its_token()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = Clients(fakes, WriteFault.ServerError500AfterStoring);
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerErrorAfterStoring(HttpStatusCode.BadGateway));
        fakes.Faults.Arm(FakeEndpoint.ScaleListAudits, FakeFault.ServerError(HttpStatusCode.ServiceUnavailable), times: 20);

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.ScaleAudits.CreateAuditAsync(FakeHttp.SdkAudit()));

        var stored = fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId).Single();
        var token = stored["metadata"]![FixlessAuditCreate.ReconcileTokenKey]!.GetValue<string>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway), "the write's own answer");
            Assert.That(error.MayHaveTakenEffect, Is.True);
            Assert.That(error.ReconcileToken, Is.EqualTo(token));
            Assert.That(error.Message, Does.Contain("may have taken effect: token " + token + ". Looking it up failed too (").And.EndWith("); look for the token before sending it again."));
            Assert.That(error.StackTrace, Does.Contain("ApiCall.SendAsync"), "the stack trace of where the write's answer was read");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1), "not sent again");
        }
    }

    [Test]
    public async Task A_create_never_stored_is_sent_again_until_the_retry_budget_is_spent_and_then_throws_naming_its_sends_and_token()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(o =>
        {
            Support.FastRetries.Apply(o);
            o.Scale.ReconcileDelay = TimeSpan.Zero;
            o.Scale.Resilience.MaxRetryAttempts = 2;
        });

        // More 500s than the budget allows: a budget that never ran out would end in a stored audit.
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerError(), times: 6);

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.ScaleAudits.CreateAuditAsync(FakeHttp.SdkAudit()));

        var tokens = fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit).Select(r => JsonNode.Parse(r.Body)!["metadata"]![FixlessAuditCreate.ReconcileTokenKey]!.GetValue<string>()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError), "the last send's own answer");
            Assert.That(error.MayHaveTakenEffect, Is.True);
            Assert.That(tokens, Has.Count.EqualTo(3), "sent once and resent twice (MaxRetryAttempts)");
            Assert.That(tokens.Distinct(), Is.EqualTo(new[] { error.ReconcileToken }), "every send under the token the exception names");
            Assert.That(error.Message, Does.EndWith("The request may have taken effect: token " + error.ReconcileToken + ". It was not found at the vendor after each of its 3 sends (the retry budget is spent)."));
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Has.Count.EqualTo(6), "looked up twice after each send");
            Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId), Is.Empty);
            Assert.That(fakes.Faults.Pending(FakeEndpoint.ScaleCreateAudit), Is.EqualTo(3), "not sent after the budget was spent");
        }
    }

    [Test]
    public async Task A_task_audit_whose_look_up_fails_too_throws_naming_the_task_result_and_send_time()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = Clients(fakes, WriteFault.ServerError500AfterStoring);
        fakes.Faults.Arm(FakeEndpoint.ScaleAuditTask, FakeFault.ConnectionResetAfterStoring());
        fakes.Faults.Arm(FakeEndpoint.ScaleGetTask, FakeFault.ServerError(HttpStatusCode.ServiceUnavailable), times: 20);

        var error = await Assert.ThrowsAsync<AuditTransportException>(() => clients.ScaleTasks.AuditTaskAsync(ScaleFake.ExampleTaskId, accepted: true));

        Assert.That(error!.ReconcileToken, Does.StartWith(ScaleFake.ExampleTaskId + ":accepted:"));
        Assert.That(error.Message, Does.Contain("may have taken effect: token " + error.ReconcileToken));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleAuditTask), Has.Count.EqualTo(1), "not sent again");
    }

    [Test]
    public async Task A_review_in_doubt_after_every_retry_names_the_unique_id_it_was_sent_with()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = Clients(fakes, WriteFault.ServerError500AfterStoring);
        fakes.Faults.Arm(FakeEndpoint.CloudFactoryTaskReviewed, FakeFault.ServerErrorAfterStoring(), times: 20);

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.CloudFactory.SubmitTaskReviewedAsync(FakeHttp.SdkReview(Workstream)));

        var stored = fakes.CloudFactory.ReviewsOf(Workstream).Single();
        Assert.That(error!.ReconcileToken, Is.EqualTo(stored["unique_id"]!.GetValue<string>()));
        Assert.That(error.Message, Does.Contain("may have taken effect: token " + error.ReconcileToken));
    }

    [Test]
    public async Task The_docs_way_to_reconcile_later_finds_the_audit_the_failed_call_stored()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = Clients(fakes, WriteFault.ServerError500AfterStoring);
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerErrorAfterStoring());

        // The SDK's own look-up and its 3 retries (the default MaxRetryAttempts) fail; the one made later succeeds.
        fakes.Faults.Arm(FakeEndpoint.ScaleListAudits, FakeFault.ServerError(HttpStatusCode.ServiceUnavailable), times: 4);
        var audits = clients.ScaleAudits;
        var audit = FakeHttp.SdkAudit();
        var cancellationToken = CancellationToken.None;
        bool? storedAfterAll = null;

        #region snippet: reconcile-later
        try
        {
            await audits.CreateAuditAsync(audit, cancellationToken);
        }
        catch (AuditApiException e) when (e.ReconcileToken is { } token)
        {
            // Scale could not be asked whether the audit was stored. Later: stored means done, else send it again.
            var stored = await audits.ListAuditsAsync(taskId: audit.TaskId, cancellationToken: cancellationToken);
            storedAfterAll = stored.Any(a => a.Metadata?[FixlessAuditCreate.ReconcileTokenKey]?.GetValue<string>() == token);
        }
        #endregion

        Assert.That(storedAfterAll, Is.True);
        Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_callers_metadata_is_kept_as_given_and_sent_with_the_token_beside_it()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var audit = FakeHttp.SdkAudit();
        audit.Metadata = new JsonObject { ["batch"] = "b-7" };

        var created = await fakes.Clients.ScaleAudits.CreateAuditAsync(audit);

        var stored = fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId).Single()["metadata"]!.AsObject();
        Assert.That(audit.Metadata.ToJsonString(), Is.EqualTo("""{"batch":"b-7"}"""), "the caller's object is unchanged");
        Assert.That(stored["batch"]!.GetValue<string>(), Is.EqualTo("b-7"));
        Assert.That(stored[FixlessAuditCreate.ReconcileTokenKey]!.GetValue<string>(), Is.EqualTo(created.Metadata![FixlessAuditCreate.ReconcileTokenKey]!.GetValue<string>()));
    }

    [Test]
    public async Task A_token_the_caller_put_in_the_metadata_is_the_one_reconciled()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = Clients(fakes, WriteFault.ServerError500AfterStoring);
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerErrorAfterStoring());
        fakes.Faults.Arm(FakeEndpoint.ScaleListAudits, FakeFault.ServerError(HttpStatusCode.ServiceUnavailable), times: 20);
        var audit = FakeHttp.SdkAudit();
        audit.Metadata = new JsonObject { [FixlessAuditCreate.ReconcileTokenKey] = "my-own-token" };

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.ScaleAudits.CreateAuditAsync(audit));

        Assert.That(error!.ReconcileToken, Is.EqualTo("my-own-token"));
        Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId).Single()["metadata"]!.ToJsonString(), Is.EqualTo("""{"auditclient_token":"my-own-token"}"""));
    }

    [Test]
    public async Task With_reconciliation_off_nothing_is_stamped_and_a_create_in_doubt_is_handed_back_without_a_token()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(o => o.Scale.ReconcileWrites = false);
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerErrorAfterStoring());

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.ScaleAudits.CreateAuditAsync(FakeHttp.SdkAudit()));

        Assert.That(error!.MayHaveTakenEffect, Is.True);
        Assert.That(error.ReconcileToken, Is.Null);
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Is.Empty, "no look-up");
        Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId).Single()["metadata"], Is.Null, "nothing stamped");
    }

    [Test]
    public async Task A_single_review_gets_no_unique_id_unless_asked_and_the_callers_review_is_unchanged_when_it_does()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var assigning = fakes.CreateClients(o => o.CloudFactory.AssignUniqueIds = true);
        var plain = FakeHttp.SdkReview(Workstream);
        var assigned = FakeHttp.SdkReview(Workstream);

        await fakes.Clients.CloudFactory.SubmitTaskReviewedAsync(plain);
        await assigning.CloudFactory.SubmitTaskReviewedAsync(assigned);

        var stored = fakes.CloudFactory.ReviewsOf(Workstream);
        Assert.That(stored[0]["unique_id"], Is.Null, "off by default");
        Assert.That(Guid.TryParse(stored[1]["unique_id"]?.GetValue<string>(), out _), Is.True, "a GUID when asked");
        Assert.That(assigned.UniqueId, Is.Null, "the caller's review is unchanged");
    }

    [Test]
    public async Task Bulk_reviews_get_a_unique_id_so_a_500_after_storing_is_retried_and_stored_once()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.CloudFactoryTaskReviewed, FakeFault.ServerErrorAfterStoring());

        var results = await fakes.Clients.CloudFactory.SubmitTaskReviewedManyAsync([FakeHttp.SdkReview(Workstream)]);

        Assert.That(results.Single().Status, Is.EqualTo(BulkStatus.Succeeded));
        Assert.That(fakes.CloudFactory.ReviewsOf(Workstream), Has.Count.EqualTo(1));
        Assert.That(fakes.RequestsTo(FakeEndpoint.CloudFactoryTaskReviewed), Has.Count.EqualTo(2), "retried with the same unique_id");
    }

    [Test]
    public void The_reconcile_settings_are_read_from_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AuditClients:Scale:ApiKey"] = "k",
                ["AuditClients:Scale:ReconcileWrites"] = "false",
                ["AuditClients:Scale:ReconcileDelay"] = "00:00:07",
                ["AuditClients:CloudFactory:ApiKey"] = "k",
                ["AuditClients:CloudFactory:AssignUniqueIds"] = "true",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddAuditClients(configuration.GetSection("AuditClients"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AuditClientOptions>>().Value;

        Assert.That(options.Scale.ReconcileWrites, Is.False);
        Assert.That(options.Scale.ReconcileDelay, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(options.CloudFactory.AssignUniqueIds, Is.True);
    }

    private static AuditClients Clients(AuditFakes fakes, WriteFault fault) => fakes.CreateClients(o =>
    {
        // The re-check after "not found" is immediate here; the wait itself is tested on fake time above.
        o.Scale.ReconcileDelay = TimeSpan.Zero;
        o.CloudFactory.AssignUniqueIds = true;
        if (fault == WriteFault.AttemptTimeoutAfterStoring)
        {
            o.Scale.Resilience.AttemptTimeout = ShortAttemptTimeout;
            o.CloudFactory.Resilience.AttemptTimeout = ShortAttemptTimeout;
        }
    });

    private static async Task<string?> WriteAsync(AuditClients clients, WriteKind kind) => kind switch
    {
        WriteKind.FixlessAuditCreate => (await clients.ScaleAudits.CreateAuditAsync(FakeHttp.SdkAudit())).Id,
        WriteKind.TaskAuditAction => (await clients.ScaleTasks.AuditTaskAsync(ScaleFake.ExampleTaskId, accepted: false)).CustomerReviewStatus?.ToString(),
        _ => (await clients.CloudFactory.SubmitTaskReviewedAsync(FakeHttp.SdkReview(Workstream))).Message,
    };

    private static FakeEndpoint EndpointOf(WriteKind kind) => kind switch
    {
        WriteKind.FixlessAuditCreate => FakeEndpoint.ScaleCreateAudit,
        WriteKind.TaskAuditAction => FakeEndpoint.ScaleAuditTask,
        _ => FakeEndpoint.CloudFactoryTaskReviewed,
    };

    private static FakeFault FaultOf(WriteFault fault) => fault switch
    {
        WriteFault.ServerError500BeforeStoring => FakeFault.ServerError(),
        WriteFault.ServerError500AfterStoring => FakeFault.ServerErrorAfterStoring(),
        WriteFault.BadGateway502AfterStoring => FakeFault.ServerErrorAfterStoring(HttpStatusCode.BadGateway),
        WriteFault.GatewayTimeout504AfterStoring => FakeFault.ServerErrorAfterStoring(HttpStatusCode.GatewayTimeout),
        WriteFault.RequestTimeout408AfterStoring => FakeFault.RequestTimeout(afterStoring: true),
        WriteFault.ConnectionResetBeforeStoring => FakeFault.ConnectionReset(),
        WriteFault.ConnectionResetAfterStoring => FakeFault.ConnectionResetAfterStoring(),
        WriteFault.AttemptTimeoutAfterStoring => FakeFault.StallAfterStoring(TimeSpan.FromMinutes(5)),
        WriteFault.TooManyRequests429 => FakeFault.TooManyRequests(TimeSpan.Zero),
        WriteFault.ServiceUnavailable503 => FakeFault.ServerError(HttpStatusCode.ServiceUnavailable),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private static int CustomerAudits(AuditFakes fakes) =>
        fakes.Scale.GetTask(ScaleFake.ExampleTaskId)!["audits"] is JsonArray audits ? audits.Count : 0;

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
}
