using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AuditClient.RawHttp;

/// <summary>
/// An HTTP/1.1 server on 127.0.0.1 written on a raw <see cref="TcpListener"/>, for what no framework would do: record a
/// request's target with its escapes untouched (Kestrel decodes them), answer with a byte-order mark, a body of
/// hundreds of megabytes written as it is generated, a body that stalls or breaks off mid-way, a header no parser
/// accepts, or no answer until the test says so. The server does the transport: it reads each request (its head, and
/// its body by <c>Content-Length</c> or in chunks), records it, and hands it to the test's answer, which writes the
/// whole answer (status line, headers, body) itself. Connections are kept alive unless the server was started to close
/// each after its answer. A client that goes away, or an answer that throws an <see cref="IOException"/>, ends its
/// connection only. Compiled into each test project that needs it.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable, IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<RawRequest, Stream, CancellationToken, Task> _answer;
    private readonly bool _closeAfterAnswer;
    private readonly List<Task> _connections = [];
    private readonly List<RawRequest> _requests = [];
    private readonly Task _accepting;
    private int _disposed;

    private RawHttpServer(Func<RawRequest, Stream, CancellationToken, Task> answer, bool closeAfterAnswer)
    {
        _answer = answer;
        _closeAfterAnswer = closeAfterAnswer;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}/");
        _accepting = Task.Run(AcceptAsync);
    }

    public Uri Url { get; }

    /// <summary>The requests received, in order of arrival.</summary>
    public IReadOnlyList<RawRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>
    /// Starts a server that answers every request with <paramref name="answer"/>; with <paramref name="closeAfterAnswer"/>,
    /// each connection is shut down once its first answer is written (one request per connection).
    /// </summary>
    public static RawHttpServer Start(Func<RawRequest, Stream, CancellationToken, Task> answer, bool closeAfterAnswer = false) =>
        new(answer, closeAfterAnswer);

    /// <summary>The status line and headers of an answer, ending with the empty line.</summary>
    public static byte[] Head(int status, string reason, params string[] headers) =>
        Encoding.ASCII.GetBytes($"HTTP/1.1 {status.ToString(CultureInfo.InvariantCulture)} {reason}\r\n{string.Concat(headers.Select(h => h + "\r\n"))}\r\n");

    /// <summary>A whole JSON answer with a <c>Content-Length</c>, and <paramref name="headers"/> after it.</summary>
    public static async Task WriteAsync(Stream stream, int status, string reason, byte[] body, CancellationToken cancellationToken, params string[] headers)
    {
        await stream.WriteAsync(Head(status, reason, ["Content-Type: application/json", $"Content-Length: {body.Length.ToString(CultureInfo.InvariantCulture)}", .. headers]), cancellationToken);
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

    /// <summary>Stops listening, ends every connection (an answer still held sees its token cancelled) and waits for them.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

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

    /// <summary>As <see cref="DisposeAsync"/>, for a <c>using</c> that is not awaited (bounded to 30 seconds).</summary>
    public void Dispose() => Task.Run(() => DisposeAsync().AsTask()).Wait(TimeSpan.FromSeconds(30));

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
                _connections.Add(Task.Run(() => ServeAsync(client)));
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
                        request = read with { Arrival = _requests.Count + 1 };
                        _requests.Add(request);
                    }

                    await _answer(request, stream, _stop.Token);
                    await stream.FlushAsync(_stop.Token);
                    if (_closeAfterAnswer)
                    {
                        client.Client.Shutdown(SocketShutdown.Send);
                        return;
                    }
                }
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away, the answer cut the connection off, or the test ended: this connection is done.
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
        var request = new RawRequest(lines[0], [.. lines.Skip(1).Where(l => l.Length > 0)], [], 0);
        var body = new MemoryStream();
        if (request.Header("Content-Length") is { } length)
        {
            var buffer = new byte[int.Parse(length, CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(buffer, cancellationToken);
            body.Write(buffer);
        }
        else if (request.Header("Transfer-Encoding") is { } encoding && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (true)
            {
                var size = int.Parse(await ReadLineAsync(stream, cancellationToken), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var chunk = new byte[size + 2];
                await stream.ReadExactlyAsync(chunk, cancellationToken);
                if (size == 0)
                {
                    break;
                }

                body.Write(chunk, 0, size);
            }
        }

        return request with { Body = body.ToArray() };
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one, cancellationToken) == 1 && one[0] != '\n')
        {
            if (one[0] != '\r')
            {
                line.Append((char)one[0]);
            }
        }

        return line.ToString();
    }
}

/// <summary>
/// A request as <see cref="RawHttpServer"/> read it: its request line as it came over the socket
/// (<c>GET /v1/tasks?... HTTP/1.1</c>), its header lines, its body, and its place in the order of arrival (from 1).
/// </summary>
internal sealed record RawRequest(string Line, IReadOnlyList<string> HeaderLines, byte[] Body, int Arrival)
{
    /// <summary>The request's method, such as <c>GET</c>.</summary>
    public string Method => Line.Split(' ')[0];

    /// <summary>The request's target as sent, escapes untouched, such as <c>/v1/task/abc</c>.</summary>
    public string Target => Line.Split(' ')[1];

    /// <summary>The value of the first header named <paramref name="name"/> (any case), trimmed; null when there is none.</summary>
    public string? Header(string name) => HeaderLines
        .Select(l => l.Split(':', 2))
        .Where(p => p.Length == 2 && p[0].Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
        .Select(p => p[1].Trim())
        .FirstOrDefault();
}
