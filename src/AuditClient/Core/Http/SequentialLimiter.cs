using System.Threading.RateLimiting;

namespace AuditClient.Core.Http;

/// <summary>
/// Two limiters taken one after the other, as <see cref="RateLimiter.CreateChained"/> takes them (the first's permit
/// held while the second's is awaited, given back if the second refuses), with one lease object per call instead of
/// the chained limiter's array and combined lease; and, unlike it, disposing the limiters it owns (a sliding window's
/// replenishment timer would otherwise run for as long as the process).
/// </summary>
internal sealed class SequentialLimiter(RateLimiter first, RateLimiter second) : RateLimiter
{
    // Idle only when both are, for as long as the one idle for the shorter time (as the chained limiter counts).
    public override TimeSpan? IdleDuration =>
        first.IdleDuration is { } a && second.IdleDuration is { } b ? (a < b ? a : b) : null;

    public override RateLimiterStatistics? GetStatistics()
    {
        if (first.GetStatistics() is not { } a || second.GetStatistics() is not { } b)
        {
            return null;
        }

        return new RateLimiterStatistics
        {
            CurrentAvailablePermits = Math.Min(a.CurrentAvailablePermits, b.CurrentAvailablePermits),
            CurrentQueuedCount = a.CurrentQueuedCount + b.CurrentQueuedCount,
            TotalFailedLeases = a.TotalFailedLeases + b.TotalFailedLeases,
            TotalSuccessfulLeases = b.TotalSuccessfulLeases,
        };
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var held = first.AttemptAcquire(permitCount);
        return held.IsAcquired ? Pair(held, second.AttemptAcquire(permitCount)) : held;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var held = await first.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
        if (!held.IsAcquired)
        {
            return held;
        }

        RateLimitLease next;
        try
        {
            next = await second.AcquireAsync(permitCount, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            held.Dispose();
            throw;
        }

        return Pair(held, next);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            first.Dispose();
            second.Dispose();
        }
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await first.DisposeAsync().ConfigureAwait(false);
        await second.DisposeAsync().ConfigureAwait(false);
    }

    private static RateLimitLease Pair(RateLimitLease held, RateLimitLease next)
    {
        if (next.IsAcquired)
        {
            return new PairLease(held, next);
        }

        held.Dispose();
        return next;
    }

    private sealed class PairLease(RateLimitLease held, RateLimitLease next) : RateLimitLease
    {
        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => next.MetadataNames;

        public override bool TryGetMetadata(string metadataName, out object? metadata) => next.TryGetMetadata(metadataName, out metadata);

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                next.Dispose();
                held.Dispose();
            }
        }
    }
}
