using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AuditClient.Cli.Tests.Support;

/// <summary>
/// A CloudFactory <c>task_reviewed</c> endpoint on a raw loopback socket that answers the first
/// <c>answerFirst</c> reviews at once and holds every later one unanswered until <see cref="Open"/>, so that a test
/// knows exactly which sends the server answered when it signals or kills the client. It logs each review's
/// <c>unique_id</c> when received and when its answer has been written.
/// </summary>
internal sealed class GatedServer : IAsyncDisposable
{
    private const string Answer = "{\"message\":\"Data successfully received.\"}";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<string> _received = [];
    private readonly List<string> _answered = [];
    private readonly List<Task> _connections = [];
    private readonly int _answerFirst;
    private int _admitted;
    private Task _accepting = Task.CompletedTask;

    private GatedServer(int answerFirst)
    {
        _answerFirst = answerFirst;
    }

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The distinct <c>unique_id</c>s received, in order (a retry of one is not counted twice).</summary>
    public IReadOnlyList<string> Received
    {
        get
        {
            lock (_lock)
            {
                return _received.ToList();
            }
        }
    }

    /// <summary>The <c>unique_id</c>s whose answer was written to the socket.</summary>
    public IReadOnlyList<string> Answered
    {
        get
        {
            lock (_lock)
            {
                return _answered.ToList();
            }
        }
    }

    public static GatedServer Start(int answerFirst)
    {
        var server = new GatedServer(answerFirst);
        server._listener.Start();
        server.BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)server._listener.LocalEndpoint).Port}/");
        server._accepting = server.AcceptAsync();
        return server;
    }

    /// <summary>The settings that point the tool's CloudFactory client here, with timeouts long enough that nothing is retried while held.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["AuditClients__CloudFactory__ApiKey"] = "gated-server-test-key",
        ["AuditClients__CloudFactory__BaseAddress"] = BaseAddress.ToString(),
        ["AuditClients__CloudFactory__Resilience__AttemptTimeout"] = "00:10:00",
        ["AuditClients__CloudFactory__Resilience__TotalTimeout"] = "00:20:00",
    };

    /// <summary>Answers the reviews held so far and every later one at once.</summary>
    public void Open() => _open.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        Task[] connections;
        lock (_lock)
        {
            connections = [.. _connections];
        }

        await Task.WhenAll(connections);
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

            lock (_lock)
            {
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        try
        {
            while (await ReadRequestAsync(stream) is { } request)
            {
                var (target, body) = request;
                if (!target.EndsWith("/task_reviewed", StringComparison.Ordinal))
                {
                    await WriteAsync(stream, 404, "{\"error\":\"not found\"}");
                    continue;
                }

                var key = JsonDocument.Parse(body).RootElement.GetProperty("unique_id").GetString()!;
                bool now;
                lock (_lock)
                {
                    if (!_received.Contains(key))
                    {
                        _received.Add(key);
                    }

                    now = _admitted++ < _answerFirst;
                }

                if (!now)
                {
                    await _open.Task.WaitAsync(_stop.Token);
                }

                await WriteAsync(stream, 202, Answer);
                lock (_lock)
                {
                    _answered.Add(key);
                }
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away (killed), or the server is stopping.
        }
    }

    private async Task<(string Target, byte[] Body)?> ReadRequestAsync(NetworkStream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, _stop.Token) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString([.. head]).Split("\r\n");
        var target = lines[0].Split(' ')[1];
        var headers = lines.Skip(1).Where(l => l.Contains(':', StringComparison.Ordinal))
            .ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)].Trim(), l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = new MemoryStream();
        if (headers.TryGetValue("Content-Length", out var length))
        {
            var buffer = new byte[int.Parse(length, CultureInfo.InvariantCulture)];
            await stream.ReadExactlyAsync(buffer, _stop.Token);
            body.Write(buffer);
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            while (true)
            {
                var size = int.Parse(await ReadLineAsync(stream), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var chunk = new byte[size + 2];
                await stream.ReadExactlyAsync(chunk, _stop.Token);
                if (size == 0)
                {
                    break;
                }

                body.Write(chunk, 0, size);
            }
        }

        return (target, body.ToArray());
    }

    private async Task<string> ReadLineAsync(NetworkStream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one, _stop.Token) == 1 && one[0] != '\n')
        {
            if (one[0] != '\r')
            {
                line.Append((char)one[0]);
            }
        }

        return line.ToString();
    }

    private async Task WriteAsync(NetworkStream stream, int status, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var head = Encoding.ASCII.GetBytes($"HTTP/1.1 {status} {(status == 202 ? "Accepted" : "Not Found")}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        await stream.WriteAsync(head, _stop.Token);
        await stream.WriteAsync(body, _stop.Token);
        await stream.FlushAsync(_stop.Token);
    }
}
