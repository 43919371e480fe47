using Polly;

namespace AuditClient.Core.Http;

/// <summary>
/// The outermost of the SDK's two handlers: introduces the request to its <see cref="CallRecord"/> (the request as
/// sent, the vendor's runtime), lets a request that may create something pass once, and runs every attempt through
/// the vendor's resilience pipeline (<see cref="VendorPipeline"/>), built once per vendor and account. One handler for
/// what were three layers (a send-once guard, Microsoft.Extensions.Http.Resilience's handler and the factory's logging
/// handler around them): every layer was an async step, a task and, over sockets, a state machine on the heap for each
/// call.
/// </summary>
/// <remarks>
/// A handler outside the SDK's (an app-wide retry handler the SDK could not remove) that repeats a request would
/// otherwise send a second audit or review; such a repeat is refused before it leaves. The SDK's own retries run inside,
/// in the pipeline, and call the inner handler directly.
/// </remarks>
internal sealed class VendorPipelineHandler(VendorRuntime runtime, ResiliencePipeline<HttpResponseMessage> pipeline, HttpLog log, TimeProvider time)
    : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = CallRecord.Of(request);
        if (call is { Sent: true, Operation.RepeatSafe: false })
        {
            call.RefusedForeignRepeat();

            // The one throw of the SDK's handlers, and it must stay one: the only way to stop the foreign handler from
            // sending is to fail its attempt, and an answer made up here would be read by that handler (and maybe by
            // the app) as the vendor's. ApiCall turns it into an AuditApiException with MayHaveTakenEffect.
            throw new InvalidOperationException(
                $"A handler outside the SDK's pipeline tried to send {request.Method} {request.RequestUri?.AbsolutePath} again. "
                + "The SDK sends a request that may create a duplicate at most once and applies its own retry rules: do not "
                + "add retrying handlers to the AuditClient.* HttpClients.");
        }

        call?.Entered(request, runtime, time);
        var started = log.CallStarting(request);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);

        // Where the retry rules find the request of an attempt that ended without an answer.
        context.SetRequestMessage(request);
        try
        {
            var outcome = await pipeline.ExecuteOutcomeAsync(
                static async (context, state) =>
                {
                    try
                    {
                        return Outcome.FromResult(await state.Handler.SendAttemptAsync(state.Request, context.CancellationToken).ConfigureAwait(false));
                    }
                    catch (Exception exception)
                    {
                        return Outcome.FromException<HttpResponseMessage>(exception);
                    }
                },
                context,
                (Handler: this, Request: request)).ConfigureAwait(false);
            log.CallEnded(started, request, outcome.Result, outcome.Exception);
            outcome.ThrowIfException();
            return outcome.Result!;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private Task<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        base.SendAsync(request, cancellationToken);
}
