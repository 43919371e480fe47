using AuditClient.Scale;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// The SDK's own log category, <c>AuditClient</c>, captured from a host built as an app builds one: retries and
/// limiter waits at Debug, a write that may have taken effect at Warning, nothing per successful call above Debug.
/// </summary>
public sealed class AuditLogTests
{
    [Test]
    public async Task A_retry_is_logged_at_Debug_with_the_status_and_the_delay()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().WithPath("/v1/task/task_1").UsingGet()).InScenario("s").WillSetStateTo("2")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "0"));
        server.Server.Given(Request.Create().WithPath("/v1/task/task_1").UsingGet()).InScenario("s").WhenStateIs("2")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Answers.Task));
        var logs = new CapturedLogs();
        using var host = await StartHostAsync(server.Url, logs);

        await host.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId);

        var lines = Sdk(logs);
        Assert.That(lines, Has.Exactly(1).Matches<string>(l => l!.StartsWith("Debug AuditClient: scale.tasks.get attempt 1 ended with 503; retrying in 00:00:00", StringComparison.Ordinal)));
        Assert.That(lines, Has.All.StartsWith("Debug "), "nothing above Debug for a call that succeeded");
    }

    [Test]
    public async Task A_successful_call_logs_nothing_of_the_SDKs_own_above_Debug()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(201).WithBody(Answers.Audit));
        var logs = new CapturedLogs();
        using var host = await StartHostAsync(server.Url, logs);

        await host.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit());

        Assert.That(Sdk(logs).Where(l => !l.StartsWith("Debug ", StringComparison.Ordinal) && !l.StartsWith("Trace ", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task A_write_that_may_have_taken_effect_is_logged_at_Warning_without_secrets()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(500).WithBody(Answers.ScaleError(500)));
        var logs = new CapturedLogs();
        using var host = await StartHostAsync(server.Url, logs);

        await Assert.ThrowsAsync<AuditApiException>(() => host.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        var lines = Sdk(logs);
        Assert.That(lines, Has.Exactly(1).StartsWith(
            "Warning AuditClient: scale.audits.create PUT /v1/audits failed (500) after the vendor may have acted on it; check before sending it again"));
        Assert.That(TestClients.Leaks(logs.Lines), Is.Empty);
    }

    [Test]
    public async Task A_read_that_fails_logs_no_warning()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(404).WithBody(Answers.ScaleError(404)));
        var logs = new CapturedLogs();
        using var host = await StartHostAsync(server.Url, logs);

        await Assert.ThrowsAsync<AuditNotFoundException>(() => host.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId));

        Assert.That(Sdk(logs).Where(l => l.StartsWith("Warning ", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public async Task A_wait_for_the_client_side_rate_limiter_is_logged_at_Debug()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody(Answers.Task));
        var logs = new CapturedLogs();
        using var host = await StartHostAsync(server.Url, logs, r => r.RequestsPerSecond = 1);
        var tasks = host.Services.GetRequiredService<IScaleTasksApi>();

        await Task.WhenAll(tasks.GetTaskAsync(Requests.TaskId), tasks.GetTaskAsync(Requests.TaskId));

        Assert.That(Sdk(logs), Has.Exactly(1).Matches<string>(l => l!.StartsWith("Debug AuditClient: scale request waited ", StringComparison.Ordinal)
            && l.Contains("for the client-side rate limiter", StringComparison.Ordinal)));
    }

    private static List<string> Sdk(CapturedLogs logs) => [.. logs.Lines.Where(l => l.Contains(" AuditClient: ", StringComparison.Ordinal))];

    private static async Task<IHost> StartHostAsync(Uri server, CapturedLogs logs, Action<VendorResilienceOptions>? tune = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
        builder.Services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = AuditClient.Tests.Support.Loopback.ScaleKey;
            o.Scale.BaseAddress = server;
            AuditClient.Tests.Support.FastRetries.Apply(o.Scale.Resilience);
            tune?.Invoke(o.Scale.Resilience);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
