using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AuditClient.Core.Telemetry;

/// <summary>
/// The package's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>AuditClient</c>.
/// </summary>
/// <remarks>
/// <para>One tag naming policy for spans and metrics alike: OpenTelemetry's semantic-convention names where one exists
/// (<c>error.type</c>, <c>server.address</c>, <c>http.request.method</c>, <c>http.response.status_code</c>), and names in
/// the <c>auditclient.</c> namespace for what only the SDK knows (<c>auditclient.vendor</c>: the vendor's lower-case tag;
/// <c>auditclient.operation</c>: the operation's stable name). Tags are low-cardinality: never ids, paths with ids, or
/// keys.</para>
/// <para><c>error.type</c> is present only on a failure: the HTTP status code of an error answer (<c>"404"</c>), else
/// <c>timeout</c>, <c>rate_limited</c> (refused by the client-side rate limiter), <c>transport_error</c> (no complete
/// answer), <c>invalid_response</c> (a success whose body is not what the API documents), <c>canceled</c> (by the
/// caller) or <c>_OTHER</c>.</para>
/// <para>Each call is one span of kind <see cref="ActivityKind.Internal"/> named after its operation; the
/// <see cref="ActivityKind.Client"/> spans are HttpClient's, one per attempt, beneath it.</para>
/// </remarks>
internal static class AuditTelemetry
{
    public const string Name = "AuditClient";

    public const string VendorTag = "auditclient.vendor";

    public const string OperationTag = "auditclient.operation";

    public const string ErrorTypeTag = "error.type";

    public const string ServerAddressTag = "server.address";

    public const string MethodTag = "http.request.method";

    public const string StatusCodeTag = "http.response.status_code";

    public static readonly ActivitySource Source = new(Name, typeof(AuditTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(Name, typeof(AuditTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Every completed call; failures carry <c>error.type</c>.</summary>
    public static readonly Counter<long> Calls = Meter.CreateCounter<long>("auditclient.calls", "{call}", "Calls made through the SDK.");

    /// <summary>How long calls took, retries and waits included.</summary>
    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "auditclient.call.duration", "s", "Duration of calls through the SDK, retries and waits included.");

    /// <summary>Retries scheduled by the resilience pipeline; <c>error.type</c> says how the retried attempt ended.</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("auditclient.retries", "{retry}", "Retries of a request.");

    /// <summary>Time spent waiting for the client-side rate limiter.</summary>
    public static readonly Histogram<double> RateLimiterWait = Meter.CreateHistogram<double>(
        "auditclient.rate_limiter.wait", "s", "Time a request waited for the client-side rate limiter.");
}
