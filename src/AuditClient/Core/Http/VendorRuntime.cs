using System.Threading.RateLimiting;
using AuditClient.Core.Errors;
using AuditClient.Core.Telemetry;
using AuditClient.Core.Vendors;
using Microsoft.Extensions.Logging;

namespace AuditClient.Core.Http;

/// <summary>
/// What the clients of one vendor share, frozen from the options when the first client is built: address, the
/// precomputed credential header, the resilience settings and the one rate limiter all calls to the vendor go through.
/// </summary>
internal sealed class VendorRuntime : IDisposable
{
    // The vendor counts arrivals, the limiter counts departures, and the time between them varies (a new connection,
    // a busy thread pool): departures are therefore kept within RequestsPerSecond over any span of one second plus
    // this allowance, so that arrivals are within it over any one-second window, aligned or not.
    internal static readonly TimeSpan ArrivalJitterAllowance = TimeSpan.FromMilliseconds(100);

    // A sliding window admits at most PermitLimit in any WindowSegments consecutive segments. A span of length L
    // touches at most WindowSegments segments when WindowSegments - 1 of them last at least L, hence the stretch
    // below. The price: a saturated limiter sustains RequestsPerSecond per Window (1.16 s).
    internal const int WindowSegments = 20;

    internal static readonly TimeSpan Window = (TimeSpan.FromSeconds(1) + ArrivalJitterAllowance) * WindowSegments / (WindowSegments - 1);

    private readonly CancellationTokenSource _disposing = new();

    /// <param name="options">The vendor's options, copied here.</param>
    /// <param name="sharedQuota">The quota shared with other processes, if the app set one up.</param>
    /// <param name="loggers">The app's loggers, for the shared quota.</param>
    /// <param name="quotaScope">
    /// What the shared quota is counted by: the vendor's tag (the default) for the unnamed account, the tag and the
    /// account's name for a named one, so that two accounts never share a quota.
    /// </param>
    public VendorRuntime(VendorOptions options, ISharedQuota? sharedQuota = null, ILoggerFactory? loggers = null, string? quotaScope = null)
    {
        Profile = options.Profile;
        BaseAddress = options.BaseAddress;
        PrimaryHandlerFactory = options.PrimaryHandlerFactory;
        Resilience = options.Resilience.Copy();

        var credential = Profile.CreateCredential(options.ApiKey ?? string.Empty);
        (AuthHeaderName, AuthHeaderValue) = (credential.HeaderName, credential.HeaderValue);
        Redactor = new Redactor(credential.Secrets);
        Loggers = loggers is null ? null : new RedactingLoggerFactory(loggers, Redactor);
        Log = AuditLog.Create(Loggers);
        if (Resilience.RateLimiterEnabled && sharedQuota is not null)
        {
            SharedLimiter = sharedQuota.CreateLimiter(quotaScope ?? Profile.Tag, Resilience, loggers);
            RateLimiter = CreateRateLimiter(Resilience, SharedLimiter);
        }
        else
        {
            RateLimiter = Resilience.RateLimiterEnabled ? CreateRateLimiter(Resilience) : null;
        }
    }

    public VendorProfile Profile { get; }

    public AuditVendor Vendor => Profile.Vendor;

    public Uri BaseAddress { get; }

    /// <summary>A frozen copy: changing the options after the clients are built changes nothing.</summary>
    public VendorResilienceOptions Resilience { get; }

    public string AuthHeaderName { get; }

    public string AuthHeaderValue { get; }

    public RateLimiter? RateLimiter { get; }

    /// <summary>Removes this vendor's credentials from text that goes into an exception or a log line.</summary>
    public Redactor Redactor { get; }

    /// <summary>The app's loggers, behind <see cref="Redactor"/>: for every line the vendor's pipeline writes.</summary>
    public ILoggerFactory? Loggers { get; }

    /// <summary>The SDK's own logger (category <c>AuditClient</c>).</summary>
    public ILogger Log { get; }

    /// <summary>The window shared with other processes, when the app set one up; also part of <see cref="RateLimiter"/>.</summary>
    public SharedWindowLimiter? SharedLimiter { get; }

    public Func<HttpMessageHandler>? PrimaryHandlerFactory { get; }

    /// <summary>
    /// The limiter every request of a vendor passes, retries included. The concurrency permit is taken first: the
    /// window permit is then taken right before the request leaves, so requests that waited for a free slot cannot
    /// go out in a bunch on window permits taken long before.
    /// </summary>
    /// <remarks>A shared window, when given, takes the place of the local one behind the same concurrency limiter, and
    /// is disposed with it.</remarks>
    internal static RateLimiter CreateRateLimiter(VendorResilienceOptions options, RateLimiter? window = null) =>
        new SequentialLimiter(
            new ConcurrencyLimiter(new ConcurrencyLimiterOptions
            {
                PermitLimit = options.MaxConcurrentRequests,
                QueueLimit = options.RateLimiterQueueLimit,
                QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            }),
            window ?? CreateWindowLimiter(options.RequestsPerSecond, options.RateLimiterQueueLimit));

    /// <summary>The local sliding window alone: at most <paramref name="permits"/> departures in any 1.1 s.</summary>
    internal static SlidingWindowRateLimiter CreateWindowLimiter(int permits, int queueLimit) =>
        new(new SlidingWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            SegmentsPerWindow = WindowSegments,
            QueueLimit = queueLimit,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });

    /// <summary>Whether the clients were disposed: a call then throws <see cref="ObjectDisposedException"/>.</summary>
    public bool IsDisposed => _disposing.IsCancellationRequested;

    /// <summary>Canceled when the clients are disposed: ends every call in flight, on the wire or waiting for a permit.</summary>
    public CancellationToken Disposing => _disposing.Token;

    public void Dispose()
    {
        // The calls in flight first, so that each ends as disposed rather than as refused by a limiter going away. The
        // source itself is not disposed: calls still starting may register with its token.
        if (IsDisposed)
        {
            return;
        }

        _disposing.Cancel();

        // The shared window, when there is one, is inside RateLimiter and goes with it.
        RateLimiter?.Dispose();
    }

    /// <summary>Returns the vendor only: the credential header must never reach a log or a debugger display.</summary>
    /// <returns>The vendor's name.</returns>
    public override string ToString() => Vendor.ToString();
}
