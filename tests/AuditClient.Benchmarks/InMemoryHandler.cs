using System.Net;
using System.Net.Http.Headers;

namespace AuditClient.Benchmarks;

/// <summary>
/// Answers every request with a canned JSON body chosen by the request's method alone (no URI parsing, so the handler
/// adds the same small, fixed cost to every stack it serves). No network: only the client stacks are compared.
/// </summary>
public sealed class InMemoryHandler : HttpMessageHandler
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly Dictionary<HttpMethod, (HttpStatusCode Status, byte[] Body)> _answers = [];

    /// <summary>
    /// Answers after yielding the thread, as a socket does: every async frame above the handler then suspends and is
    /// resumed (a state machine on the heap, a continuation), which a synchronous answer never costs. For the probes
    /// (<c>--paired</c>, <c>--alloc --yield</c>); the BenchmarkDotNet suites answer synchronously.
    /// </summary>
    public bool Yield { get; set; }

    /// <summary>Set while checking a stack (never while measuring): sees each request and its body bytes.</summary>
    public Action<HttpRequestMessage, byte[]?>? Inspect { get; set; }

    public InMemoryHandler Answer(HttpMethod method, HttpStatusCode status, byte[] body)
    {
        _answers[method] = (status, body);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (Yield)
        {
            await Task.Yield();
        }

        byte[]? sent = null;
        if (request.Content is { } content)
        {
            // Drain the body as a server would, so lazily serialized bodies are really written.
            if (Inspect is null)
            {
                await content.CopyToAsync(Stream.Null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                sent = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        Inspect?.Invoke(request, sent);
        var (status, body) = _answers[request.Method];
        var response = new HttpResponseMessage(status) { RequestMessage = request, Content = new ByteArrayContent(body) };
        response.Content.Headers.ContentType = Json;
        return response;
    }
}
