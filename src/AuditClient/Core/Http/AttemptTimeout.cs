using Microsoft.Extensions.ObjectPool;
using Polly.Timeout;

namespace AuditClient.Core.Http;

/// <summary>
/// The deadline of one attempt: a token that is canceled when the attempt's time is up or when the call's own token
/// is. On the system clock its source comes from a pool and is re-armed for each attempt; on any other
/// <see cref="TimeProvider"/> (a test's fake clock) it is made by that provider, as Polly's timeout makes it.
/// </summary>
/// <remarks>
/// The handler's own step rather than Polly's timeout strategy: over a socket every strategy is an async frame that
/// suspends and resumes on every call (a state machine on the heap, a continuation), and the attempt's deadline needs
/// none of its own (RESULTS.md, "Levers taken"). Polly's <see cref="TimeoutRejectedException"/> is kept, so that the
/// retry rules and the error family see an attempt timeout as before.
/// </remarks>
internal sealed class AttemptTimeout(TimeSpan timeout, TimeProvider time)
{
    private static readonly ObjectPool<CancellationTokenSource> Pool = new DefaultObjectPool<CancellationTokenSource>(new ResettingPolicy());

    private readonly bool _pooled = time == TimeProvider.System;

    public TimeSpan Timeout => timeout;

    /// <summary>Arms the deadline of an attempt that starts now, linked to the call's token.</summary>
    public Deadline Start(CancellationToken callToken)
    {
        CancellationTokenSource source;
        if (_pooled)
        {
            source = Pool.Get();
            source.CancelAfter(timeout);
        }
        else
        {
            source = new CancellationTokenSource(timeout, time);
        }

        // Not flowing the execution context: the callback only cancels the attempt's source.
        var link = callToken.CanBeCanceled ? callToken.UnsafeRegister(static s => ((CancellationTokenSource)s!).Cancel(), source) : default;
        return new Deadline(this, source, link, callToken);
    }

    /// <summary>An armed deadline: its token for the attempt, and what the attempt's end means.</summary>
    public readonly struct Deadline(AttemptTimeout owner, CancellationTokenSource source, CancellationTokenRegistration link, CancellationToken callToken) : IDisposable
    {
        public CancellationToken Token => source.Token;

        /// <summary>
        /// What an attempt that ended in <paramref name="exception"/> ended in: Polly's timeout exception when this
        /// deadline, not the call's token, canceled it (whatever the aborted send or read threw); else the exception.
        /// </summary>
        public Exception Classify(Exception exception) =>
            source.IsCancellationRequested && !callToken.IsCancellationRequested
                ? new TimeoutRejectedException($"The operation didn't complete within the allowed timeout of '{owner.Timeout}'.", owner.Timeout, exception)
                : exception;

        public void Dispose()
        {
            // The link first: once disposed, the call's token can no longer cancel a source that is back in the pool.
            link.Dispose();
            if (owner._pooled && source.TryReset())
            {
                Pool.Return(source);
            }
            else
            {
                source.Dispose();
            }
        }
    }

    private sealed class ResettingPolicy : PooledObjectPolicy<CancellationTokenSource>
    {
        public override CancellationTokenSource Create() => new();

        // Sources are returned only after TryReset succeeded (TryReset also stops the source's timer).
        public override bool Return(CancellationTokenSource obj) => true;
    }
}
