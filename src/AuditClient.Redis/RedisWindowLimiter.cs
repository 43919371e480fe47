using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Threading.RateLimiting;
using AuditClient.Core.Http;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AuditClient.Redis;

/// <summary>
/// The window of one vendor's quota, shared through Redis, behind the process's local concurrency limiter.
/// One waiter per process asks Redis at a time (the others wait in line behind it, in the concurrency limiter's
/// queue and then here); Redis answers "admitted" or "wait this long", so waiting costs no polling.
/// While Redis does not answer, permits come from a local window at <see cref="RedisQuota.FallbackShare"/> of the
/// rate; each acquire made while the connection is back tries Redis again (at most once a second), and the first
/// answer returns the process to the shared window.
/// </summary>
internal sealed partial class RedisWindowLimiter : SharedWindowLimiter
{
    private static readonly Meter Meter = new("AuditClient", typeof(RedisWindowLimiter).Assembly.GetName().Version?.ToString());

    private static readonly Counter<long> Fallbacks = Meter.CreateCounter<long>(
        "auditclient.rate_limiter.fallbacks", "{fallback}", "Times a process left the Redis-shared quota for its local fallback limiter.");

    private static readonly Counter<long> FallbackPermits = Meter.CreateCounter<long>(
        "auditclient.rate_limiter.fallback_permits", "{permit}", "Permits granted by the local fallback limiter while Redis did not answer.");

    private static readonly TimeSpan ProbeInterval = TimeSpan.FromSeconds(1);

    private readonly RedisQuota _owner;
    private readonly ConnectionMultiplexer _redis;
    private readonly RedisKey[] _acquireKeys;
    private readonly RedisKey[] _holdKeys;
    private readonly RedisValue _limit;
    private readonly RedisValue _windowMicroseconds;
    private readonly string _memberPrefix = Guid.NewGuid().ToString("N");
    private readonly SlidingWindowRateLimiter _fallback;
    private readonly int _fallbackPermits;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ILogger _logger;
    private readonly string _scope;
    private readonly TagList _tags;
    private long _sequence;
    private long _localHoldUntil;
    private long _nextProbe;
    private volatile bool _degraded;
    private int _disposed;

    public RedisWindowLimiter(RedisQuota owner, ConnectionMultiplexer redis, string scope, VendorResilienceOptions resilience, ILoggerFactory? loggers)
    {
        _owner = owner;
        _redis = redis;
        _scope = scope;
        var slot = "{" + owner.KeyPrefix + ":" + scope + "}";
        _acquireKeys = [slot + ":permits", slot + ":hold"];
        _holdKeys = [slot + ":hold"];
        _limit = resilience.RequestsPerSecond;
        _windowMicroseconds = (long)(VendorRuntime.ArrivalJitterAllowance + TimeSpan.FromSeconds(1)).TotalMicroseconds;
        _fallbackPermits = Math.Max(1, (int)Math.Ceiling(resilience.RequestsPerSecond * owner.FallbackShare));
        _fallback = VendorRuntime.CreateWindowLimiter(_fallbackPermits, resilience.RateLimiterQueueLimit);
        _logger = loggers?.CreateLogger("AuditClient") ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        // The scope is the vendor's tag, then ":account" for a named account: the tag names the vendor alone.
        _tags = new TagList { { AuditClient.Core.Telemetry.AuditTelemetry.VendorTag, scope.Split(':')[0] } };
    }

    /// <summary>Whether permits currently come from the local fallback.</summary>
    public bool Degraded => _degraded;

    public override TimeSpan? IdleDuration => null;

    public override RateLimiterStatistics? GetStatistics() => null;

