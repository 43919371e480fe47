using Microsoft.AspNetCore.Http;

namespace AuditClient.Testing.Http;

/// <summary>Every request the fakes received, in arrival order, with credentials redacted. Thread-safe.</summary>
internal sealed class RequestLog(bool enabled = true)
{
    private static readonly string[] SecretHeaders = ["x-api-key", "Cookie"];
    private static readonly string[] SchemeHeaders = ["Authorization", "Proxy-Authorization"];

    private readonly object _gate = new();
    private readonly List<RecordedRequest> _requests = [];

    public RecordedRequest? Record(FakeEndpoint? endpoint, HttpRequest request, string body, DateTimeOffset receivedAt)
    {
        if (!enabled)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers)
        {
            headers[name] = Redact(name, values.ToString());
        }

        var recorded = new RecordedRequest(
            endpoint, request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? string.Empty, headers, body, receivedAt);
        lock (_gate)
        {
            _requests.Add(recorded);
        }

        return recorded;
    }

    public IReadOnlyList<RecordedRequest> Snapshot(FakeEndpoint? endpoint = null)
    {
        lock (_gate)
        {
            return endpoint is null ? _requests.ToArray() : _requests.Where(r => r.Endpoint == endpoint).ToArray();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    private static string Redact(string name, string value)
    {
        if (SecretHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return RecordedRequest.Redacted;
        }

        if (SchemeHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            // The scheme tells a test which authentication was used; the credentials stay out of the record.
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            return space > 0 ? value[..space] + " " + RecordedRequest.Redacted : RecordedRequest.Redacted;
        }

        return value;
    }
}
