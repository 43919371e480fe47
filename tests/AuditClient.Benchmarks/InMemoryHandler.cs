using System.Net;
using System.Net.Http.Headers;

namespace AuditClient.Benchmarks;

/// <summary>Answers every request with the same canned JSON, without network, so only the client stacks are compared.</summary>
public sealed class InMemoryHandler(HttpStatusCode status, byte[] body) : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            // Drain the body as a server would, so lazily serialized bodies are really written.
            await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
        }

        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new ByteArrayContent(body) };
        response.Content.Headers.ContentType = Json;
        return response;
    }
}
