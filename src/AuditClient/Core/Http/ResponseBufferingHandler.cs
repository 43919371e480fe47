using System.Net;

namespace AuditClient.Core.Http;

/// <summary>
/// The innermost of the SDK's handlers: reads each attempt's whole answer inside the attempt, and tells the call's
/// <see cref="CallRecord"/> how the attempt ended. Without the reading, Refit would read the body after the resilience
/// pipeline has returned: a body that stalls would escape both timeouts (the HttpClient's own is off), and a connection
/// lost mid-body would escape the retry rules. It judges no answer: whether a status or a body is acceptable is
/// decided once, by <see cref="ApiCall"/>, where the operation is known.
/// </summary>
/// <remarks>
/// It also tells the processes sharing a vendor's quota about a 429 with <c>Retry-After</c>, so that they all hold
/// back until then instead of each finding out by itself; the hold is capped by <c>MaxRetryAfter</c>, so that no wait
/// is unbounded. Here rather than in a handler of its own: it must see every attempt's answer, as this handler does,
/// and a layer per attempt costs every call an async step for what only a 429 of a shared quota needs.
/// </remarks>
internal sealed class ResponseBufferingHandler(VendorRuntime vendor, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var call = CallRecord.Of(request);
        HttpResponseMessage response;
        try
        {
            response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            call?.Failed(exception, answerStarted: false);
            throw;
        }

        // Before the body is read: the vendor asked every sender to wait whether or not this body arrives whole.
        if (response.StatusCode == HttpStatusCode.TooManyRequests
            && vendor.SharedLimiter is { } shared
            && RetryAfterHeader.Of(response, time) is { } wait
            && wait > TimeSpan.Zero)
        {
            shared.Hold(wait < vendor.Resilience.MaxRetryAfter ? wait : vendor.Resilience.MaxRetryAfter);
        }

        try
        {
            await PooledContent.LoadAsync(response, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            call?.Failed(exception, answerStarted: true);
            response.Dispose();
            if (cancellationToken.IsCancellationRequested && exception is not OperationCanceledException)
            {
                // An attempt timeout that aborted the read surfaces as whatever the aborted read threw; Polly recognises
                // its own timeout only by a cancellation.
                throw new OperationCanceledException(exception.Message, exception, cancellationToken);
            }

            throw;
        }

        call?.Answered(response);

        // Read once, on arrival: the retry rule, the shared hold and the exception see the same wait.
        _ = RetryAfterHeader.Of(response, time);
        return response;
    }
}
