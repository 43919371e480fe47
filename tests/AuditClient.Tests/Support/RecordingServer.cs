using System.Collections.Concurrent;
using System.Text;
using AuditClient.RawHttp;

namespace AuditClient.Tests.Support;

/// <summary>
/// A <see cref="RawHttpServer"/> that records each request's line exactly as it came over the socket (method and
/// target, escapes untouched: Kestrel would decode them) and its body, and answers every request with one canned 200,
/// one request per connection.
/// </summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly RawHttpServer _server;

    private RecordingServer(string answer)
    {
        var payload = Encoding.UTF8.GetBytes(answer);
        _server = RawHttpServer.Start(
            (request, stream, ct) =>
            {
                RequestLines.Enqueue(request.Line);
                Bodies.Enqueue(request.Body);
                return RawHttpServer.WriteAsync(stream, 200, "OK", payload, ct, "Connection: close");
            },
            closeAfterAnswer: true);
    }

    public Uri Url => _server.Url;

    /// <summary>Every request line received, such as <c>GET /v1/task/abc HTTP/1.1</c>.</summary>
    public ConcurrentQueue<string> RequestLines { get; } = new();

    /// <summary>Every request body received, as UTF-8 bytes.</summary>
    public ConcurrentQueue<byte[]> Bodies { get; } = new();

    /// <summary>A server answering every request with 200 and <paramref name="answer"/> as its JSON body.</summary>
    public static RecordingServer Start(string answer) => new(answer);

    /// <summary>Clients for both vendors pointed at this server, with the <see cref="FastRetries"/> preset, tuned by <paramref name="configure"/>.</summary>
    public AuditClients Clients(Action<AuditClientOptions>? configure = null) => AuditClients.Create(o =>
    {
        o.Scale.ApiKey = Loopback.ScaleKey;
        o.Scale.BaseAddress = Url;
        o.CloudFactory.ApiKey = Loopback.CloudFactoryKey;
        o.CloudFactory.BaseAddress = Url;
        FastRetries.Apply(o);
        configure?.Invoke(o);
    });

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}
