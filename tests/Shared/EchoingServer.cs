using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AuditClient.Echoes;

/// <summary>
/// A hostile vendor on a raw socket of 127.0.0.1: it answers every request with what <see cref="Answer"/> builds from
/// the request's line and body, headers written byte for byte as given (so that a header may hold anything, even a
/// line no parser accepts), one request per connection. Compiled into each test project that needs it.
/// </summary>
internal sealed class EchoingServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Func<string, string, EchoAnswer> _answer;
    private readonly Task _loop;

    private EchoingServer(Func<string, string, EchoAnswer> answer)
    {
        _answer = answer;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(AcceptAsync);
    }

    public Uri Url { get; }

    /// <summary>How many requests arrived.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private int _requests;

    /// <summary>Starts a server whose answer is built from the request line and body.</summary>
    public static EchoingServer Start(Func<string, string, EchoAnswer> answer) => new(answer);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(30));
        }
        catch (AggregateException)
        {
            // The accept loop ends with the listener.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var _ = socket;
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
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
            var length = lines.Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                .Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            var body = new byte[length];
            await stream.ReadExactlyAsync(body, _stop.Token);
            Interlocked.Increment(ref _requests);

            var answer = _answer(lines[0], Encoding.UTF8.GetString(body));
            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            var text = new StringBuilder($"HTTP/1.1 {answer.Status} Status\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n");
            foreach (var header in answer.HeaderLines)
            {
                text.Append(header).Append("\r\n");
            }

            await stream.WriteAsync(Encoding.UTF8.GetBytes(text.Append("\r\n").ToString()), _stop.Token);
            await stream.WriteAsync(bytes, _stop.Token);
            await stream.FlushAsync(_stop.Token);
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away; the next request gets its own connection.
        }
    }

    private static bool EndsWithBlankLine(List<byte> head) =>
        head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n';
}

/// <summary>One answer of <see cref="EchoingServer"/>: status, header lines as written, body.</summary>
internal sealed record EchoAnswer(int Status, string Body, params string[] HeaderLines);

/// <summary>
/// The forms in which a vendor may echo a secret: as is, JSON-escaped by different encoders, percent-encoded, as an HTML
/// character reference. Keys that contain '/', '+', '&amp;', '&lt;' and '"' make every form differ from the others.
/// </summary>
internal static class EchoForms
{
    public static IReadOnlyDictionary<string, Func<string, string>> All { get; } = new Dictionary<string, Func<string, string>>
    {
        ["as is"] = s => s,
        ["JSON-escaped by System.Text.Json"] = s => JsonSerializer.Serialize(s)[1..^1],
        ["JSON-escaped with \\/ and lower-case \\u hex"] = s => string.Concat(s.Select(c =>
            c == '/' ? "\\/" : char.IsAsciiLetterOrDigit(c) ? c.ToString() : $"\\u{(int)c:x4}")),
        ["JSON-escaped twice (JSON in a JSON string)"] = s => JsonSerializer.Serialize(JsonSerializer.Serialize(s)[1..^1])[1..^1],
        ["percent-encoded, upper-case hex"] = Uri.EscapeDataString,
        ["percent-encoded, lower-case hex"] = s => string.Concat(s.Select(c =>
            char.IsAsciiLetterOrDigit(c) ? c.ToString() : $"%{(int)c:x2}")),
        ["HTML character references"] = s => string.Concat(s.Select(c =>
            char.IsAsciiLetterOrDigit(c) ? c.ToString() : $"&#x{(int)c:X};")),
    };

    /// <summary>Every form of every secret: what must appear in no text.</summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> secrets) =>
        [.. secrets.SelectMany(s => All.Values.Select(form => form(s))).Distinct()];

    /// <summary>The forms of <paramref name="secrets"/> found in <paramref name="texts"/>; empty when none leaked.</summary>
    public static List<string> Leaks(IEnumerable<string> secrets, IEnumerable<string?> texts)
    {
        var forms = Of(secrets);
        return [.. texts.Where(t => t is not null).SelectMany(text => forms.Where(f => text!.Contains(f, StringComparison.Ordinal)).Select(f => $"{f} in: {text}"))];
    }
}
