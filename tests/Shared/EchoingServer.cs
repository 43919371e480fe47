using System.Text;
using System.Text.Json;
using AuditClient.RawHttp;

namespace AuditClient.Echoes;

/// <summary>
/// A hostile vendor on a <see cref="RawHttpServer"/>: it answers every request with the <see cref="EchoAnswer"/> the test builds
/// from the request's line and body, headers written byte for byte as given (so that a header may hold anything, even
/// a line no parser accepts), one request per connection. Compiled into each test project that needs it.
/// </summary>
internal sealed class EchoingServer : IDisposable
{
    private readonly RawHttpServer _server;

    private EchoingServer(Func<string, string, EchoAnswer> answer) =>
        _server = RawHttpServer.Start((request, stream, ct) => WriteAsync(stream, answer(request.Line, Encoding.UTF8.GetString(request.Body)), ct), closeAfterAnswer: true);

    public Uri Url => _server.Url;

    /// <summary>How many requests arrived.</summary>
    public int Requests => _server.Requests.Count;

    /// <summary>Starts a server whose answer is built from the request line and body.</summary>
    public static EchoingServer Start(Func<string, string, EchoAnswer> answer) => new(answer);

    public void Dispose() => _server.Dispose();

    private static async Task WriteAsync(Stream stream, EchoAnswer answer, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(answer.Body);
        var text = new StringBuilder($"HTTP/1.1 {answer.Status} Status\r\nContent-Type: application/json\r\nContent-Length: {bytes.Length}\r\nConnection: close\r\n");
        foreach (var header in answer.HeaderLines)
        {
            text.Append(header).Append("\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(text.Append("\r\n").ToString()), cancellationToken);
        await stream.WriteAsync(bytes, cancellationToken);
    }
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
