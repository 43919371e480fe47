using System.Net;

namespace AuditClient.Core.Http;

/// <summary>
/// Tells the processes sharing a vendor's quota about a 429 with <c>Retry-After</c>, so that they all hold back until
/// then instead of each finding out by itself. The hold is capped by <c>MaxRetryAfter</c>, so that no wait is unbounded.
/// Does nothing when no quota is shared.
/// </summary>
internal sealed class SharedHoldHandler(VendorRuntime vendor, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests
            && vendor.SharedLimiter is { } shared
            && RetryAfterHeader.Of(response, time) is { } wait
            && wait > TimeSpan.Zero)
        {
            shared.Hold(wait < vendor.Resilience.MaxRetryAfter ? wait : vendor.Resilience.MaxRetryAfter);
        }

        return response;
    }
}
