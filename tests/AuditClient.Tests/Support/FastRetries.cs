namespace AuditClient.Tests.Support;

/// <summary>
/// The one resilience preset of the tests: retries after milliseconds instead of seconds, a rate limiter that never
/// holds a test back, and timeouts generous enough for a busy two-core machine. Tests that study one setting change
/// it after applying the preset.
/// </summary>
internal static class FastRetries
{
    public static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(10);

    public static readonly TimeSpan MaxDelay = TimeSpan.FromMilliseconds(50);

    public const int RequestsPerSecond = 1000;

    public static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan TotalTimeout = TimeSpan.FromSeconds(60);

    public static void Apply(VendorResilienceOptions r)
    {
        r.RetryBaseDelay = BaseDelay;
        r.RetryMaxDelay = MaxDelay;
        r.RequestsPerSecond = RequestsPerSecond;
        r.AttemptTimeout = AttemptTimeout;
        r.TotalTimeout = TotalTimeout;
    }

    /// <summary>The preset on both vendors.</summary>
    public static void Apply(AuditClientOptions o)
    {
        Apply(o.Scale.Resilience);
        Apply(o.CloudFactory.Resilience);
    }
}
