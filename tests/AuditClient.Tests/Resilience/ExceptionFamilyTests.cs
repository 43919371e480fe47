using System.Net;
using System.Net.Sockets;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// The two branches of the family and what a service failure tells over real sockets: the error code, the allow-listed
/// response headers, and whether the request may have taken effect.
/// </summary>
public sealed class ExceptionFamilyTests
{
    [Test]
    public async Task Input_refused_before_sending_is_in_the_family_but_not_an_API_failure()
    {
        using var server = FaultServer.Start();
        using var clients = TestClients.For(server.Url);

        var error = await Assert.ThrowsAsync<AuditValidationException>(
            () => clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(" "));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error, Is.InstanceOf<AuditClientException>().And.Not.InstanceOf<AuditApiException>());
            Assert.That(server.Arrivals, Is.Zero);
        }
    }

    [TestCase("""{"status_code":400,"error":"bad task","code":"invalid_task"}""", "invalid_task")]
    [TestCase("""{"error":"bad task","error_code":4012}""", "4012")]
    [TestCase("""{"error":"bad task"}""", null)]
    [TestCase("<html><title>400</title></html>", null)]
    public async Task The_error_code_of_the_body_is_kept_as_ErrorCode(string body, string? code)
    {
        using var server = Answering(400, body);
        using var clients = TestClients.For(server.Url);

        var error = await Assert.ThrowsAsync<AuditApiException>(
            () => clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(error.ErrorCode, Is.EqualTo(code));
    }

    [Test]
    public async Task Only_allow_listed_response_headers_are_kept_and_their_values_are_redacted()
    {
        using var server = Answering(
            429,
            Answers.ScaleError(429),
            ("Retry-After", "3600"),
            ("x-request-id", "req-1"),
            ("x-ratelimit-remaining", "0"),
            ("x-ratelimit-reset", "1700000000"),
            ("Via", "1.1 proxy " + Loopback.ScaleKey),
            ("Set-Cookie", "session=abc"),
            ("WWW-Authenticate", "Basic realm=scale"),
            ("x-api-key", Loopback.ScaleKey),
            ("x-internal-debug", "shard 7"));
        using var clients = TestClients.For(server.Url);

        var error = await Assert.ThrowsAsync<AuditRateLimitedException>(
            () => clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId));

        using (Assert.EnterMultipleScope())
        {
            var names = error.ResponseHeaders.Keys.Select(k => k.ToLowerInvariant()).ToList();
            Assert.That(names, Is.SupersetOf(new[] { "retry-after", "x-request-id", "x-ratelimit-remaining", "x-ratelimit-reset", "via", "date", "content-type" }));
            Assert.That(names, Is.SubsetOf(new[]
            {
                "retry-after", "x-request-id", "x-ratelimit-remaining", "x-ratelimit-reset", "via", "date", "content-type", "content-length", "server",
            }), "nothing outside the allow-list: no cookie, no authentication challenge, no key, no unknown header");
            Assert.That(error.ResponseHeaders["X-RateLimit-Remaining"], Is.EqualTo("0"), "names compare case-insensitively");
            Assert.That(error.ResponseHeaders["retry-after"], Is.EqualTo("3600"));
            Assert.That(error.ResponseHeaders["via"], Is.EqualTo("1.1 proxy [redacted]"));
            Assert.That(TestClients.Leaks(error.ResponseHeaders.Values), Is.Empty);
        }
    }

    [Test]
    public async Task An_exception_without_an_answer_has_no_headers()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(201).WithBody(Answers.Audit));
        server.ResetNext(1);
        using var clients = TestClients.For(server.Url);

        var error = await Assert.ThrowsAsync<AuditTransportException>(
            () => clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(error.ResponseHeaders, Is.Empty);
    }

    /// <summary>How one cell of <see cref="Cells"/> ends: the request, what the server does, and the verdict.</summary>
    public sealed record Doubt(string Name, bool Write, int Status, bool Reset, bool Hang, bool MayHaveTakenEffect)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<Doubt> Cells() =>
    [
        new("write answered 500", Write: true, 500, false, false, MayHaveTakenEffect: true),
        new("write answered 502", Write: true, 502, false, false, MayHaveTakenEffect: true),
        new("write answered 504", Write: true, 504, false, false, MayHaveTakenEffect: true),
        new("write answered 408", Write: true, 408, false, false, MayHaveTakenEffect: true),
        new("write answered 400", Write: true, 400, false, false, MayHaveTakenEffect: false),
        new("write answered 409", Write: true, 409, false, false, MayHaveTakenEffect: false),
        new("write answered 429 beyond the cap", Write: true, 429, false, false, MayHaveTakenEffect: false),
        new("write answered 503 beyond the cap", Write: true, 503, false, false, MayHaveTakenEffect: false),
        new("write answered 201 with a body that is not JSON", Write: true, 201, false, false, MayHaveTakenEffect: true),
        new("write reset after it was sent", Write: true, 201, Reset: true, false, MayHaveTakenEffect: true),
        new("write timed out", Write: true, 201, false, Hang: true, MayHaveTakenEffect: true),
        new("read answered 500 every time", Write: false, 500, false, false, MayHaveTakenEffect: false),
        new("read answered 200 with a body that is not JSON", Write: false, 200, false, false, MayHaveTakenEffect: false),
    ];

    [TestCaseSource(nameof(Cells))]
    public async Task Whether_a_failed_call_may_have_taken_effect(Doubt cell)
    {
        using var server = FaultServer.Start();
        var body = cell.Status is 200 or 201 ? "<html>not json</html>" : Answers.ScaleError(cell.Status);
        var response = Response.Create().WithStatusCode(cell.Status).WithBody(body);
        if (cell.Status is 429 or 503)
        {
            response = response.WithHeader("Retry-After", "3600");
        }

        server.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(response);
        if (cell.Reset)
        {
            server.ResetNext(1);
        }

        if (cell.Hang)
        {
            server.HangNext(1);
        }

        using var clients = TestClients.For(server.Url, r =>
        {
            r.AttemptTimeout = TimeSpan.FromMilliseconds(500);
            r.MaxRetryAttempts = 1;
        });

        var error = await Assert.CatchAsync<AuditApiException>(() => cell.Write
            ? clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit())
            : clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId));

        Assert.That(error!.MayHaveTakenEffect, Is.EqualTo(cell.MayHaveTakenEffect), error.Message);
        Assert.That(error.Message.Contains("may have taken effect", StringComparison.Ordinal), Is.EqualTo(cell.MayHaveTakenEffect), error.Message);
    }

    [Test]
    public async Task A_write_to_a_port_where_nothing_listens_did_not_take_effect()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var clients = TestClients.For(new Uri($"http://127.0.0.1:{port}"), r => r.MaxRetryAttempts = 1);

        var error = await Assert.ThrowsAsync<AuditTransportException>(
            () => clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(error.MayHaveTakenEffect, Is.False);
    }

    [Test]
    public async Task A_write_refused_by_the_client_side_rate_limiter_did_not_take_effect()
    {
        using var server = FaultServer.Start();
        server.HangNext(1);
        using var clients = TestClients.For(server.Url, r =>
        {
            r.MaxConcurrentRequests = 1;
            r.RateLimiterQueueLimit = 0;
        });
        var audits = clients.Services.GetRequiredService<IScaleAuditsApi>();
        using var firstCaller = new CancellationTokenSource();

        // The first call holds the only permit from before it arrives until its caller gives up.
        var first = audits.CreateAuditAsync(Requests.ValidAudit(), firstCaller.Token);
        await server.ArrivedAsync();

        var error = await Assert.ThrowsAsync<AuditRateLimitedException>(() => audits.CreateAuditAsync(Requests.ValidAudit()));
        await firstCaller.CancelAsync();
        await Assert.CatchAsync<OperationCanceledException>(() => first);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Is.EqualTo("The client-side rate limiter refused PUT /v1/audits to Scale: its queue is full. Nothing was sent."));
            Assert.That(error.StatusCode, Is.Null);
            Assert.That(error.MayHaveTakenEffect, Is.False);
            Assert.That(server.Arrivals, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task A_deduplicated_review_retried_through_500s_may_have_taken_effect_once()
    {
        using var server = Answering(500, Answers.CloudFactoryError());
        using var clients = TestClients.For(server.Url, r => r.MaxRetryAttempts = 2);

        var error = await Assert.ThrowsAsync<AuditApiException>(
            () => clients.Services.GetRequiredService<ICloudFactoryQualityApi>().SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: true)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Arrivals, Is.EqualTo(3), "retried, as CloudFactory deduplicates it");
            Assert.That(error.MayHaveTakenEffect, Is.True);
            Assert.That(error.ReconcileToken, Is.EqualTo("review-1"));
            Assert.That(error.Message, Is.EqualTo(
                $"CloudFactory answered 500 InternalServerError to POST /v1/workstreams/{Requests.WorkstreamId}/task_reviewed: {Answers.CloudFactoryErrorMessage}. "
                + "The request may have taken effect: token review-1. CloudFactory deduplicates it by this unique_id: sending it again with the same one stores it once."));
        }
    }

    [TestCase("The write broke. The request may have taken effect.", null, "The write broke. The request may have taken effect: token t-1.")]
    [TestCase("The write broke.", null, "The write broke. The request may have taken effect: token t-1.")]
    [TestCase("The write broke.", "Look it up first.", "The write broke. The request may have taken effect: token t-1. Look it up first.")]
    public void A_token_to_reconcile_by_is_said_where_the_message_says_the_request_may_have_taken_effect(string message, string? note, string expected)
    {
        var error = new AuditApiException(message) { ReconcileToken = "t-1", ReconcileNote = note };

        Assert.That(error.Message, Is.EqualTo(expected));
    }

    private static FaultServer Answering(int status, string body, params (string Name, string Value)[] headers)
    {
        var server = FaultServer.Start();
        var response = Response.Create().WithStatusCode(status).WithBody(body)
            .WithHeader("Content-Type", body.StartsWith('<') ? "text/html" : "application/json");
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        server.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(response);
        return server;
    }
}
