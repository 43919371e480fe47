using System.Net;
using AuditClient.Testing;

namespace AuditClient.Tests.Testing;

/// <summary>Faults armed per endpoint, seen through the SDK's resilience and raw HTTP.</summary>
public sealed class FaultInjectionTests
{
    [Test]
    public async Task A_429_with_retry_after_is_retried_by_the_sdk_then_succeeds()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.ScaleGetTask, FakeFault.TooManyRequests(TimeSpan.FromSeconds(1)));

        var task = await fakes.Clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId);

        Assert.That(task.TaskId, Is.EqualTo(ScaleFake.ExampleTaskId));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleGetTask), Has.Count.EqualTo(2));
        Assert.That(fakes.Faults.Pending(FakeEndpoint.ScaleGetTask), Is.Zero);
    }

    [Test]
    public async Task A_429_carries_retry_after_in_whole_seconds_and_the_vendor_body()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.ScaleListTasks, FakeFault.TooManyRequests(TimeSpan.FromMilliseconds(2500)));
        fakes.Faults.Arm(FakeEndpoint.CloudFactoryTaskReviewed, FakeFault.TooManyRequests(TimeSpan.FromSeconds(7)));
        using var scale = FakeHttp.Scale(fakes);
        using var cloudFactory = FakeHttp.CloudFactory(fakes);

        var scaleAnswer = await FakeHttp.GetAsync(scale, "/v1/tasks");
        var cfAnswer = await FakeHttp.PostAsync(cloudFactory, "/v1/workstreams/ws/task_reviewed", "{}");

        Assert.That(scaleAnswer.Status, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(scaleAnswer.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(3)));
        Assert.That(scaleAnswer.Object["status_code"]!.GetValue<int>(), Is.EqualTo(429));
        Assert.That(cfAnswer.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(7)));
        Assert.That(cfAnswer.Object["message"], Is.Not.Null);
    }

    [Test]
    public async Task A_connection_reset_on_a_put_surfaces_as_a_transport_exception_after_one_request()
    {
        await using var fakes = await AuditFakes.StartAsync();

        // The fault as the pipeline sees it; with reconciliation (on by default) see ReconcileTests.
        using var clients = fakes.CreateClients(o => o.Scale.ReconcileWrites = false);
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ConnectionReset());

        var error = await Assert.ThrowsAsync<AuditTransportException>(() => clients.ScaleAudits.CreateAuditAsync(FakeHttp.SdkAudit()));

        Assert.That(error!.StatusCode, Is.Null);
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1));
        Assert.That(fakes.Scale.Audits, Is.Empty);
    }

    [Test]
    public async Task A_connection_reset_on_a_get_is_retried_by_the_sdk()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.ScaleListAudits, FakeFault.ConnectionReset());

        var audits = await fakes.Clients.ScaleAudits.ListAuditsAsync(taskId: ScaleFake.ExampleTaskId);

        Assert.That(audits, Is.Empty);
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Server_errors_on_a_get_are_retried_until_the_fault_is_used_up()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.ScaleGetTask, FakeFault.ServerError(HttpStatusCode.BadGateway), times: 2);

        var task = await fakes.Clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId);

        Assert.That(task.TaskId, Is.EqualTo(ScaleFake.ExampleTaskId));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleGetTask), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_500_on_a_put_is_not_retried_and_carries_the_vendor_body()
    {
        await using var fakes = await AuditFakes.StartAsync();

        // The fault as the pipeline sees it; with reconciliation (on by default) see ReconcileTests.
        using var clients = fakes.CreateClients(o => o.Scale.ReconcileWrites = false);
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerError());

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.ScaleAudits.CreateAuditAsync(FakeHttp.SdkAudit()));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(error.VendorMessage, Does.Contain("Injected fault"));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_delay_longer_than_the_attempt_timeout_surfaces_as_a_timeout_after_one_request()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(o =>
        {
            o.Scale.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(200);
            o.Scale.Resilience.RetryEnabled = false;
        });
        fakes.Faults.Arm(FakeEndpoint.ScaleGetTask, FakeFault.Delay(TimeSpan.FromMinutes(5)));

        await Assert.ThrowsAsync<AuditTimeoutException>(() => clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId));

        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleGetTask), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_short_delay_then_answers_normally()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.ScaleGetTask, FakeFault.Delay(TimeSpan.FromMilliseconds(20)));

        var task = await fakes.Clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId);

        Assert.That(task.TaskId, Is.EqualTo(ScaleFake.ExampleTaskId));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleGetTask), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Faults_armed_on_an_endpoint_are_taken_in_order_and_only_there()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.ScaleListTasks, FakeFault.TooManyRequests(TimeSpan.Zero));
        fakes.Faults.Arm(FakeEndpoint.ScaleListTasks, FakeFault.ServerError(HttpStatusCode.GatewayTimeout));
        using var http = FakeHttp.Scale(fakes);

        var otherEndpoint = await FakeHttp.GetAsync(http, $"/v1/task/{ScaleFake.ExampleTaskId}");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await FakeHttp.GetAsync(http, "/v1/tasks")).Status);
        }

        Assert.That(otherEndpoint.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.TooManyRequests, HttpStatusCode.GatewayTimeout, HttpStatusCode.OK }));
    }

    [Test]
    public async Task Concurrent_requests_take_exactly_the_number_of_faults_armed()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.ScaleListTasks, FakeFault.ServerError(HttpStatusCode.ServiceUnavailable), times: 5);
        using var http = FakeHttp.Scale(fakes);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => FakeHttp.GetAsync(http, "/v1/tasks?limit=1")));

        Assert.That(answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable), Is.EqualTo(5));
        Assert.That(answers.Count(a => a.Status == HttpStatusCode.OK), Is.EqualTo(11));
        Assert.That(fakes.Faults.Pending(FakeEndpoint.ScaleListTasks), Is.Zero);
    }

    [Test]
    public async Task Clear_disarms_every_fault()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.ScaleGetTask, FakeFault.ConnectionReset(), times: 3);
        fakes.Faults.Arm(FakeEndpoint.ScaleListTasks, FakeFault.ServerError());

        fakes.Faults.Clear();
        var task = await fakes.Clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId);

        Assert.That(task.TaskId, Is.EqualTo(ScaleFake.ExampleTaskId));
        Assert.That(fakes.Faults.Pending(FakeEndpoint.ScaleGetTask), Is.Zero);
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleGetTask), Has.Count.EqualTo(1));
    }

    [Test]
    public void Invalid_faults_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FakeFault.ServerError(HttpStatusCode.NotFound));
        Assert.Throws<ArgumentOutOfRangeException>(() => FakeFault.TooManyRequests(TimeSpan.FromSeconds(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => FakeFault.Delay(TimeSpan.FromSeconds(-1)));
        Assert.That(FakeFault.TooManyRequests(TimeSpan.FromSeconds(2)).ToString(), Is.EqualTo("429 Too Many Requests (Retry-After: 2)"));
    }
}
