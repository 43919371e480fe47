namespace AuditClient.Core.Http;

/// <summary>
/// The outermost handler of the SDK's own: it introduces the request to its <see cref="CallRecord"/> (the request as
/// sent, the vendor's runtime), and lets a request that may create something pass once. A handler outside the SDK's
/// pipeline that repeats requests (an app-wide retry handler the SDK could not remove) would otherwise send a second
/// audit or review; such a repeat is refused before it leaves. The SDK's own retries run inside, below it.
/// </summary>
internal sealed class SendOnceHandler(VendorRuntime runtime, TimeProvider time) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
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
        return base.SendAsync(request, cancellationToken);
    }
}
