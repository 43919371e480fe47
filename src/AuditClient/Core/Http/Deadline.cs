using Microsoft.Extensions.ObjectPool;
using Polly.Timeout;

namespace AuditClient.Core.Http;

/// <summary>
/// A timeout of the SDK's handler (the call's total one, or one attempt's): a token that is canceled when the time is
/// up or when the token it is started under is. On the system clock its source comes from a pool and is re-armed each
/// time; on any other <see cref="TimeProvider"/> (a test's fake clock) it is made by that provider, as Polly's timeout
/// strategy makes it.
/// </summary>
/// <remarks>
/// The handler's own step rather than Polly's timeout strategy: over a socket every strategy is an async step that
/// suspends and resumes on every call (a state machine on the heap, a continuation), and a deadline needs none of its
/// own (RESULTS.md, "Levers taken"). Polly's <see cref="TimeoutRejectedException"/> is kept, so that the retry rules and
/// the error family see a timeout as before.
/// </remarks>
internal sealed class Deadline(TimeSpan timeout, TimeProvider time)
{
    private static readonly ObjectPool<CancellationTokenSource> Pool = new DefaultObjectPool<CancellationTokenSource>(new ResettingPolicy());

    private readonly bool _pooled = time == TimeProvider.System;

    public TimeSpan Timeout => timeout;

    /// <summary>Arms the deadline of what starts now (a call, an attempt), linked to the token it runs under.</summary>
    /// <param name="outerToken">The token it runs under.</param>
    /// <param name="left">What is left of a longer budget it is part of (<see cref="CallBudget"/>), in place of <see cref="Timeout"/>.</param>
    /// <param name="stopping">A second token that ends it (the clients being disposed); its end is not a timeout
    /// either, and is told apart by whoever owns it.</param>
    public Armed Start(CancellationToken outerToken, TimeSpan? left = null, CancellationToken stopping = default)
    {
        var after = left ?? timeout;
        CancellationTokenSource source;
        if (_pooled)
        {
            source = Pool.Get();
            source.CancelAfter(after);
        }
        else
        {
            source = new CancellationTokenSource(after, time);
        }

        // Not flowing the execution context: the callback only cancels this deadline's source.
        var link = outerToken.CanBeCanceled ? outerToken.UnsafeRegister(Cancel, source) : default;
        var stop = stopping.CanBeCanceled ? stopping.UnsafeRegister(Cancel, source) : default;
        return new Armed(this, source, link, stop, outerToken);
    }

    /// <summary>An armed deadline: its token, and what an end in an exception means.</summary>
    public readonly struct Armed(Deadline owner, CancellationTokenSource source, CancellationTokenRegistration link, CancellationTokenRegistration stop, CancellationToken outerToken) : IDisposable
    {
        public CancellationToken Token => source.Token;

        /// <summary>
        /// What an end in <paramref name="exception"/> was: Polly's timeout exception when this deadline, not the outer
        /// token, canceled it (whatever the aborted send, read or backoff threw); else the exception as it is.
        /// </summary>
        public Exception Classify(Exception exception) =>
            source.IsCancellationRequested && !outerToken.IsCancellationRequested
                ? new TimeoutRejectedException($"The operation didn't complete within the allowed timeout of '{owner.Timeout}'.", owner.Timeout, exception)
                : exception;

        public void Dispose()
        {
            // The links first: once disposed, neither token can cancel a source that is back in the pool.
            link.Dispose();
            stop.Dispose();
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

    private static readonly Action<object?> Cancel = static s => ((CancellationTokenSource)s!).Cancel();

    private sealed class ResettingPolicy : PooledObjectPolicy<CancellationTokenSource>
    {
        public override CancellationTokenSource Create() => new();

        // Sources are returned only after TryReset succeeded (TryReset also stops the source's timer).
        public override bool Return(CancellationTokenSource obj) => true;
    }
}
