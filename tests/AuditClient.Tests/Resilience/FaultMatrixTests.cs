using System.Globalization;
using System.Net;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Resilience;

/// <summary>The faults the matrix injects, each into every endpoint.</summary>
public enum Fault
{
    /// <summary>429 with <c>Retry-After: 1</c>, once.</summary>
    TooManyRequestsRetryAfterSeconds,

    /// <summary>429 with <c>Retry-After</c> as an HTTP-date about a second ahead, once.</summary>
    TooManyRequestsRetryAfterDate,

    /// <summary>429 with a <c>Retry-After</c> of an hour, beyond the 60 s cap.</summary>
    TooManyRequestsBeyondCap,

    /// <summary>500, twice.</summary>
    InternalServerError500,

    /// <summary>502 with a JSON body, twice.</summary>
    BadGateway502,

    /// <summary>503, twice.</summary>
    ServiceUnavailable503,

    /// <summary>504, twice.</summary>
    GatewayTimeout504,

    /// <summary>A CDN's HTML page for 520 (the origin answered something the CDN could not use), twice.</summary>
    CdnUnknownError520,

    /// <summary>A CDN's HTML page for 530, the top of the CDN's in-doubt range, twice.</summary>
    CdnOriginError530,

    /// <summary>A TCP reset after the request arrived, twice.</summary>
    ConnectionReset,

    /// <summary>No answer within the attempt timeout, twice.</summary>
    AttemptTimeout,

    /// <summary>200 with an empty body, always.</summary>
    Empty200Body,

    /// <summary>200 with a body that is not JSON, always.</summary>
    MalformedJson,

    /// <summary>A proxy's HTML 502 page, always.</summary>
    HtmlBadGatewayPage,
}

/// <summary>
/// Every fault against every endpoint: each cell ends in success or in exactly one exception of the SDK's family,
/// the server saw retries only where a repeat is safe, and no secret reached an exception or a log line.
/// </summary>
public sealed class FaultMatrixTests
{
    // Faults that clear up are injected this often before the vendor answers; with 3 retries a repeat-safe call wins.
    private const int TransientFailures = 2;

    private const int MaxRetryAttempts = 3;

    private static readonly TimeSpan ShortAttemptTimeout = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan BeyondCap = TimeSpan.FromHours(1);

    public static IEnumerable<TestCaseData> Cells() =>
        from fault in Enum.GetValues<Fault>()
        from endpoint in Endpoint.All
        let cell = new TestCaseData(fault, endpoint).SetName($"{fault} x {endpoint.Name}")
        select endpoint.IgnoreReason is { } reason ? cell.Ignore(reason) : cell;

