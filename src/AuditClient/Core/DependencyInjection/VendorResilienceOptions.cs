namespace AuditClient;

/// <summary>
/// Rate limiting, retries and timeouts of one vendor. Every call to the vendor shares one rate limiter.
/// </summary>
public sealed class VendorResilienceOptions
{
    /// <summary>Whether the client-side rate limiter is on. Default <see langword="true"/>.</summary>
    public bool RateLimiterEnabled { get; set { field = value; IsModified = true; } } = true;

    /// <summary>
    /// The most requests (retries included) the vendor receives in any one-second window, aligned or not, as long as
    /// their travel times differ by less than 0.1 s. Default 20. Requests beyond it wait in a queue (see
    /// <see cref="RateLimiterQueueLimit"/>); under a sustained overload about this many get through every 1.16 s.
    /// </summary>
    public int RequestsPerSecond { get; set { field = value; IsModified = true; } } = 20;

    /// <summary>The most requests in flight at once. Default 16.</summary>
    public int MaxConcurrentRequests { get; set { field = value; IsModified = true; } } = 16;

    /// <summary>
    /// How many calls may wait for the rate limiter before further calls are refused with
    /// <see cref="AuditRateLimitedException"/>. Default 10,000.
    /// </summary>
    public int RateLimiterQueueLimit { get; set { field = value; IsModified = true; } } = 10_000;

    /// <summary>Whether failed calls are retried where that is safe. Default <see langword="true"/>.</summary>
    public bool RetryEnabled { get; set { field = value; IsModified = true; } } = true;

    /// <summary>How many times a call is retried after its first attempt. Default 3.</summary>
    public int MaxRetryAttempts { get; set { field = value; IsModified = true; } } = 3;

    /// <summary>The first backoff delay; later ones grow exponentially, with jitter. Default 1 s.</summary>
    public TimeSpan RetryBaseDelay { get; set { field = value; IsModified = true; } } = TimeSpan.FromSeconds(1);

    /// <summary>The longest backoff delay. Default 30 s.</summary>
    public TimeSpan RetryMaxDelay { get; set { field = value; IsModified = true; } } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest <c>Retry-After</c> the SDK waits for. A longer one is not waited for: the call fails at once with
    /// <see cref="AuditRateLimitedException"/> carrying <see cref="AuditApiException.RetryAfter"/>. Default 60 s.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set { field = value; IsModified = true; } } = TimeSpan.FromSeconds(60);

    /// <summary>The timeout of one attempt. Default 30 s.</summary>
    public TimeSpan AttemptTimeout { get; set { field = value; IsModified = true; } } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Whether any setting was assigned, even to its default: a vendor whose resilience was set up in code counts as
    /// configured, so that a missing API key fails at startup instead of leaving the vendor silently unregistered.
    /// </summary>
    internal bool IsModified { get; private set; }

    /// <summary>The timeout of a whole call, waits and retries included. Default 3 minutes.</summary>
    public TimeSpan TotalTimeout { get; set { field = value; IsModified = true; } } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The largest successful answer read, in bytes. Default 256 MiB; at least 1 MiB. An answer larger than 1 MiB (or of
    /// unknown length) is deserialized as it arrives, so memory follows what the call returns; this bounds what a
    /// vendor or proxy that never ends its answer can make the SDK hold. A larger answer fails the call with
    /// <see cref="AuditApiException"/>, and the rest of it is not read.
    /// </summary>
    public long MaxResponseBytes { get; set { field = value; IsModified = true; } } = 256L * 1024 * 1024;

    /// <summary>A copy of these settings, every one of them.</summary>
    /// <returns>The copy.</returns>
    internal VendorResilienceOptions Copy() => (VendorResilienceOptions)MemberwiseClone();
}
