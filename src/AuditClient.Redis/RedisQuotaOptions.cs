namespace AuditClient;

/// <summary>
/// How the processes that share a vendor's quota meet in Redis, and what each does while Redis does not answer.
/// Every process that uses the same Redis, vendor and <see cref="KeyPrefix"/> shares one quota: give them the same
/// <c>RequestsPerSecond</c> too.
/// </summary>
public sealed class RedisQuotaOptions
{
    /// <summary>
    /// The start of every key the quota uses (<c>{prefix:vendor}:permits</c> and <c>{prefix:vendor}:hold</c>; for a
    /// named account of <c>AddAuditClients("team-a", ...)</c>, <c>{prefix:vendor:team-a}:...</c>, so that two accounts of
    /// one app never share). Must not be empty. Default <c>auditclient</c>; apps that use different keys of one vendor
    /// under the same account name need different prefixes.
    /// </summary>
    public string KeyPrefix { get; set; } = "auditclient";

    /// <summary>
    /// The share of <c>RequestsPerSecond</c> that each process allows itself, with its own local limiter, while Redis
    /// does not answer; at least one request per window. In (0, 1]; default 0.25. With N processes the vendor then sees
    /// at most N x <c>ceil(share x RequestsPerSecond)</c> in any one-second window: set it to 1/N to stay within the
    /// quota during an outage.
    /// </summary>
    public double FallbackShare { get; set; } = 0.25;
}
