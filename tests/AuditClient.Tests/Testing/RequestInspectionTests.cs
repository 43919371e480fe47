using System.Net;
using AuditClient.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AuditClient.Tests.Testing;

/// <summary>What the fakes record of the requests they receive.</summary>
public sealed class RequestInspectionTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Test]
    public async Task An_sdk_call_is_recorded_with_its_endpoint_method_path_time_and_redacted_credentials()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.TimeProvider = new FakeTimeProvider(Now));

        await fakes.Clients.ScaleAudits.ListAuditsAsync(taskId: ScaleFake.ExampleTaskId);

        var request = fakes.Requests.Single();
        Assert.That(request.Endpoint, Is.EqualTo(FakeEndpoint.ScaleListAudits));
        Assert.That(request.Method, Is.EqualTo("GET"));
        Assert.That(request.Path, Is.EqualTo("/v1/audits/"));
        Assert.That(request.Query, Is.EqualTo("?task_id=" + ScaleFake.ExampleTaskId));
        Assert.That(request.ReceivedAt, Is.EqualTo(Now));
        Assert.That(request.Headers["authorization"], Is.EqualTo("Basic [redacted]"));
        Assert.That(request.Headers["Accept"], Does.Contain("application/json"));
        Assert.That(request.Headers.Values, Has.None.Contain(fakes.ScaleApiKey));
        Assert.That(request.ToString(), Is.EqualTo("GET /v1/audits/?task_id=" + ScaleFake.ExampleTaskId));
    }

    [Test]
    public async Task A_cloudfactory_request_is_recorded_with_its_body_and_the_key_redacted()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);
        var body = FakeHttp.SpecReview("ws-9").ToJsonString();

        await FakeHttp.PostAsync(http, "/v1/workstreams/ws-9/task_reviewed", body);

        var request = fakes.RequestsTo(FakeEndpoint.CloudFactoryTaskReviewed).Single();
        Assert.That(request.Body, Is.EqualTo(body));
        Assert.That(request.Headers["X-API-KEY"], Is.EqualTo("[redacted]"));
        Assert.That(request.Headers.Values, Has.None.Contain(fakes.CloudFactoryApiKey));
    }

    [Test]
    public async Task Refused_and_faulted_requests_are_recorded_too()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var wrongKey = FakeHttp.Scale(fakes, "wrong");
        using var http = FakeHttp.Scale(fakes);

        var refused = await FakeHttp.GetAsync(wrongKey, "/v1/tasks");
        fakes.Faults.Arm(FakeEndpoint.ScaleListTasks, FakeFault.ConnectionReset());
        await Assert.ThrowsAsync<HttpRequestException>(() => FakeHttp.GetAsync(http, "/v1/tasks"));

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListTasks), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Concurrent_sdk_calls_are_all_recorded()
    {
        await using var fakes = await AuditFakes.StartAsync();

        await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => fakes.Clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId)));

        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleGetTask), Has.Count.EqualTo(24));
    }

    [Test]
    public async Task Clearing_requests_keeps_the_stored_data()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString());

        fakes.ClearRequests();

        Assert.That(fakes.Requests, Is.Empty);
        Assert.That(fakes.Scale.Audits, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Inspection_returns_copies_that_do_not_change_the_fake()
    {
        await using var fakes = await AuditFakes.StartAsync();

        var copy = fakes.Scale.GetTask(ScaleFake.ExampleTaskId)!;
        copy["status"] = "canceled";
        fakes.Scale.Tasks[0]["status"] = "canceled";

        Assert.That(fakes.Scale.GetTask(ScaleFake.ExampleTaskId)!["status"]!.GetValue<string>(), Is.EqualTo("completed"));
    }
}
