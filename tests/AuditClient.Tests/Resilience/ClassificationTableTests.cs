using System.Net;
using System.Net.Sockets;
using AuditClient.Scale;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// The classification table: every class of answer and every way a connection fails, for a read (a GET) and for a
/// write the vendor does not deduplicate (a PUT), as the caller meets it: the exception's type, its properties, the
/// message a user reads, and how many requests reached the vendor.
/// </summary>
public sealed class ClassificationTableTests
{
    private const int MaxRetryAttempts = 2;

    private const string Problem = "Scale had a problem";

    private const string Redirected = "https://elsewhere.example/v1/moved";

    private const string MayHaveActed = "after the vendor may have acted on it";

    private const long OneMebibyte = 1 << 20;

    // The start of a task whose one string goes on past the smallest MaxResponseBytes allowed.
    private static readonly string TooLarge = $$"""{"task_id":"task_1","params":"{{new string('a', (int)OneMebibyte + 1000)}}"}""";

    public enum Op
    {
        Read,
        Write,
    }

    /// <summary>One answer, always the same, and what the caller gets from it.</summary>
    public sealed record Answered(
        string Name,
        Op Op,
        int Status,
        string? Body,
        Type Exception,
        int Requests,
        bool MayHaveTakenEffect,
        string Message,
        TimeSpan? RetryAfter = null,
        (string Name, string Value)[]? Headers = null,
        long? MaxResponseBytes = null)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<TestCaseData> AnswerCells() => new Answered[]
    {
        // A success that is no value: the write went through at the vendor, the read did nothing.
        new("read answered 200 with JSON null", Op.Read, 200, "null", typeof(AuditApiException), 1, false,
            "Scale answered 200 to GET /v1/task/task_1 with null where JSON was expected."),
        new("write answered 201 with JSON null", Op.Write, 201, "null", typeof(AuditApiException), 1, true,
            "Scale answered 201 to PUT /v1/audits with null where JSON was expected. The vendor reported success, so the request may have taken effect."),
        new("read answered 204", Op.Read, 204, null, typeof(AuditApiException), 1, false,
            "Scale answered 204 to GET /v1/task/task_1 with an empty body where JSON was expected."),
        new("write answered 201 without a body", Op.Write, 201, null, typeof(AuditApiException), 1, true,
            "Scale answered 201 to PUT /v1/audits with an empty body where JSON was expected. The vendor reported success, so the request may have taken effect."),
        new("read answered 200 with a body that is not JSON", Op.Read, 200, "not json", typeof(AuditApiException), 1, false,
            "Scale answered 200 to GET /v1/task/task_1 but the body is not the expected JSON: {json}."),
        new("write answered 201 with a body that is not JSON", Op.Write, 201, "not json", typeof(AuditApiException), 1, true,
            "Scale answered 201 to PUT /v1/audits but the body is not the expected JSON: {json}. The vendor reported success, so the request may have taken effect."),

        new("read answered 200 with only white space", Op.Read, 200, "  \n ", typeof(AuditApiException), 1, false,
            "Scale answered 200 to GET /v1/task/task_1 with an empty body where JSON was expected."),
        new("write answered 201 with only white space", Op.Write, 201, "  \n ", typeof(AuditApiException), 1, true,
            "Scale answered 201 to PUT /v1/audits with an empty body where JSON was expected. The vendor reported success, so the request may have taken effect."),

        new("read answered 200 with a body beyond MaxResponseBytes", Op.Read, 200, TooLarge, typeof(AuditApiException), 1, false,
            "Scale answered 200 to GET /v1/task/task_1 but the body is larger than the 1048576 bytes that Resilience:MaxResponseBytes allows, and the rest of it was not read.",
            MaxResponseBytes: OneMebibyte),
        new("write answered 201 with a body beyond MaxResponseBytes", Op.Write, 201, TooLarge, typeof(AuditApiException), 1, true,
            "Scale answered 201 to PUT /v1/audits but the body is larger than the 1048576 bytes that Resilience:MaxResponseBytes allows, and the rest of it was not read. The vendor reported success, so the request may have taken effect.",
            MaxResponseBytes: OneMebibyte),

        // Redirects are not followed, for reads and writes alike.
        new("read answered 307 with a Location", Op.Read, 307, null, typeof(AuditApiException), 1, false,
            $"Scale answered 307 {(HttpStatusCode)307} to GET /v1/task/task_1. It redirects to {Redirected}: the SDK does not follow redirects, so that the credential never goes to another address. Set BaseAddress to the address the vendor names.",
            Headers: [("Location", Redirected)]),
        new("write answered 301 with a Location and a body", Op.Write, 301, Error(301), typeof(AuditApiException), 1, false,
            $"Scale answered 301 {(HttpStatusCode)301} to PUT /v1/audits: {Problem}. It redirects to {Redirected}: the SDK does not follow redirects, so that the credential never goes to another address. Set BaseAddress to the address the vendor names.",
            Headers: [("Location", Redirected)]),
        new("read answered 300 without a Location", Op.Read, 300, null, typeof(AuditApiException), 1, false,
            $"Scale answered 300 {(HttpStatusCode)300} to GET /v1/task/task_1. It redirects to no address: the SDK does not follow redirects, so that the credential never goes to another address. Set BaseAddress to the address the vendor names."),

        // Refusals the vendor states: never retried, never taken effect.
        new("read answered 400", Op.Read, 400, Error(400), typeof(AuditApiException), 1, false,
            $"Scale answered 400 BadRequest to GET /v1/task/task_1: {Problem}."),
        new("write answered 400", Op.Write, 400, Error(400), typeof(AuditApiException), 1, false,
            $"Scale answered 400 BadRequest to PUT /v1/audits: {Problem}."),
        new("read answered 401", Op.Read, 401, Error(401), typeof(AuditAuthenticationException), 1, false,
            $"Scale answered 401 Unauthorized to GET /v1/task/task_1: {Problem}."),
        new("write answered 401", Op.Write, 401, Error(401), typeof(AuditAuthenticationException), 1, false,
            $"Scale answered 401 Unauthorized to PUT /v1/audits: {Problem}."),
        new("read answered 403", Op.Read, 403, Error(403), typeof(AuditAuthenticationException), 1, false,
            $"Scale answered 403 Forbidden to GET /v1/task/task_1: {Problem}."),
        new("write answered 403", Op.Write, 403, Error(403), typeof(AuditAuthenticationException), 1, false,
            $"Scale answered 403 Forbidden to PUT /v1/audits: {Problem}."),
        new("read answered 404", Op.Read, 404, Error(404), typeof(AuditNotFoundException), 1, false,
            $"Scale answered 404 NotFound to GET /v1/task/task_1: {Problem}."),
        new("write answered 404", Op.Write, 404, Error(404), typeof(AuditNotFoundException), 1, false,
            $"Scale answered 404 NotFound to PUT /v1/audits: {Problem}."),
        new("read answered 409", Op.Read, 409, Error(409), typeof(AuditApiException), 1, false,
            $"Scale answered 409 Conflict to GET /v1/task/task_1: {Problem}."),
        new("write answered 409", Op.Write, 409, Error(409), typeof(AuditApiException), 1, false,
            $"Scale answered 409 Conflict to PUT /v1/audits: {Problem}."),
        new("read answered 422", Op.Read, 422, Error(422), typeof(AuditApiException), 1, false,
            $"Scale answered 422 {(HttpStatusCode)422} to GET /v1/task/task_1: {Problem}."),
        new("write answered 422", Op.Write, 422, Error(422), typeof(AuditApiException), 1, false,
            $"Scale answered 422 {(HttpStatusCode)422} to PUT /v1/audits: {Problem}."),

        // 429 says the vendor did nothing: retried for any request while the wait is within the cap.
        new("read answered 429 within the cap", Op.Read, 429, Error(429), typeof(AuditRateLimitedException), 1 + MaxRetryAttempts, false,
            $"Scale answered 429 TooManyRequests to GET /v1/task/task_1: {Problem}. Retry after 0 s.",
            TimeSpan.Zero, [("Retry-After", "0")]),
        new("write answered 429 within the cap", Op.Write, 429, Error(429), typeof(AuditRateLimitedException), 1 + MaxRetryAttempts, false,
            $"Scale answered 429 TooManyRequests to PUT /v1/audits: {Problem}. Retry after 0 s.",
            TimeSpan.Zero, [("Retry-After", "0")]),
        new("write answered 429 beyond the cap", Op.Write, 429, Error(429), typeof(AuditRateLimitedException), 1, false,
            $"Scale answered 429 TooManyRequests to PUT /v1/audits: {Problem}. Retry after 3600 s.",
            TimeSpan.FromHours(1), [("Retry-After", "3600")]),
        new("read answered 429 without Retry-After", Op.Read, 429, Error(429), typeof(AuditRateLimitedException), 1 + MaxRetryAttempts, false,
            $"Scale answered 429 TooManyRequests to GET /v1/task/task_1: {Problem}."),

        // 503 says the vendor did nothing too; the other 5xx leave it open: only a read is repeated.
        new("read answered 503", Op.Read, 503, Error(503), typeof(AuditApiException), 1 + MaxRetryAttempts, false,
            $"Scale answered 503 ServiceUnavailable to GET /v1/task/task_1: {Problem}."),
        new("write answered 503", Op.Write, 503, Error(503), typeof(AuditApiException), 1 + MaxRetryAttempts, false,
            $"Scale answered 503 ServiceUnavailable to PUT /v1/audits: {Problem}."),
        new("write answered 503 beyond the cap", Op.Write, 503, Error(503), typeof(AuditApiException), 1, false,
            $"Scale answered 503 ServiceUnavailable to PUT /v1/audits: {Problem}.",
            TimeSpan.FromHours(1), [("Retry-After", "3600")]),
        new("read answered 500", Op.Read, 500, Error(500), typeof(AuditApiException), 1 + MaxRetryAttempts, false,
            $"Scale answered 500 InternalServerError to GET /v1/task/task_1: {Problem}."),
        new("write answered 500", Op.Write, 500, Error(500), typeof(AuditApiException), 1, true,
            $"Scale answered 500 InternalServerError to PUT /v1/audits: {Problem}. The request may have taken effect."),
        new("write answered 500 without a body", Op.Write, 500, null, typeof(AuditApiException), 1, true,
            "Scale answered 500 InternalServerError to PUT /v1/audits. The request may have taken effect."),
        new("read answered 502", Op.Read, 502, Error(502), typeof(AuditApiException), 1 + MaxRetryAttempts, false,
            $"Scale answered 502 BadGateway to GET /v1/task/task_1: {Problem}."),
        new("write answered 502", Op.Write, 502, Error(502), typeof(AuditApiException), 1, true,
            $"Scale answered 502 BadGateway to PUT /v1/audits: {Problem}. The request may have taken effect."),
        new("read answered 504", Op.Read, 504, Error(504), typeof(AuditApiException), 1 + MaxRetryAttempts, false,
            $"Scale answered 504 GatewayTimeout to GET /v1/task/task_1: {Problem}."),
        new("write answered 504", Op.Write, 504, Error(504), typeof(AuditApiException), 1, true,
            $"Scale answered 504 GatewayTimeout to PUT /v1/audits: {Problem}. The request may have taken effect."),
        new("read answered 408", Op.Read, 408, Error(408), typeof(AuditApiException), 1 + MaxRetryAttempts, false,
            $"Scale answered 408 RequestTimeout to GET /v1/task/task_1: {Problem}."),
        new("write answered 408", Op.Write, 408, Error(408), typeof(AuditApiException), 1, true,
            $"Scale answered 408 RequestTimeout to PUT /v1/audits: {Problem}. The request may have taken effect."),
        new("write answered 501", Op.Write, 501, Error(501), typeof(AuditApiException), 1, false,
            $"Scale answered 501 NotImplemented to PUT /v1/audits: {Problem}."),
        new("read answered 522", Op.Read, 522, Error(522), typeof(AuditApiException), 1 + MaxRetryAttempts, false,
            $"Scale answered 522 522 to GET /v1/task/task_1: {Problem}."),
        new("write answered 522", Op.Write, 522, Error(522), typeof(AuditApiException), 1, true,
            $"Scale answered 522 522 to PUT /v1/audits: {Problem}. The request may have taken effect."),

        // A status no document names: as today, an error the vendor states, repeated for no request.
        new("read answered 999", Op.Read, 999, Error(999), typeof(AuditApiException), 1, false,
            $"Scale answered 999 999 to GET /v1/task/task_1: {Problem}."),
        new("write answered 999", Op.Write, 999, Error(999), typeof(AuditApiException), 1, false,
            $"Scale answered 999 999 to PUT /v1/audits: {Problem}."),
    }.Select(cell => new TestCaseData(cell).SetName(cell.Name));

