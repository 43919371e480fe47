using System.Net;
using AuditClient.Core.Errors;

namespace AuditClient.Core.Http;

/// <summary>
/// Reads each attempt's whole answer inside the attempt. Without it, Refit reads the body after the resilience
/// pipeline has returned: a body that stalls would escape both timeouts (the HttpClient's own is off), and a
/// connection lost mid-body would escape the retry rules. A success without a body is refused here, where its status
/// and request are still known, unless the request is marked <see cref="EmptyBodyAccepted"/> (an endpoint whose 2xx
/// means "taken" whatever its body). 202 Accepted and 204 No Content are never refused: the vendor took the request,
/// and an error would only invite a duplicate resubmission.
/// </summary>
internal sealed class ResponseBufferingHandler(AuditVendor vendor) : DelegatingHandler
{
    /// <summary>Set by a client on a request whose success needs no body.</summary>
    public const string EmptyBodyAcceptedName = "AuditClient.EmptyBodyAccepted";

    public static readonly HttpRequestOptionsKey<bool> EmptyBodyAccepted = new(EmptyBodyAcceptedName);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
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
#endif
            cancellationToken.ThrowIfCancellationRequested();
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            response.Dispose();
            throw new OperationCanceledException(cancellationToken);
        }
        catch
        {
            response.Dispose();
            throw;
        }

        if (response.IsSuccessStatusCode
            && response.StatusCode is not (HttpStatusCode.NoContent or HttpStatusCode.Accepted)
            && response.Content.Headers.ContentLength == 0
            && !(request.Options.TryGetValue(EmptyBodyAccepted, out var accepted) && accepted))
        {
            using (response)
            {
                throw ErrorMapper.EmptySuccessBody(vendor, response);
            }
        }

        return response;
    }
}