    [TestCaseSource(nameof(Cells))]
    public async Task Each_fault_ends_in_success_or_one_typed_exception_after_only_safe_retries(Fault fault, Endpoint endpoint)
    {
        using var server = FaultServer.Start();
        Inject(fault, server, endpoint);
        using var clients = TestClients.For(server.Url, r =>
        {
            r.MaxRetryAttempts = MaxRetryAttempts;
            if (fault == Fault.AttemptTimeout)
            {
                r.AttemptTimeout = ShortAttemptTimeout;
            }
        });

        Exception? thrown = null;
        try
        {
            await endpoint.Call(clients.Services, CancellationToken.None);
        }
        catch (Exception e)
        {
            thrown = e;
        }

        var expected = Expected(fault, endpoint);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(server.Arrivals, Is.EqualTo(expected.Requests), "requests the server got");
            if (expected.Exception is null)
            {
                Assert.That(thrown, Is.Null, "the call should succeed");
            }
            else
            {
                Assert.That(thrown, Is.TypeOf(expected.Exception));
                if (thrown is AuditApiException error)
                {
                    Assert.That(error.Vendor, Is.EqualTo(endpoint.Vendor));
                    Assert.That(error.RequestMethod, Is.EqualTo(endpoint.Method));
                    Assert.That(error.RequestPath, Is.EqualTo(endpoint.Path));
                    Assert.That(error.StatusCode, Is.EqualTo(expected.Status));
                    Assert.That(error.VendorMessage, Is.EqualTo(expected.VendorMessage));
                    Assert.That(error.RetryAfter, Is.EqualTo(expected.RetryAfter));
                }
            }

            var texts = clients.Logs.Lines.Concat(thrown is null ? [] : TestClients.Texts(thrown));
            Assert.That(TestClients.Leaks(texts), Is.Empty, "secrets in exceptions or logs");
            Assert.That(clients.Logs.Lines, Is.Not.Empty, "log lines were captured");
        }
    }

    private static Outcome Expected(Fault fault, Endpoint endpoint)
    {
        var retried = endpoint.RepeatSafe;
        return fault switch
        {
            Fault.TooManyRequestsRetryAfterSeconds or Fault.TooManyRequestsRetryAfterDate => Outcome.Success(2),
            Fault.TooManyRequestsBeyondCap => new(1, typeof(AuditRateLimitedException), HttpStatusCode.TooManyRequests,
                endpoint.ErrorMessage, BeyondCap),
            Fault.ServiceUnavailable503 => Outcome.Success(TransientFailures + 1),
            Fault.InternalServerError500 or Fault.BadGateway502 or Fault.GatewayTimeout504 => retried
                ? Outcome.Success(TransientFailures + 1)
                : new(1, typeof(AuditApiException), StatusOf(fault), endpoint.ErrorMessage),
            // A CDN's 52x says the origin failed, not that it did nothing: in doubt like a 502.
            Fault.CdnUnknownError520 or Fault.CdnOriginError530 => retried
                ? Outcome.Success(TransientFailures + 1)
                : new(1, typeof(AuditApiException), StatusOf(fault), CdnTitle(StatusOf(fault))),
            Fault.ConnectionReset => retried ? Outcome.Success(TransientFailures + 1) : new(1, typeof(AuditTransportException)),
            Fault.AttemptTimeout => retried ? Outcome.Success(TransientFailures + 1) : new(1, typeof(AuditTimeoutException)),
            // CloudFactory's success body is only an acknowledgement: any 2xx, whatever its body or none, means the
            // review was taken, and an error would invite a duplicate resubmission (README, Decisions).
            Fault.Empty200Body or Fault.MalformedJson when endpoint.Vendor == AuditVendor.CloudFactory => Outcome.Success(1),
            Fault.Empty200Body or Fault.MalformedJson => new(1, typeof(AuditApiException), HttpStatusCode.OK),
            Fault.HtmlBadGatewayPage => new(retried ? 1 + MaxRetryAttempts : 1, typeof(AuditApiException), HttpStatusCode.BadGateway,
                "502 Bad Gateway"),
            _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
        };
    }

    private static HttpStatusCode StatusOf(Fault fault) => fault switch
    {
        Fault.InternalServerError500 => HttpStatusCode.InternalServerError,
        Fault.BadGateway502 => HttpStatusCode.BadGateway,
        Fault.ServiceUnavailable503 => HttpStatusCode.ServiceUnavailable,
        Fault.CdnUnknownError520 => (HttpStatusCode)520,
        Fault.CdnOriginError530 => (HttpStatusCode)530,
        _ => HttpStatusCode.GatewayTimeout,
    };

    private static void Inject(Fault fault, FaultServer server, Endpoint endpoint)
    {
        switch (fault)
        {
            case Fault.TooManyRequestsRetryAfterSeconds:
                FailThenSucceed(server, endpoint, 1, () => Error(endpoint, 429).WithHeader("Retry-After", "1"));
                break;
            case Fault.TooManyRequestsRetryAfterDate:
                // HTTP-dates have whole seconds: this one lies up to a second ahead, far below the 60 s cap.
                FailThenSucceed(server, endpoint, 1, () => Error(endpoint, 429)
                    .WithHeader("Retry-After", DateTimeOffset.UtcNow.AddSeconds(1).ToString("r", CultureInfo.InvariantCulture)));
                break;
            case Fault.TooManyRequestsBeyondCap:
                Always(server, endpoint, Error(endpoint, 429)
                    .WithHeader("Retry-After", ((int)BeyondCap.TotalSeconds).ToString(CultureInfo.InvariantCulture)));
                break;
            case Fault.InternalServerError500 or Fault.BadGateway502 or Fault.ServiceUnavailable503 or Fault.GatewayTimeout504:
                FailThenSucceed(server, endpoint, TransientFailures, () => Error(endpoint, (int)StatusOf(fault)));
                break;
            case Fault.CdnUnknownError520 or Fault.CdnOriginError530:
                FailThenSucceed(server, endpoint, TransientFailures, () => Response.Create().WithStatusCode((int)StatusOf(fault))
                    .WithHeader("Content-Type", "text/html").WithBody(CdnPage(StatusOf(fault))));
                break;
            case Fault.ConnectionReset:
                server.ResetNext(TransientFailures);
                Always(server, endpoint, Success(endpoint));
                break;
            case Fault.AttemptTimeout:
                server.HangNext(TransientFailures);
                Always(server, endpoint, Success(endpoint));
                break;
            case Fault.Empty200Body:
                Always(server, endpoint, Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json"));
                break;
            case Fault.MalformedJson:
                Always(server, endpoint, Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                    .WithBody("""{"id": "audit_1", "task_id": """));
                break;
            case Fault.HtmlBadGatewayPage:
                Always(server, endpoint, Response.Create().WithStatusCode(502).WithHeader("Content-Type", "text/html")
                    .WithBody(Answers.HtmlBadGateway));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(fault), fault, null);
        }
    }

    private static string CdnTitle(HttpStatusCode status) => $"127.0.0.1 | {(int)status}: the origin web server failed";

    private static string CdnPage(HttpStatusCode status) =>
        $"<!DOCTYPE html><html><head><title>{CdnTitle(status)}</title></head><body><h1>Error {(int)status}</h1></body></html>";

    private static IRequestBuilder Matching(Endpoint endpoint) => Request.Create().WithPath(endpoint.Path).UsingMethod(endpoint.Method);

    private static IResponseBuilder Success(Endpoint endpoint) =>
        Response.Create().WithStatusCode(endpoint.SuccessStatus).WithHeader("Content-Type", "application/json").WithBody(endpoint.SuccessBody);

    private static IResponseBuilder Error(Endpoint endpoint, int status) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(endpoint.ErrorBody(status));

    private static void Always(FaultServer server, Endpoint endpoint, IResponseBuilder response) =>
        server.Server.Given(Matching(endpoint)).RespondWith(response);

    /// <summary>A WireMock scenario: <paramref name="failures"/> failed answers, then the success.</summary>
    private static void FailThenSucceed(FaultServer server, Endpoint endpoint, int failures, Func<IResponseBuilder> failure)
    {
        const string scenario = "fault";
        for (var i = 0; i < failures; i++)
        {
            var stub = server.Server.Given(Matching(endpoint)).InScenario(scenario);
            if (i > 0)
            {
                stub = stub.WhenStateIs($"failed {i}");
            }

            stub.WillSetStateTo($"failed {i + 1}").RespondWith(failure());
        }

        server.Server.Given(Matching(endpoint)).InScenario(scenario).WhenStateIs($"failed {failures}").RespondWith(Success(endpoint));
    }

    private sealed record Outcome(
        int Requests,
        Type? Exception = null,
        HttpStatusCode? Status = null,
        string? VendorMessage = null,
        TimeSpan? RetryAfter = null)
    {
        public static Outcome Success(int requests) => new(requests);
    }
}
