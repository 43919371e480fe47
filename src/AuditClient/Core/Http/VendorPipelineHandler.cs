using System.Diagnostics;
using System.Net;
using System.Threading.RateLimiting;
using AuditClient.Core.Telemetry;
using Polly;
using Polly.RateLimiting;

namespace AuditClient.Core.Http;

/// <summary>
/// The SDK's one handler on its HttpClients. For a call: introduces the request to its <see cref="CallRecord"/> (the
/// request as sent, the vendor's runtime), lets a request that may create something pass once, and runs the attempts
/// through the vendor's resilience pipeline (<see cref="VendorPipeline"/>, built once per vendor and account: the
/// retry) under the call's total deadline. For each attempt: takes a rate-limiter permit, arms the attempt's deadline
/// (<see cref="Deadline"/>), reads the answer inside the attempt (<see cref="PooledContent.ReadAsync"/>), tells the call's record how the attempt ended,
/// and tells the processes sharing the quota about a 429. It writes HttpClientFactory's request lines for both (<see cref="HttpLog"/>).
/// </summary>
/// <remarks>
/// <para>One handler for what were five layers (the factory's two logging handlers, a send-once guard,
/// Microsoft.Extensions.Http.Resilience's handler, a buffering handler): each was an async step, a task and, over
/// sockets, a state machine on the heap for every call.</para>
/// <para>A handler outside the SDK's (an app-wide retry handler the SDK could not remove) that repeats a request would
/// otherwise send a second audit or review; such a repeat is refused before it leaves. The SDK's own retries run in the
/// pipeline and call the inner handler directly.</para>
/// <para>Reading the answer inside the attempt (a small success whole, a larger one through the call's deserializer as
/// it arrives, an error's start): otherwise Refit would read the body after the pipeline has returned, so a body that
/// stalls would escape both timeouts (the HttpClient's own is off) and a connection lost mid-body would escape the
/// retry rules. It judges no answer: whether a status or a body is acceptable is decided once, by
/// <see cref="ApiCall"/>, where the operation is known.</para>
/// <para>The shared-quota hold is capped by <c>MaxRetryAfter</c>, so that no wait is unbounded.</para>
/// </remarks>
internal sealed class VendorPipelineHandler(
    VendorRuntime runtime,
    ResiliencePipeline<HttpResponseMessage> pipeline,
    Deadline? total,
    RateLimiter? limiter,
    Deadline? deadline,
    HttpLog log,
    TimeProvider time)
    : DelegatingHandler
{
    /// <summary>
    /// The handler of a vendor's HttpClient: the call's total deadline around the pipeline (the retries), and each
    /// attempt's permit and deadline inside it.
    /// </summary>
    public VendorPipelineHandler(VendorRuntime runtime, ResiliencePipeline<HttpResponseMessage> pipeline, HttpLog log, TimeProvider time)
        : this(
            runtime,
            pipeline,
            new Deadline(runtime.Resilience.TotalTimeout, time),
            runtime.RateLimiter,
            new Deadline(runtime.Resilience.AttemptTimeout, time),
            log,
            time)
    {
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var record = CallRecord.Of(request);
        if (record is { Sent: true, Operation.RepeatSafe: false })
        {
            record.RefusedForeignRepeat();

            // The one throw of the SDK's handler, and it must stay one: the only way to stop the foreign handler from
            // sending is to fail its attempt, and an answer made up here would be read by that handler (and maybe by
            // the app) as the vendor's. ApiCall turns it into an AuditApiException with MayHaveTakenEffect.
            throw new InvalidOperationException(
                $"A handler outside the SDK's pipeline tried to send {request.Method} {request.RequestUri?.AbsolutePath} again. "
                + "The SDK sends a request that may create a duplicate at most once and applies its own retry rules: do not "
                + "add retrying handlers to the AuditClient.* HttpClients.");
        }

        if (runtime.IsDisposed)
        {
            throw Disposed(request, record, "was made after they were");
        }

        record?.Entered(request, runtime, time);
        var started = log.CallStarting(request);

        // The total timeout covers every attempt, every backoff and every wait for a permit; within a call made of
        // several HTTP calls (a reconciled write), it is what is left of that call's.
        var budget = record?.Budget;
        using var whole = total?.Start(cancellationToken, budget?.Next(total.Timeout, time), runtime.Disposing);
        var context = ResilienceContextPool.Shared.Get(whole?.Token ?? cancellationToken);

        // Where the retry rules find the request of an attempt that ended without an answer.
        context.SetRequestMessage(request);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static (context, state) => state.Handler.AttemptAsync(state.Request, state.Call, context.CancellationToken),
                context,
                (Handler: this, Request: request, Call: record)).ConfigureAwait(false);
            log.CallEnded(started, request, outcome.Result, outcome.Exception);

            // Ended by the clients' disposal (its cancellation, or the limiter it disposed refusing the waiting permit):
            // said as such, not as a timeout or a full queue that a caller would try again.
            if (outcome.Exception is not null && runtime.IsDisposed)
            {
                throw Disposed(request, record, "was in flight");
            }

            // A call the total deadline ended is Polly's timeout, whatever the aborted attempt or backoff threw.
            if (outcome.Exception is { } exception && whole?.Classify(exception) is { } timedOut && !ReferenceEquals(timedOut, exception))
            {
                budget?.Spend();
                throw timedOut;
            }

            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    // What a write that ended this way may have done is said as the family says it, so that no one resends blindly.
    private ClientsDisposedException Disposed(HttpRequestMessage request, CallRecord? call, string when)
    {
        var write = call is { Operation.IsRead: false };
        var mayHaveTakenEffect = write && call!.MayHaveTakenEffect;
        var effect = !write
            ? string.Empty
            : mayHaveTakenEffect ? " The request may have taken effect: check at the vendor before sending it again." : " It has not taken effect.";
        return new ClientsDisposedException(
            $"The clients were disposed: {request.Method} {request.RequestUri?.AbsolutePath} to {runtime.Vendor} {when}.{effect}",
            mayHaveTakenEffect);
    }

    private async ValueTask<Outcome<HttpResponseMessage>> AttemptAsync(HttpRequestMessage request, CallRecord? call, CancellationToken cancellationToken)
    {
        // The permit first, so that waiting for it counts against the total timeout and not the attempt's.
        RateLimitLease? lease = null;
        if (limiter is not null)
        {
            try
            {
                lease = await PermitAsync(limiter, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                return Outcome.FromException<HttpResponseMessage>(exception);
            }

            if (!lease.IsAcquired)
            {
                var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : (TimeSpan?)null;
                lease.Dispose();
                return Outcome.FromException<HttpResponseMessage>(retryAfter is { } after ? new RateLimiterRejectedException(after) : new RateLimiterRejectedException());
            }
        }

        // Nothing leaves once the clients are disposed, even on a permit a waiter was granted as they went.
        if (runtime.IsDisposed)
        {
            lease?.Dispose();
            return Outcome.FromException<HttpResponseMessage>(new OperationCanceledException(runtime.Disposing));
        }

        // Released after the body is read: the concurrency limit counts answers being read, not only requests in flight.
        using var held = lease;
        using var attempt = deadline?.Start(cancellationToken);
        var token = attempt?.Token ?? cancellationToken;
        var started = log.AttemptStarting(request);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            call?.Failed(exception, answerStarted: false);
            log.AttemptFailed(started, request, exception);
            return Outcome.FromException<HttpResponseMessage>(attempt?.Classify(exception) ?? exception);
        }

        log.AttemptAnswered(started, response);

        // Before the body is read: the vendor asked every sender to wait whether or not this body arrives whole.
        if (response.StatusCode == HttpStatusCode.TooManyRequests
            && runtime.SharedLimiter is { } shared
            && RetryAfterHeader.Of(response, time) is { } retryWait
            && retryWait > TimeSpan.Zero)
        {
            shared.Hold(retryWait < runtime.Resilience.MaxRetryAfter ? retryWait : runtime.Resilience.MaxRetryAfter);
        }

        try
        {
            await PooledContent.ReadAsync(response, call?.Reader, runtime.Resilience.MaxResponseBytes, token).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            call?.Failed(exception, answerStarted: true);
            response.Dispose();

            // A deadline that aborted the read surfaces as whatever the aborted read threw: classified by the deadline.
            return Outcome.FromException<HttpResponseMessage>(attempt?.Classify(exception) ?? exception);
        }

        call?.Answered(response);

        // Read once, on arrival: the retry rule, the shared hold and the exception see the same wait. A success is
        // neither retried nor held for, and its headers are left unread.
        if (!response.IsSuccessStatusCode)
        {
            _ = RetryAfterHeader.Of(response, time);
        }

        return Outcome.FromResult(response);
    }

    // A permit granted at once costs no clock reading and no async frame; a wait is measured and logged.
    private ValueTask<RateLimitLease> PermitAsync(RateLimiter limiter, CancellationToken cancellationToken)
    {
        var pending = limiter.AcquireAsync(1, cancellationToken);
        if (pending.IsCompletedSuccessfully)
        {
            if (AuditTelemetry.RateLimiterWait.Enabled)
            {
                AuditTelemetry.RateLimiterWait.Record(0, new TagList { { AuditTelemetry.VendorTag, runtime.Profile.Tag } });
            }

            return pending;
        }

        return WaitAsync(pending);

        async ValueTask<RateLimitLease> WaitAsync(ValueTask<RateLimitLease> waiting)
        {
            var started = Stopwatch.GetTimestamp();
            var lease = await waiting.ConfigureAwait(false);
            var wait = Stopwatch.GetElapsedTime(started);
            AuditTelemetry.RateLimiterWait.Record(wait.TotalSeconds, new TagList { { AuditTelemetry.VendorTag, runtime.Profile.Tag } });
            if (lease.IsAcquired)
            {
                AuditLog.RateLimiterWait(runtime.Log, runtime.Profile.Tag, wait);
            }

            return lease;
        }
    }
}