    public override void Hold(TimeSpan wait)
    {
        var until = Stopwatch.GetTimestamp() + (long)(wait.TotalSeconds * Stopwatch.Frequency);
        InterlockedMax(ref _localHoldUntil, until);
        if (_degraded || !_redis.IsConnected)
        {
            return;
        }

        try
        {
            var milliseconds = (long)Math.Ceiling(wait.TotalMilliseconds);
            _redis.GetDatabase().ScriptEvaluate(QuotaScripts.Hold, _holdKeys, [milliseconds], CommandFlags.FireAndForget);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            // The local hold stands; the other processes find out from their own 429s.
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount) =>
        permitCount == 0 ? Lease.Acquired : Lease.NotNow;

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (permitCount == 0)
        {
            return Lease.Acquired;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                var held = _localHoldUntil - Stopwatch.GetTimestamp();
                if (held > 0)
                {
                    await Task.Delay(TimeSpan.FromSeconds((double)held / Stopwatch.Frequency), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (ShouldAskRedis())
                {
                    long wait;
                    try
                    {
                        var member = _memberPrefix + ":" + Interlocked.Increment(ref _sequence).ToString(CultureInfo.InvariantCulture);
                        var result = await _redis.GetDatabase()
                            .ScriptEvaluateAsync(QuotaScripts.Acquire, _acquireKeys, [_limit, _windowMicroseconds, member])
                            .WaitAsync(cancellationToken)
                            .ConfigureAwait(false);
                        wait = (long)result;
                    }
                    catch (Exception e) when (e is RedisException or TimeoutException)
                    {
                        EnterFallback(e);
                        continue;
                    }

                    if (_degraded)
                    {
                        _degraded = false;
                        BackToShared(_logger, _scope);
                    }

                    if (wait <= 0)
                    {
                        return Lease.Acquired;
                    }

                    await Task.Delay(TimeSpan.FromMicroseconds(Math.Max(wait, 1000)), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var lease = await _fallback.AcquireAsync(1, cancellationToken).ConfigureAwait(false);
                if (lease.IsAcquired)
                {
                    FallbackPermits.Add(1, _tags);
                    return lease;
                }

                // Cannot happen with one waiter at a time; never spin if it does.
                lease.Dispose();
                await Task.Delay(VendorRuntime.Window / VendorRuntime.WindowSegments, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _fallback.Dispose();
            _owner.Release();
        }

        base.Dispose(disposing);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    [LoggerMessage(EventId = 101, EventName = "SharedQuotaUnavailable", Level = LogLevel.Warning,
        Message = "The Redis-shared quota of {Vendor} does not answer ({Reason}); this process now sends at most {Permits} request(s) per 1.16 s on its own until Redis answers again.")]
    private static partial void FallingBack(ILogger logger, string vendor, string reason, int permits);

    [LoggerMessage(EventId = 102, EventName = "SharedQuotaBack", Level = LogLevel.Information,
        Message = "The Redis-shared quota of {Vendor} answers again; this process is back on the shared quota.")]
    private static partial void BackToShared(ILogger logger, string vendor);

    private bool ShouldAskRedis()
    {
        if (!_degraded)
        {
            return true;
        }

        var now = Stopwatch.GetTimestamp();
        if (now < Volatile.Read(ref _nextProbe) || !_redis.IsConnected)
        {
            return false;
        }

        Volatile.Write(ref _nextProbe, now + (long)(ProbeInterval.TotalSeconds * Stopwatch.Frequency));
        return true;
    }

    private void EnterFallback(Exception e)
    {
        Volatile.Write(ref _nextProbe, Stopwatch.GetTimestamp() + (long)(ProbeInterval.TotalSeconds * Stopwatch.Frequency));
        if (!_degraded)
        {
            _degraded = true;
            Fallbacks.Add(1, _tags);

            // The exception type only: a message may name the server's address, which is fine, but never more.
            FallingBack(_logger, _scope, e.GetType().Name, _fallbackPermits);
        }
    }

    private sealed class Lease(bool acquired) : RateLimitLease
    {
        public static readonly Lease Acquired = new(true);

        public static readonly Lease NotNow = new(false);

        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
