namespace AuditClient.Redis;

/// <summary>The two Lua scripts of a shared quota. Each runs atomically in Redis, on Redis's own clock.</summary>
internal static class QuotaScripts
{
    /// <summary>
    /// Admits one permit or says how long to wait, in microseconds (0 = admitted).
    /// KEYS[1]: sorted set of admitted permits scored by their admission time (µs, Redis clock); KEYS[2]: the hold key
    /// set by a 429. ARGV[1]: permits per window; ARGV[2]: window (µs); ARGV[3]: a member unique to this permit.
    /// A permit admitted at s counts until s + window, so any half-open span of one window holds at most ARGV[1]
    /// admissions: the stretched window (1 s plus the arrival-jitter allowance) bounds every one-second window of
    /// arrivals, aligned or not.
    /// </summary>
    public const string Acquire = """
        if redis.replicate_commands then redis.replicate_commands() end
        local hold = redis.call('PTTL', KEYS[2])
        if hold > 0 then return hold * 1000 end
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local window = tonumber(ARGV[2])
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
        if redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[1]) then
          redis.call('ZADD', KEYS[1], now, ARGV[3])
          redis.call('PEXPIRE', KEYS[1], math.ceil(window / 1000) + 1000)
          return 0
        end
        local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
        return tonumber(oldest[2]) + window - now + 1
        """;

    /// <summary>Extends the hold key KEYS[1] to ARGV[1] milliseconds from now, never shortening a longer hold.</summary>
    public const string Hold = """
        local ms = tonumber(ARGV[1])
        if redis.call('PTTL', KEYS[1]) < ms then
          redis.call('SET', KEYS[1], '1', 'PX', ms)
        end
        return 0
        """;
}
