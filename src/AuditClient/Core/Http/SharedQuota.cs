using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;

namespace AuditClient.Core.Http;

/// <summary>
/// The extension point through which a companion package (AuditClient.Redis) shares a vendor's quota between
/// processes. Internal: the only implementation ships with the SDK, at the same version, and is reached through
/// <c>InternalsVisibleTo</c>; the public surface is that package's <c>UseRedisQuota</c>.
/// </summary>
internal interface ISharedQuota
{
    /// <summary>Adds a failure, naming the setting, for each invalid or unusable setting; called at startup.</summary>
    void Validate(ICollection<string> failures);

    /// <summary>The shared window limiter of one vendor; <paramref name="scope"/> is the vendor's lower-case tag.</summary>
    SharedWindowLimiter CreateLimiter(string scope, VendorResilienceOptions resilience, ILoggerFactory? loggers);
}

/// <summary>
/// A window limiter shared by every process of a quota. It replaces the local sliding window behind the local
/// concurrency limiter, and learns from <see cref="Hold"/> when the vendor asked every sender to wait.
/// </summary>
internal abstract class SharedWindowLimiter : RateLimiter
{
    /// <summary>Asks every process sharing the quota to send nothing for <paramref name="wait"/>. Never throws.</summary>
    public abstract void Hold(TimeSpan wait);
}
