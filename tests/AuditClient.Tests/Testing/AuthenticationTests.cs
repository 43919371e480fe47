using System.Net;
using System.Text.Json.Nodes;
using AuditClient.Testing;

namespace AuditClient.Tests.Testing;

/// <summary>Credentials and unknown resources, answered as the vendors do.</summary>
public sealed class AuthenticationTests
{
    [Test]
    public async Task A_wrong_scale_key_is_refused_with_401_and_scale_error_body()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(o => o.Scale.ApiKey = "wrong_key");

        var error = await Assert.ThrowsAsync<AuditAuthenticationException>(() => clients.ScaleAudits.ListAuditsAsync(taskId: ScaleFake.ExampleTaskId));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(error.VendorMessage, Is.EqualTo("Invalid API key."));
        Assert.That(error.ResponseExcerpt, Does.Contain("\"status_code\":401"));
    }

    [Test]
    public async Task A_missing_scale_key_is_refused_with_401_saying_how_to_authenticate()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = new HttpClient { BaseAddress = fakes.BaseAddress };

        var answer = await FakeHttp.GetAsync(http, $"/v1/task/{ScaleFake.ExampleTaskId}");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(answer.Object["status_code"]!.GetValue<int>(), Is.EqualTo(401));
        Assert.That(answer.Object["error"]!.GetValue<string>(), Does.Contain("Basic"));
    }

    [TestCase("x", TestName = "A Scale request with the right key and a non-empty password is 401, like a wrong key")]
    [TestCase(" ", TestName = "A Scale request with the right key and a blank password is 401")]
    public async Task A_non_empty_password_is_401(string password)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = new HttpClient { BaseAddress = fakes.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{fakes.ScaleApiKey}:{password}")));

        var task = await FakeHttp.GetAsync(http, $"/v1/task/{ScaleFake.ExampleTaskId}");
        var create = await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString());

        Assert.That(task.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(task.Object["status_code"]!.GetValue<int>(), Is.EqualTo(401));
        Assert.That(task.Object["error"]!.GetValue<string>(), Does.StartWith("Invalid API key").And.Contain("password must be empty"));
        Assert.That(create.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(fakes.Scale.Audits, Is.Empty);
    }

    [Test]
    public async Task Basic_credentials_without_the_colon_are_401()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = new HttpClient { BaseAddress = fakes.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(fakes.ScaleApiKey)));

        var answer = await FakeHttp.GetAsync(http, $"/v1/task/{ScaleFake.ExampleTaskId}");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task The_sdk_sends_the_key_with_an_empty_password_and_is_let_in()
    {
        await using var fakes = await AuditFakes.StartAsync();

        var task = await fakes.Clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId);

        Assert.That(task.TaskId, Is.EqualTo(ScaleFake.ExampleTaskId));
    }

    [Test]
    public async Task Credentials_are_checked_before_the_task_is_looked_up()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes, "wrong_key");

        var answer = await FakeHttp.GetAsync(http, "/v1/task/no_such_task");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task An_unknown_task_is_404_with_scale_error_body()
    {
        await using var fakes = await AuditFakes.StartAsync();

        var error = await Assert.ThrowsAsync<AuditNotFoundException>(() => fakes.Clients.ScaleTasks.GetTaskAsync("no_such_task"));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error.VendorMessage, Is.EqualTo("No task found with id no_such_task"));
        Assert.That(error.ResponseExcerpt, Does.Contain("\"status_code\":404"));
    }

    [Test]
    public async Task A_wrong_cloudfactory_key_is_refused_with_403_forbidden()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(o => o.CloudFactory.ApiKey = "wrong_key");

        var error = await Assert.ThrowsAsync<AuditAuthenticationException>(
            () => clients.CloudFactory.SubmitTaskReviewedAsync(FakeHttp.SdkReview("ws-1")));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(error.VendorMessage, Is.EqualTo("Forbidden"));
        Assert.That(fakes.CloudFactory.Reviews, Is.Empty);
    }

    [Test]
    public async Task A_missing_cloudfactory_key_is_403_before_the_body_is_read()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = new HttpClient { BaseAddress = fakes.BaseAddress };

        var answer = await FakeHttp.PostAsync(http, "/v1/workstreams/ws-1/task_reviewed", "not even json");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(JsonNode.DeepEquals(answer.Body, new JsonObject { ["message"] = "Forbidden" }), Is.True);
    }

    [Test]
    public async Task The_scale_key_does_not_open_cloudfactory_and_the_reverse()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var scaleWithCfKey = FakeHttp.Scale(fakes, fakes.CloudFactoryApiKey);
        using var cfWithScaleKey = FakeHttp.CloudFactory(fakes, fakes.ScaleApiKey);

        var scale = await FakeHttp.GetAsync(scaleWithCfKey, "/v1/tasks");
        var cloudFactory = await FakeHttp.PostAsync(cfWithScaleKey, "/v1/workstreams/ws-1/task_reviewed", FakeHttp.SpecReview("ws-1").ToJsonString());

        Assert.That(scale.Status, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(cloudFactory.Status, Is.EqualTo(HttpStatusCode.Forbidden));
    }

    [Test]
    public async Task An_unknown_path_is_404_in_the_vendor_shape()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var scale = await FakeHttp.GetAsync(http, "/v1/batches");
        var cloudFactory = await FakeHttp.GetAsync(http, "/v1/workstreams/ws-1/throughput");
        var wrongMethod = await FakeHttp.SendAsync(http, HttpMethod.Delete, "/v1/audits", null);

        Assert.That(scale.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(scale.Object["status_code"]!.GetValue<int>(), Is.EqualTo(404));
        Assert.That(cloudFactory.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(cloudFactory.Object["message"], Is.Not.Null);
        Assert.That(wrongMethod.Status, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        Assert.That(fakes.Requests.Select(r => r.Endpoint), Is.All.Null);
    }
}
