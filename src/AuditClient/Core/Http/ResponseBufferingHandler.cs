namespace AuditClient.Core.Http;

/// <summary>
/// The innermost of the SDK's handlers: reads each attempt's whole answer inside the attempt, and tells the call's
/// <see cref="CallRecord"/> how the attempt ended. Without the reading, Refit would read the body after the resilience
/// pipeline has returned: a body that stalls would escape both timeouts (the HttpClient's own is off), and a connection
/// lost mid-body would escape the retry rules. It judges no answer: whether a status or a body is acceptable is
/// decided once, by <see cref="ApiCall"/>, where the operation is known.
/// </summary>
internal sealed class ResponseBufferingHandler(TimeProvider time) : DelegatingHandler
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

        try
        {
#if NET9_0_OR_GREATER
            await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#else
            // .NET 8 cannot cancel the read itself; disposing the answer aborts it.
            using (cancellationToken.Register(static r => ((HttpResponseMessage)r!).Dispose(), response))
            {
                await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            }

            // A read cut short by that disposal may end as if complete: what it read is not the answer.
            cancellationToken.ThrowIfCancellationRequested();
#endif
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
