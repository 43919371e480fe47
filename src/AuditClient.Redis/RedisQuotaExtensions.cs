using AuditClient.Redis;

namespace AuditClient;

/// <summary>Shares each vendor's rate limit with every other process that uses the same Redis and key prefix.</summary>
public static class RedisQuotaExtensions
{
    /// <summary>
    /// Makes the rate limiter of every configured vendor a quota shared through Redis: across all processes, the
    /// vendor sees at most <c>RequestsPerSecond</c> arrivals in any one-second window, and a 429's <c>Retry-After</c>
    /// seen by one process holds back all of them. Works in <c>AddAuditClients(o =&gt; o.UseRedisQuota(...))</c>,
    /// <c>AuditClients.Create(o =&gt; o.UseRedisQuota(...))</c>, and with options bound from configuration through
    /// <c>services.Configure&lt;AuditClientOptions&gt;(o =&gt; o.UseRedisQuota(...))</c>. Redis is reached at startup:
    /// an unreachable server or an empty key prefix fails the options validation, naming the setting.
    /// </summary>
    /// <param name="options">The SDK's options.</param>
    /// <param name="configuration">A StackExchange.Redis configuration string, such as <c>localhost:6390</c>.</param>
    /// <param name="configure">Sets the key prefix and the fallback share.</param>
    /// <returns>The options, for chaining.</returns>
    public static AuditClientOptions UseRedisQuota(this AuditClientOptions options, string configuration, Action<RedisQuotaOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = new RedisQuotaOptions();
        configure?.Invoke(settings);

        // A copy: the quota is frozen here, like the rest of the options when the clients are built.
        options.SharedQuota = new RedisQuota(configuration, settings.KeyPrefix, settings.FallbackShare);
        return options;
    }
}
