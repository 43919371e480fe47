using System.Net.Http.Headers;
using System.Text;
using System.Threading.RateLimiting;

namespace AuditClient.Core.Http;

/// <summary>
/// What the clients of one vendor share, frozen from the options when the first client is built: address, the
/// precomputed credential header, the resilience settings and the one rate limiter all calls to the vendor go through.
/// </summary>
internal sealed class VendorRuntime : IDisposable
{
    // The window is stretched by one segment so that any one-second window, wherever it starts, lies within one
    // limiter window: at most RequestsPerSecond requests in every one-second span, not only in aligned ones.
    private const int WindowSegments = 10;

    public VendorRuntime(VendorOptions options)
    {
        Vendor = options.Vendor;
        BaseAddress = options.BaseAddress;
        PrimaryHandlerFactory = options.PrimaryHandlerFactory;
        var r = options.Resilience;
        Resilience = new VendorResilienceOptions
        {
            RateLimiterEnabled = r.RateLimiterEnabled,
            RequestsPerSecond = r.RequestsPerSecond,
            MaxConcurrentRequests = r.MaxConcurrentRequests,
            RateLimiterQueueLimit = r.RateLimiterQueueLimit,
            RetryEnabled = r.RetryEnabled,
            MaxRetryAttempts = r.MaxRetryAttempts,
            RetryBaseDelay = r.RetryBaseDelay,
            RetryMaxDelay = r.RetryMaxDelay,
            MaxRetryAfter = r.MaxRetryAfter,
            AttemptTimeout = r.AttemptTimeout,
            TotalTimeout = r.TotalTimeout,
        };

        var key = options.ApiKey ?? string.Empty;
        (AuthHeaderName, AuthHeaderValue) = Vendor == AuditVendor.Scale
            ? ("Authorization", new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":"))).ToString())
            : ("x-api-key", key);

        if (Resilience.RateLimiterEnabled)
        {
            RateLimiter = RateLimiter.CreateChained(
                new SlidingWindowRateLimiter(new SlidingWindowRateLimiterOptions
                {
                    PermitLimit = Resilience.RequestsPerSecond,
                    Window = TimeSpan.FromSeconds(1.0 * WindowSegments / (WindowSegments - 1)),
                    SegmentsPerWindow = WindowSegments,
                    QueueLimit = Resilience.RateLimiterQueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                }),
                new ConcurrencyLimiter(new ConcurrencyLimiterOptions
                {
                    PermitLimit = Resilience.MaxConcurrentRequests,
                    QueueLimit = Resilience.RateLimiterQueueLimit,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                }));
        }
    }

    public AuditVendor Vendor { get; }

    public Uri BaseAddress { get; }

    /// <summary>A frozen copy: changing the options after the clients are built changes nothing.</summary>
    public VendorResilienceOptions Resilience { get; }

    public string AuthHeaderName { get; }

    public string AuthHeaderValue { get; }

    public RateLimiter? RateLimiter { get; }

    public Func<HttpMessageHandler>? PrimaryHandlerFactory { get; }

    public string ClientName => "AuditClient." + Vendor;

    public void Dispose() => RateLimiter?.Dispose();

    /// <summary>Returns the vendor only: the credential header must never reach a log or a debugger display.</summary>
    /// <returns>The vendor's name.</returns>
    public override string ToString() => Vendor.ToString();
}
