using System.Net;
using Polly;
using Polly.Timeout;

namespace AuditClient.Core.Http;

/// <summary>
/// When a failed attempt is repeated. Written once for every vendor and endpoint:
/// <list type="bullet">
/// <item>429 and 503 (the vendor did not process the request) and connection failures before the request left
/// (refused, name not resolved): always, honouring <c>Retry-After</c> up to the configured cap; a longer
/// <c>Retry-After</c> is not waited for.</item>
/// <item>500, 502, 504, 408, attempt timeouts and connections lost once the request was sent (reset, answer cut
/// off): only when a repeat cannot create a duplicate: GETs, and requests the client marked repeat-safe (a
/// CloudFactory review with <c>unique_id</c> and <c>replace_duplicate</c>).</item>
/// <item>Anything else (other statuses, a refusal of the client-side rate limiter, invalid settings): never.</item>
/// </list>
/// </summary>
internal static class RetryRules
{
    /// <summary>Set by a client on a request whose repetition cannot create a duplicate.</summary>
    public const string RepeatSafeName = "AuditClient.RepeatSafe";

    public static readonly HttpRequestOptionsKey<bool> RepeatSafe = new(RepeatSafeName);

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, VendorRuntime vendor, TimeProvider time)
    {
        var request = outcome.Result?.RequestMessage ?? context.GetRequestMessage();
        var repeatSafe = request is not null
            && (request.Method == HttpMethod.Get || (request.Options.TryGetValue(RepeatSafe, out var safe) && safe));

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
        return response.StatusCode switch
        {
            HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable =>
                Errors.ErrorMapper.RetryAfterOf(response.Headers, time.GetUtcNow()) is not { } wait || wait <= vendor.Resilience.MaxRetryAfter,
            HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.RequestTimeout => repeatSafe,
            _ => false,
        };
    }

    /// <summary>The vendor's <c>Retry-After</c> when it sent one (already known to be within the cap), else the backoff.</summary>
    public static TimeSpan? DelayFromRetryAfter(Outcome<HttpResponseMessage> outcome, TimeProvider time) =>
        outcome.Result is { } response ? Errors.ErrorMapper.RetryAfterOf(response.Headers, time.GetUtcNow()) : null;
}
