namespace AuditClient.Testing;

/// <summary>
/// A request the fakes received, recorded before any fault or check, so a test can count attempts and read what was
/// sent. Credentials are redacted: <c>Authorization</c> keeps only its scheme (<c>Basic [redacted]</c>) and
/// <c>x-api-key</c> reads <c>[redacted]</c>.
/// </summary>
public sealed class RecordedRequest
{
    internal const string Redacted = "[redacted]";

    internal RecordedRequest(
        FakeEndpoint? endpoint, string method, string path, string query, IReadOnlyDictionary<string, string> headers, string body, DateTimeOffset receivedAt)
    {
        Endpoint = endpoint;
        Method = method;
        Path = path;
        Query = query;
        Headers = headers;
        Body = body;
        ReceivedAt = receivedAt;
    }

    /// <summary>The endpoint the request was addressed to; <see langword="null"/> when no endpoint of the fakes matches.</summary>
    public FakeEndpoint? Endpoint { get; }

    /// <summary>The HTTP method, such as <c>PUT</c>.</summary>
    public string Method { get; }

    /// <summary>The path, such as <c>/v1/audits</c>.</summary>
    public string Path { get; }

    /// <summary>The query string with its leading <c>?</c>, or an empty string.</summary>
    public string Query { get; }

    /// <summary>The headers, names compared ignoring case; repeated headers joined with <c>", "</c>. Credentials redacted.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body as UTF-8 text; empty when there was none.</summary>
    public string Body { get; }

    /// <summary>When the request was received, by <see cref="AuditFakesOptions.TimeProvider"/>.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>Returns the method, path and query, such as <c>GET /v1/tasks?limit=10</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => $"{Method} {Path}{Query}";
}
