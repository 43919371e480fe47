using AuditClient.Scale;
using AuditClient.CloudFactory;
using AuditClient.RawHttp;
using AuditClient.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Resilience;

/// <summary>API keys stay out of logs (even at Trace level, where request headers are logged) and out of exceptions.</summary>
public sealed class SecretsTests
{
    [Test]
    public async Task Trace_logs_show_the_credential_headers_redacted_and_no_key()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().WithPath($"/v1/task/{Requests.TaskId}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Answers.Task));
        server.Server.Given(Request.Create().WithPath($"/v1/workstreams/{Requests.WorkstreamId}/task_reviewed").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("Content-Type", "application/json").WithBody(Answers.ReviewAccepted));
        using var clients = TestClients.For(server.Url);

        await clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId);
        await clients.Services.GetRequiredService<ICloudFactoryQualityApi>().SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: false));

        var lines = clients.Logs.Lines;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(TestClients.Leaks(lines), Is.Empty);

            // Proof that headers were logged at all, with their values replaced.
            Assert.That(lines, Has.Some.Contains("Authorization: *"));
            Assert.That(lines, Has.Some.Contains("x-api-key: *"));
            Assert.That(lines, Has.Some.Contains("Accept: application/json"));
        }
    }

    [Test]
    public async Task A_vendor_that_echoes_the_key_in_its_error_does_not_put_it_into_the_exception()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().WithPath($"/v1/task/{Requests.TaskId}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"status_code":401,"error":"Invalid API key {{TestClients.Secrets[0]}} (Basic {{TestClients.Secrets[2]}})"}"""));
        using var clients = TestClients.For(server.Url);

        var error = await Assert.ThrowsAsync<AuditAuthenticationException>(
            () => clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(TestClients.Leaks(TestClients.Texts(error!)), Is.Empty);
            Assert.That(TestClients.Leaks(clients.Logs.Lines), Is.Empty);
            Assert.That(error!.VendorMessage, Is.EqualTo("Invalid API key [redacted] (Basic [redacted])"));
        }
    }

    [TestCase("sk_live_91bd3f0a7c\n", TestName = "A key read with a trailing newline (a secrets file) is redacted when the vendor echoes it trimmed")]
    [TestCase(" sk_live_91bd3f0a7c ", TestName = "A key read with spaces around it is redacted when the vendor echoes it trimmed")]
    public async Task A_key_read_with_whitespace_around_it_is_redacted_when_the_vendor_echoes_it_trimmed(string key)
    {
        var trimmed = key.Trim();
        await using var server = RawHttpServer.Start((_, stream, ct) => RawHttpServer.WriteAsync(
            stream, 401, "Unauthorized", System.Text.Encoding.UTF8.GetBytes($$"""{"error":"invalid key {{trimmed}}"}"""), ct));
        using var clients = AuditClients.Create(o =>
        {
            o.Scale.ApiKey = key;
            o.Scale.BaseAddress = server.Url;
        });

        var error = await Assert.ThrowsAsync<AuditAuthenticationException>(() => clients.ScaleTasks.GetTaskAsync(Requests.TaskId));

        Assert.That(new[] { error!.Message, error.ToString(), error.VendorMessage, error.ResponseExcerpt }, Has.None.Contains(trimmed));
    }

    [Test]
    public void Options_and_their_description_do_not_show_the_key()
    {
        var options = new AuditClientOptions();
        options.Scale.ApiKey = TestClients.Secrets[0];
        options.CloudFactory.ApiKey = TestClients.Secrets[1];

        Assert.That(TestClients.Leaks([options.Scale.ToString(), options.CloudFactory.ToString(), options.ToString()!]), Is.Empty);
    }
}
