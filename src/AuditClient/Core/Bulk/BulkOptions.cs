namespace AuditClient;

/// <summary>Settings of a bulk submission.</summary>
public sealed record BulkOptions
{
    /// <summary>
    /// The most items submitted at once. Default 16. The vendor's rate limiter and
    /// <see cref="VendorResilienceOptions.MaxConcurrentRequests"/> still apply underneath.
    /// </summary>
    public int MaxConcurrency { get; init; } = 16;
}
