using System.Net;
using System.Net.Sockets;
using AuditClient.Core.Http;
using AuditClient.Scale;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Resilience;

/// <summary>The switches and limits of the pipeline, and how each ending reaches the caller.</summary>
public sealed class ResilienceSettingsTests
{
    [Test]
    public async Task With_retries_switched_off_a_503_is_not_repeated()
    {
        using var server = ServerAnswering(503);
        using var clients = TestClients.For(server.Url, r => r.RetryEnabled = false);

        var error = await Assert.ThrowsAsync<AuditApiException>(() => Tasks(clients).GetTaskAsync(Requests.TaskId));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(server.Arrivals, Is.EqualTo(1));
    }

    [TestCase(1)]
    [TestCase(5)]
    public async Task A_repeat_safe_call_is_tried_once_plus_the_configured_retries(int retries)
    {
        using var server = ServerAnswering(500);
        using var clients = TestClients.For(server.Url, r => r.MaxRetryAttempts = retries);

        await Assert.ThrowsAsync<AuditApiException>(() => Tasks(clients).GetTaskAsync(Requests.TaskId));

        Assert.That(server.Arrivals, Is.EqualTo(1 + retries));
    }

    [Test]
    public async Task With_the_limiter_switched_off_calls_beyond_the_rate_are_neither_held_nor_refused()
    {
        using var server = ServerAnswering(200, Answers.Task);

        // Switched on, these settings refuse the second call of the same second at once (no queue).
        using var clients = TestClients.For(server.Url, r =>
        {
            r.RateLimiterEnabled = false;
            r.RequestsPerSecond = 1;
            r.RateLimiterQueueLimit = 0;
        });
        for (var i = 0; i < 5; i++)
        {
            await Tasks(clients).GetTaskAsync(Requests.TaskId);
        }

        Assert.That(server.Arrivals, Is.EqualTo(5));
    }

    [Test]
    public async Task A_full_limiter_queue_refuses_at_once_any_call_to_the_same_vendor_and_the_caller_can_cancel_the_waiting_one()
    {
        using var server = ServerAnswering(200, Answers.AuditList);
        server.HangNext(1);
        using var clients = TestClients.For(server.Url, r =>
        {
            r.MaxConcurrentRequests = 1;
            r.RateLimiterQueueLimit = 0;
        });
        using var cancel = new CancellationTokenSource();

        var hanging = Tasks(clients).GetTaskAsync(Requests.TaskId, cancel.Token);
        await ArrivalsAsync(server, 1);
        var refused = await Assert.ThrowsAsync<AuditRateLimitedException>(
            () => clients.Services.GetRequiredService<IScaleAuditsApi>().ListAuditsAsync(taskId: Requests.TaskId));
        await cancel.CancelAsync();

        await Assert.CatchAsync<OperationCanceledException>(() => hanging);
        Assert.That(refused!.StatusCode, Is.Null);
        Assert.That(refused.RequestPath, Is.EqualTo("/v1/audits/"));
        Assert.That(server.Arrivals, Is.EqualTo(1));
    }

