using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AuditClient.Tests.Support;

/// <summary>
/// A raw HTTP/1.1 server on 127.0.0.1 that records each request's line exactly as it came over the socket (method and
/// target, escapes untouched: Kestrel would decode them) and its body, and answers every request with one canned 200.
/// </summary>
internal sealed class RecordingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly string _answer;

    private RecordingServer(string answer)
    {
        _answer = answer;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

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

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                var head = new List<byte>();
                var one = new byte[1];
                while (!EndsWithBlankLine(head))
                {
                    if (await stream.ReadAsync(one, _stop.Token) == 0)
                    {
                        return;
                    }

                    head.Add(one[0]);
                }

                var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n");
                RequestLines.Enqueue(lines[0]);
                var length = lines
                    .Select(l => l.Split(':', 2))
                    .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                    .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture))
                    .FirstOrDefault();
                var body = new byte[length];
                await stream.ReadExactlyAsync(body, _stop.Token);
                Bodies.Enqueue(body);

                var payload = Encoding.UTF8.GetBytes(_answer);
                var answer = Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\nConnection: close\r\n\r\n");
                await stream.WriteAsync(answer, _stop.Token);
                await stream.WriteAsync(payload, _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException)
            {
                // The client went away or the server stopped.
            }
        }
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}