    [TestCaseSource(nameof(AnswerCells))]
    public async Task Each_answer_becomes_the_exception_its_message_and_its_properties(Answered cell)
    {
        using var server = FaultServer.Start();
        var response = Response.Create().WithStatusCode(cell.Status).WithHeader("x-request-id", "req-7");
        if (cell.Body is { } body)
        {
            response = response.WithHeader("Content-Type", "application/json").WithBody(body);
        }

        foreach (var (name, value) in cell.Headers ?? [])
        {
            response = response.WithHeader(name, value);
        }

        server.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(response);
        using var clients = TestClients.For(server.Url, r =>
        {
            r.MaxRetryAttempts = MaxRetryAttempts;
            if (cell.MaxResponseBytes is { } max)
            {
                r.MaxResponseBytes = max;
            }
        });

        var error = await Assert.CatchAsync<AuditApiException>(() => Send(cell.Op, clients.Services, CancellationToken.None));

        var errorBody = cell.Status >= 300 && cell.Body is { } b && b.StartsWith('{');
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error, Is.TypeOf(cell.Exception));
            Assert.That(error!.Message, Is.EqualTo(cell.Message.Replace("{json}", error.InnerException?.Message, StringComparison.Ordinal)));
            Assert.That(error.StatusCode, Is.EqualTo((HttpStatusCode)cell.Status));
            Assert.That(error.MayHaveTakenEffect, Is.EqualTo(cell.MayHaveTakenEffect), "may have taken effect");
            Assert.That(error.RetryAfter, Is.EqualTo(cell.RetryAfter));
            Assert.That(error.VendorMessage, Is.EqualTo(errorBody ? Problem : null));
            Assert.That(error.ErrorCode, Is.EqualTo(errorBody ? $"e{cell.Status}" : null));
            Assert.That(error.RequestId, Is.EqualTo("req-7"));
            Assert.That(error.ResponseHeaders["x-request-id"], Is.EqualTo("req-7"));
            // A JSON null is named in the message; any other body is kept from its start.
            Assert.That(error.ResponseExcerpt, Is.EqualTo(cell.Body is null or "null" ? null : cell.Body[..Math.Min(cell.Body.Length, 1024)]));
            Assert.That(error.Vendor, Is.EqualTo(AuditVendor.Scale));
            Assert.That(error.RequestMethod, Is.EqualTo(cell.Op == Op.Read ? "GET" : "PUT"));
            Assert.That(error.RequestPath, Is.EqualTo(cell.Op == Op.Read ? $"/v1/task/{Requests.TaskId}" : "/v1/audits"));
            Assert.That(server.Arrivals, Is.EqualTo(cell.Requests), "requests the vendor got");
            Assert.That(clients.Logs.Lines.Any(l => l.Contains(MayHaveActed, StringComparison.Ordinal)), Is.EqualTo(cell.MayHaveTakenEffect), "the warning that the vendor may have acted");
            Assert.That(TestClients.Leaks(TestClients.Texts(error)), Is.Empty);
        }
    }

    /// <summary>Ways a call ends without a complete answer.</summary>
    public enum Breakdown
    {
        /// <summary>Nothing listens at the vendor's address.</summary>
        ConnectionRefused,

        /// <summary>The vendor's host name does not resolve.</summary>
        NameNotResolved,

        /// <summary>No answer within the attempt timeout.</summary>
        AttemptTimeout,

        /// <summary>The connection is reset once the request arrived, before any answer.</summary>
        ResetBeforeAnswer,

        /// <summary>The connection is reset in the middle of a success body.</summary>
        ResetMidBody,

        /// <summary>The transport throws a cancellation that neither the caller nor a deadline of the SDK asked for.</summary>
        UnaskedCancellation,

        /// <summary>The transport throws an exception that is no transport failure.</summary>
        OtherFailure,
    }

    /// <summary>One way a call breaks, always the same, and what the caller gets from it.</summary>
    public sealed record Broken(string Name, Op Op, Breakdown Breakdown, Type Exception, int Attempts, bool MayHaveTakenEffect, string Message)
    {
        public override string ToString() => Name;
    }

    public static IEnumerable<TestCaseData> BreakdownCells() => new Broken[]
    {
        // A connection that could not be opened carried nothing: repeated for any request, and nothing took effect.
        new("read to a port where nothing listens", Op.Read, Breakdown.ConnectionRefused, typeof(AuditTransportException), 1 + MaxRetryAttempts, false,
            "GET /v1/task/task_1 to Scale failed: {inner}"),
        new("write to a port where nothing listens", Op.Write, Breakdown.ConnectionRefused, typeof(AuditTransportException), 1 + MaxRetryAttempts, false,
            "PUT /v1/audits to Scale failed: {inner}"),
        new("read to a name that does not resolve", Op.Read, Breakdown.NameNotResolved, typeof(AuditTransportException), 1 + MaxRetryAttempts, false,
            "GET /v1/task/task_1 to Scale failed: {inner}"),
        new("write to a name that does not resolve", Op.Write, Breakdown.NameNotResolved, typeof(AuditTransportException), 1 + MaxRetryAttempts, false,
            "PUT /v1/audits to Scale failed: {inner}"),

        // Once the request left, a write may have been acted on: only a read is repeated.
        new("read that times out", Op.Read, Breakdown.AttemptTimeout, typeof(AuditTimeoutException), 1 + MaxRetryAttempts, false,
            "GET /v1/task/task_1 to Scale timed out after 0.5 s."),
        new("write that times out", Op.Write, Breakdown.AttemptTimeout, typeof(AuditTimeoutException), 1, true,
            "PUT /v1/audits to Scale timed out after 0.5 s. The request may have taken effect."),
        new("read reset before its answer", Op.Read, Breakdown.ResetBeforeAnswer, typeof(AuditTransportException), 1 + MaxRetryAttempts, false,
            "GET /v1/task/task_1 to Scale failed: {inner}"),
        new("write reset before its answer", Op.Write, Breakdown.ResetBeforeAnswer, typeof(AuditTransportException), 1, true,
            "PUT /v1/audits to Scale failed: {inner} The request may have taken effect."),
        new("read reset in the middle of its answer", Op.Read, Breakdown.ResetMidBody, typeof(AuditTransportException), 1 + MaxRetryAttempts, false,
            "GET /v1/task/task_1 to Scale failed: {inner}"),
        new("write reset in the middle of its answer", Op.Write, Breakdown.ResetMidBody, typeof(AuditTransportException), 1, true,
            "PUT /v1/audits to Scale failed: {inner} The request may have taken effect."),

        // Failures of no known kind are repeated for no request; a write may have reached the vendor before them.
        new("read canceled by its transport", Op.Read, Breakdown.UnaskedCancellation, typeof(AuditTimeoutException), 1, false,
            "GET /v1/task/task_1 to Scale was canceled although the caller did not ask: it timed out."),
        new("write canceled by its transport", Op.Write, Breakdown.UnaskedCancellation, typeof(AuditTimeoutException), 1, true,
            "PUT /v1/audits to Scale was canceled although the caller did not ask: it timed out. The request may have taken effect."),
        new("read whose transport fails otherwise", Op.Read, Breakdown.OtherFailure, typeof(AuditApiException), 1, false,
            "GET /v1/task/task_1 to Scale failed: {inner}"),
        new("write whose transport fails otherwise", Op.Write, Breakdown.OtherFailure, typeof(AuditApiException), 1, true,
            "PUT /v1/audits to Scale failed: {inner} The request may have taken effect."),
    }.Select(cell => new TestCaseData(cell).SetName(cell.Name));

    [TestCaseSource(nameof(BreakdownCells))]
    public async Task Each_breakdown_becomes_the_exception_its_message_and_its_properties(Broken cell)
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Answers.Task));
        var connects = 0;
        using var closed = ClosedPort();
        var closedPort = ((IPEndPoint)closed.LocalEndPoint!).Port;
        Func<HttpMessageHandler>? transport = cell.Breakdown switch
        {
            Breakdown.ConnectionRefused => () => new SocketsHttpHandler
            {
                ConnectCallback = async (_, token) =>
                {
                    Interlocked.Increment(ref connects);
                    var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                    try
                    {
                        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, closedPort), token);
                        return new NetworkStream(socket, ownsSocket: true);
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                },
            },

            // What the resolver says of a name it does not know, without asking a DNS server this machine may not reach.
            Breakdown.NameNotResolved => () => new SocketsHttpHandler
            {
                ConnectCallback = (_, _) =>
                {
                    Interlocked.Increment(ref connects);
                    throw new SocketException((int)SocketError.HostNotFound);
                },
            },
            Breakdown.AttemptTimeout => () => new Counting(() => Interlocked.Increment(ref connects)),
            Breakdown.UnaskedCancellation => () => new Throwing(() => Interlocked.Increment(ref connects), new TaskCanceledException()),
            Breakdown.OtherFailure => () => new Throwing(
                () => Interlocked.Increment(ref connects), new InvalidOperationException("The transport is not set up for this address.")),
            _ => null,
        };
        switch (cell.Breakdown)
        {
            case Breakdown.AttemptTimeout:
                server.HangNext(int.MaxValue);
                break;
            case Breakdown.ResetBeforeAnswer:
                server.ResetNext(int.MaxValue);
                break;
            case Breakdown.ResetMidBody:
                server.CutBodyNext(int.MaxValue);
                break;
        }

        using var clients = TestClients.For(
            server.Url,
            r =>
            {
                r.MaxRetryAttempts = MaxRetryAttempts;
                if (cell.Breakdown == Breakdown.AttemptTimeout)
                {
                    r.AttemptTimeout = TimeSpan.FromMilliseconds(500);
                }
            },
            transport);

        var error = await Assert.CatchAsync<AuditApiException>(() => Send(cell.Op, clients.Services, CancellationToken.None));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error, Is.TypeOf(cell.Exception));
            Assert.That(error!.Message, Is.EqualTo(cell.Message.Replace("{inner}", error.InnerException?.Message, StringComparison.Ordinal)));
            Assert.That(error.StatusCode, Is.Null);
            Assert.That(error.MayHaveTakenEffect, Is.EqualTo(cell.MayHaveTakenEffect), "may have taken effect");
            Assert.That(error.RetryAfter, Is.Null);
            Assert.That(error.VendorMessage, Is.Null);
            Assert.That(error.ErrorCode, Is.Null);
            Assert.That(error.ResponseHeaders, Is.Empty);
            Assert.That(error.RequestMethod, Is.EqualTo(cell.Op == Op.Read ? "GET" : "PUT"));
            Assert.That(transport is null ? server.Arrivals : connects, Is.EqualTo(cell.Attempts), "attempts");
            Assert.That(clients.Logs.Lines.Any(l => l.Contains(MayHaveActed, StringComparison.Ordinal)), Is.EqualTo(cell.MayHaveTakenEffect), "the warning that the vendor may have acted");
            if (cell.Breakdown is Breakdown.ConnectionRefused or Breakdown.NameNotResolved)
            {
                Assert.That(error.InnerException, Is.TypeOf<HttpRequestException>().With.Property(nameof(HttpRequestException.HttpRequestError)).EqualTo(
                    cell.Breakdown == Breakdown.ConnectionRefused ? HttpRequestError.ConnectionError : HttpRequestError.NameResolutionError));
            }
        }
    }

    [TestCase("""{"error":"Task is not ready."}""", "Task is not ready.", "Task is not ready.")]
    [TestCase("""{"error":"Is the task ready?"}""", "Is the task ready?", "Is the task ready?")]
    [TestCase("""{"error":"Not ready!"}""", "Not ready!", "Not ready!")]
    [TestCase("""{"error":"Not ready"}""", "Not ready", "Not ready.")]
    [TestCase("<html><head><title>Upstream failed</title></head></html>", "Upstream failed", "Upstream failed.")]
    public async Task The_vendors_words_end_their_sentence_before_what_the_SDK_adds(string body, string vendorMessage, string sentence)
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(500).WithBody(body));
        using var clients = TestClients.For(server.Url);

        var error = await Assert.CatchAsync<AuditApiException>(() => Send(Op.Write, clients.Services, CancellationToken.None));

        Assert.That(error!.VendorMessage, Is.EqualTo(vendorMessage));
        Assert.That(error.Message, Is.EqualTo($"Scale answered 500 InternalServerError to PUT /v1/audits: {sentence} The request may have taken effect."));
    }

    [Test]
    public async Task An_error_whose_vendor_message_is_empty_says_only_what_was_answered()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(400).WithBody("""{"error":""}"""));
        using var clients = TestClients.For(server.Url);

        var error = await Assert.CatchAsync<AuditApiException>(() => Send(Op.Write, clients.Services, CancellationToken.None));

        Assert.That(error!.VendorMessage, Is.Empty);
        Assert.That(error.Message, Is.EqualTo("Scale answered 400 BadRequest to PUT /v1/audits."));
    }

    [TestCase(Op.Read)]
    [TestCase(Op.Write)]
    public async Task A_call_the_caller_cancels_is_a_cancellation_of_the_callers_token_and_is_not_repeated(Op op)
    {
        using var server = FaultServer.Start();
        server.HangNext(int.MaxValue);
        using var clients = TestClients.For(server.Url, r => r.MaxRetryAttempts = MaxRetryAttempts);
        using var caller = new CancellationTokenSource();

        var call = Send(op, clients.Services, caller.Token);
        await server.ArrivedAsync();

        await caller.CancelAsync();
        var canceled = await Assert.CatchAsync<OperationCanceledException>(() => call);

        using (Assert.EnterMultipleScope())
        {
            // The cancellation HttpClient threw, as it threw it: code that catches TaskCanceledException still does.
            Assert.That(canceled, Is.TypeOf<TaskCanceledException>());
            Assert.That(canceled!.CancellationToken, Is.EqualTo(caller.Token));
            Assert.That(server.Arrivals, Is.EqualTo(1));
            Assert.That(clients.Logs.Lines.Any(l => l.Contains(MayHaveActed, StringComparison.Ordinal)), Is.False);
        }
    }

    [Test]
    public async Task A_write_whose_transport_fails_as_the_caller_cancels_is_a_cancellation_that_names_the_call_and_keeps_the_failure()
    {
        using var server = FaultServer.Start();
        using var caller = new CancellationTokenSource();
        var broken = new IOException("The transport broke as the caller gave up.");
        using var clients = TestClients.For(server.Url, r => r.MaxRetryAttempts = MaxRetryAttempts, () => new Failing(caller, broken));

        var canceled = await Assert.CatchAsync<OperationCanceledException>(() => Send(Op.Write, clients.Services, caller.Token));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(canceled, Is.TypeOf<OperationCanceledException>());
            Assert.That(canceled!.Message, Is.EqualTo("PUT /v1/audits to Scale was canceled."));
            Assert.That(canceled.InnerException, Is.SameAs(broken));
            Assert.That(canceled.CancellationToken, Is.EqualTo(caller.Token));
        }
    }

    private static string Error(int status) => $$"""{"status_code":{{status}},"error":"{{Problem}}","code":"e{{status}}"}""";

    private static Task Send(Op op, IServiceProvider services, CancellationToken cancellationToken) => op == Op.Read
        ? services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId, cancellationToken)
        : services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit(), cancellationToken);

    // Bound and never listening, for as long as the test holds it: a connection to it is refused, and no other
    // server (of this run or another) can take the port in between.
    private static Socket ClosedPort()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }

    /// <summary>A transport that fails every request with <paramref name="failure"/>, after telling <paramref name="sending"/>.</summary>
    /// <summary>A socket transport that counts the requests it sends, whether or not they reach the server in time.</summary>
    private sealed class Counting(Action sending) : DelegatingHandler(new SocketsHttpHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sending();
            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class Throwing(Action sending, Exception failure) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sending();
            throw failure;
        }
    }

    /// <summary>A transport that sees the caller cancel while it sends, and then fails with an exception of its own.</summary>
    private sealed class Failing(CancellationTokenSource caller, Exception failure) : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await caller.CancelAsync();
            throw failure;
        }
    }
}