    [Test]
    public async Task Cancelling_while_waiting_for_Retry_After_ends_in_OperationCanceledException()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "30"));
        using var clients = TestClients.For(server.Url);
        using var cancel = new CancellationTokenSource();

        var waiting = Tasks(clients).GetTaskAsync(Requests.TaskId, cancel.Token);
        await ArrivalsAsync(server, 1);
        await cancel.CancelAsync();

        await Assert.CatchAsync<OperationCanceledException>(() => waiting);
        Assert.That(server.Arrivals, Is.EqualTo(1));
    }

    [Test]
    public async Task A_call_already_cancelled_sends_nothing()
    {
        using var server = ServerAnswering(200, Answers.Task);
        using var clients = TestClients.For(server.Url);

        await Assert.CatchAsync<OperationCanceledException>(() => Tasks(clients).GetTaskAsync(Requests.TaskId, new CancellationToken(canceled: true)));

        Assert.That(server.Arrivals, Is.Zero);
    }

    [Test]
    public async Task The_total_timeout_bounds_a_call_whatever_its_attempts_do()
    {
        using var server = ServerAnswering(200, Answers.Task);
        server.HangNext(10);
        using var clients = TestClients.For(server.Url, r => r.TotalTimeout = TimeSpan.FromSeconds(2));

        var error = await Assert.ThrowsAsync<AuditTimeoutException>(() => Tasks(clients).GetTaskAsync(Requests.TaskId));

        Assert.That(error!.Message, Does.Contain("timed out after 2 s"));
        Assert.That(server.Arrivals, Is.EqualTo(1));
    }

    [Test]
    public async Task A_body_that_stalls_is_an_attempt_timeout_and_a_GET_is_retried()
    {
        // A first call warms both ends, so that the retry's answer is not a cold start racing the attempt timeout.
        using var server = ServerAnswering(200, Answers.Task);
        using var clients = TestClients.For(server.Url, r => r.AttemptTimeout = TimeSpan.FromSeconds(3));
        await Tasks(clients).GetTaskAsync(Requests.TaskId);
        var warm = server.Arrivals;
        server.StallBodyNext(1);

        var task = await Tasks(clients).GetTaskAsync(Requests.TaskId);

        Assert.That(task.TaskId, Is.EqualTo(Requests.TaskId));
        Assert.That(server.Arrivals - warm, Is.EqualTo(2));
    }

    [Test]
    public async Task A_chunked_body_that_stalls_is_an_attempt_timeout_and_a_GET_is_retried()
    {
        // The read of a body of unknown length is cancelled differently on net8.0 (PooledContent.LoadAsync). A read the
        // attempt timeout cannot cancel would last until the server gives up (30 s), past the total timeout. A first
        // call warms both ends, so that the retry's answer is not a cold start racing the attempt timeout.
        using var server = ServerAnswering(200, Answers.Task);
        using var clients = TestClients.For(server.Url, r =>
        {
            r.AttemptTimeout = TimeSpan.FromSeconds(3);
            r.TotalTimeout = TimeSpan.FromSeconds(20);
        });
        await Tasks(clients).GetTaskAsync(Requests.TaskId);
        var warm = server.Arrivals;
        server.StallChunkedBodyNext(1);

        var task = await Tasks(clients).GetTaskAsync(Requests.TaskId);

        Assert.That(task.TaskId, Is.EqualTo(Requests.TaskId));
        Assert.That(server.Arrivals - warm, Is.EqualTo(2));
    }

    [Test]
    public async Task The_total_timeout_cuts_a_wait_between_attempts_short()
    {
        // A 503 asking for 30 s: the retry waits, and the total timeout of 1 s ends the call during that wait.
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "30"));
        using var clients = TestClients.For(server.Url, r =>
        {
            r.TotalTimeout = TimeSpan.FromSeconds(1);
            r.MaxRetryAfter = TimeSpan.FromMinutes(1);
        });

        var error = await Assert.ThrowsAsync<AuditTimeoutException>(() => Tasks(clients).GetTaskAsync(Requests.TaskId));

        Assert.That(error!.Message, Does.Contain("timed out after 1 s"));
        Assert.That(server.Arrivals, Is.EqualTo(1));
    }

    [Test]
    public async Task Attempt_deadlines_reused_from_the_pool_neither_fire_late_nor_stop_firing()
    {
        // On the system clock each attempt's deadline is a pooled token source re-armed for the attempt. 200 calls
        // that finish in time return theirs to the pool; a stall after them must still time out, and the calls after
        // the stall (their sources reused from the pool) must not inherit that cancellation.
        using var server = ServerAnswering(200, Answers.Task);
        using var clients = TestClients.For(server.Url, r =>
        {
            r.AttemptTimeout = TimeSpan.FromMilliseconds(500);
            r.TotalTimeout = TimeSpan.FromSeconds(60);
            r.RetryEnabled = false;
        });
        var tasks = Tasks(clients);
        for (var i = 0; i < 200; i++)
        {
            await tasks.GetTaskAsync(Requests.TaskId);
        }

        server.StallBodyNext(1);
        var timeout = await Assert.ThrowsAsync<AuditTimeoutException>(() => tasks.GetTaskAsync(Requests.TaskId));

        // The attempt's deadline, not the total one.
        Assert.That(timeout!.Message, Does.Contain("timed out after 0.5 s"));
        for (var i = 0; i < 50; i++)
        {
            Assert.That((await tasks.GetTaskAsync(Requests.TaskId)).TaskId, Is.EqualTo(Requests.TaskId));
        }

        Assert.That(server.Arrivals, Is.EqualTo(251));
    }

    [Test]
    public async Task A_body_that_stalls_after_a_PUT_is_a_timeout_and_not_repeated()
    {
        using var server = ServerAnswering(201, Answers.Audit);
        server.StallBodyNext(1);
        using var clients = TestClients.For(server.Url, r => r.AttemptTimeout = TimeSpan.FromMilliseconds(500));

        await Assert.ThrowsAsync<AuditTimeoutException>(
            () => clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(server.Arrivals, Is.EqualTo(1));
    }

    [Test]
    public async Task A_refused_connection_is_a_transport_failure_of_the_kind_retried_for_every_request()
    {
        using var clients = TestClients.For(new Uri($"http://127.0.0.1:{ClosedPort()}"));

        var error = await Assert.ThrowsAsync<AuditTransportException>(
            () => clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        // The retry rule repeats exactly this kind for a PUT too (RetryRulesTests): nothing was sent.
        Assert.That(error!.InnerException, Is.TypeOf<HttpRequestException>()
            .With.Property(nameof(HttpRequestException.HttpRequestError)).EqualTo(HttpRequestError.ConnectionError));
        Assert.That(error.RequestMethod, Is.EqualTo("PUT"));
        Assert.That(error.RequestPath, Is.EqualTo("/v1/audits"));
        Assert.That(error.StatusCode, Is.Null);
    }

    private static IScaleTasksApi Tasks(TestClients clients) => clients.Services.GetRequiredService<IScaleTasksApi>();

    private static FaultServer ServerAnswering(int status, string body = "{}")
    {
        var server = FaultServer.Start();
        server.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
        return server;
    }

    private static async Task ArrivalsAsync(FaultServer server, int count)
    {
        for (var i = 0; i < 1200 && server.Arrivals < count; i++)
        {
            await Task.Delay(25);
        }

        Assert.That(server.Arrivals, Is.EqualTo(count));
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
