using System.Net;
using Polly;
using Polly.Timeout;

namespace AuditClient.Core.Http;

/// <summary>
/// When a failed attempt is repeated. Written once for every vendor and endpoint:
/// <list type="bullet">
/// <item>429 and 503 (the vendor did not process the request) and connection failures before the request left
/// (refused, name not resolved): always, honouring <c>Retry-After</c> up to the configured cap.</item>
/// <item>500, 502, 504, 408, 520 to 530 (a CDN's answers when the origin failed), attempt timeouts and connections
/// lost once the request was sent (reset, answer cut off): only when a repeat cannot create a duplicate: GETs, and
/// operations declared repeat-safe (<see cref="ApiOperation.RepeatSafe"/>: one that the vendor deduplicates, as its
/// client decides per request).</item>
/// <item>Anything else (other statuses, a refusal of the client-side rate limiter, invalid settings): never.</item>
/// </list>
/// An answer whose <c>Retry-After</c> is longer than the cap is never retried, whatever its status.
/// </summary>
internal static class RetryRules
{
    /// <summary>Whether sending <paramref name="request"/> again cannot create a duplicate at the vendor.</summary>
    public static bool IsRepeatSafe(HttpRequestMessage request) =>
        CallRecord.Of(request)?.Operation.RepeatSafe ?? request.Method == HttpMethod.Get;

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, VendorRuntime vendor, TimeProvider time)
    {
        var request = outcome.Result?.RequestMessage ?? context.GetRequestMessage();
        var repeatSafe = request is not null && IsRepeatSafe(request);

        if (outcome.Exception is { } exception)
        {
            return exception switch
            {
                HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
                HttpRequestException or IOException or TimeoutRejectedException => repeatSafe,
                _ => false,
            };
        }

        var response = outcome.Result!;
        var retriable = response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable => true,
            // The in-doubt answers (500, 502, 504, 408, 520-530) are listed once, where MayHaveTakenEffect reads them.
            var status when CallRecord.IsInDoubt(status) => repeatSafe,
            _ => false,
        };

        // Whatever the status, a Retry-After beyond the cap is not waited for: the caller gets the answer at once,
        // with its RetryAfter, instead of a wait that would end in the total timeout.
        return retriable
            && (RetryAfterHeader.Of(response, time) is not { } wait || wait <= vendor.Resilience.MaxRetryAfter);
    }

    /// <summary>The retries counter's <c>error.type</c> tag: the answer's status code, else what kind of failure ended the attempt.</summary>
    public static string StatusTag(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result: { } response } => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        { Exception: TimeoutRejectedException } => "timeout",
        { Exception: HttpRequestException or IOException } => "transport_error",

        // Stryker disable once String : only retried outcomes are tagged, and every exception retried is matched above.
        _ => "error",
    };

    /// <summary>The vendor's <c>Retry-After</c> when it sent one (already known to be within the cap), else the backoff.</summary>
    public static TimeSpan? DelayFromRetryAfter(Outcome<HttpResponseMessage> outcome, TimeProvider time) =>
        outcome.Result is { } response ? RetryAfterHeader.Of(response, time) : null;
}
