namespace AuditClient.Core.Http;

/// <summary>
/// The outermost handler of the SDK's own: a request that may create something passes it once. A handler outside
/// the SDK's pipeline that repeats requests (an app-wide retry handler the SDK could not remove) would otherwise send
/// a second audit or review; such a repeat is refused before it leaves. The SDK's own retries run inside, below it.
/// </summary>
internal sealed class SendOnceHandler : DelegatingHandler
{
    private static readonly HttpRequestOptionsKey<bool> Sent = new("AuditClient.Sent");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(Sent, out _) && !RetryRules.IsRepeatSafe(request))
        {
            throw new InvalidOperationException(
                $"A handler outside the SDK's pipeline tried to send {request.Method} {request.RequestUri?.AbsolutePath} again. "
                + "The SDK sends a request that may create a duplicate at most once and applies its own retry rules: do not "
                + "add retrying handlers to the AuditClient.* HttpClients.");
        }

        request.Options.Set(Sent, true);
        return base.SendAsync(request, cancellationToken);
    }
}
