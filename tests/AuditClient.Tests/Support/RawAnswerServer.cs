using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AuditClient.Tests.Support;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 written on a raw <see cref="TcpListener"/>, for answers no framework would send:
/// a byte-order mark before the JSON, a body of hundreds of megabytes written as it is generated, a body that stalls or
/// breaks off mid-way. Each request (its head, and its body by <c>Content-Length</c>) is read, then handed to the
/// test's answer, which writes the whole answer (status line, headers, body) itself; connections are kept alive.
/// </summary>
internal sealed class RawAnswerServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<RawRequest, Stream, CancellationToken, Task> _answer;
    private readonly List<Task> _connections = [];
    private readonly List<string> _requests = [];
    private readonly Task _accepting;

    private RawAnswerServer(Func<RawRequest, Stream, CancellationToken, Task> answer)
    {
        _answer = answer;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>The request lines received (<c>GET /v1/tasks?... HTTP/1.1</c>), in order.</summary>
    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server that answers every request with <paramref name="answer"/>.</summary>
    public static RawAnswerServer Start(Func<RawRequest, Stream, CancellationToken, Task> answer) => new(answer);

    /// <summary>The status line and headers of an answer, ending with the empty line.</summary>
    public static byte[] Head(int status, string reason, params string[] headers) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 {status.ToString(CultureInfo.InvariantCulture)} {reason}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n");

    /// <summary>A whole answer with a <c>Content-Length</c>.</summary>
    public static async Task WriteAsync(Stream stream, int status, string reason, byte[] body, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Head(status, reason, "Content-Type: application/json", $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}"), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
    }

    /// <summary>A whole answer in chunks of <paramref name="chunk"/> bytes (<c>Transfer-Encoding: chunked</c>).</summary>
    public static async Task WriteChunkedAsync(Stream stream, int status, string reason, byte[] body, int chunk, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Head(status, reason, "Content-Type: application/json", "Transfer-Encoding: chunked"), cancellationToken);
        for (var offset = 0; offset < body.Length; offset += chunk)
        {
            await WriteChunkAsync(stream, body.AsMemory(offset, Math.Min(chunk, body.Length - offset)), cancellationToken);
        }

        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
    }

    /// <summary>One chunk of a chunked body.</summary>
    public static async Task WriteChunkAsync(Stream stream, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(Encoding.ASCII.GetBytes(data.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
        await stream.WriteAsync(data, cancellationToken);
        await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] connections;
        lock (_connections)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections.Append(_accepting)).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_connections)
            {
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            try
            {
                while (await ReadRequestAsync(stream, _stop.Token) is { } read)
                {
                    RawRequest request;
                    lock (_requests)
                    {
                        _requests.Add(read.Line);
                        request = read with { Arrival = _requests.Count };
                    }

                    await _answer(request, stream, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away (or the test ended): this connection is done.
            }
        }
    }

    private static async Task<RawRequest?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n");
        var length = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(p => int.Parse(p[1].Trim(), CultureInfo.InvariantCulture))
            .FirstOrDefault();
        var body = new byte[length];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return new RawRequest(lines[0], body, 0);
    }
}

/// <summary>A request as <see cref="RawAnswerServer"/> read it: its request line, its body, and its place in the order of arrival (from 1).</summary>
internal sealed record RawRequest(string Line, byte[] Body, int Arrival);
