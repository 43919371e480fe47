using System.Collections.ObjectModel;

namespace AuditClient.Core.Errors;

/// <summary>
/// The allow-list of response headers an exception may carry (<see cref="AuditApiException.ResponseHeaders"/>): what
/// helps diagnose or pace a failure, never what authenticates (<c>Set-Cookie</c>, <c>WWW-Authenticate</c>, anything a
/// vendor might name after a key). An allow-list, not a deny-list, so that a header nobody thought of stays out.
/// </summary>
internal static class SafeHeaders
{
    private static readonly HashSet<string> Allowed = new(StringComparer.OrdinalIgnoreCase)
    {
        "Retry-After", "Date", "Content-Type", "Content-Length", "Server", "Via",
        "x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id", "cf-ray",
    };

    // Rate-limit headers: the de facto x-ratelimit-limit/-remaining/-reset and the IETF draft's RateLimit-*.
    private static readonly string[] AllowedPrefixes = ["x-ratelimit-", "ratelimit"];

    public static bool IsAllowed(string name) =>
        Allowed.Contains(name) || AllowedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));

    /// <summary>The allowed headers of an answer, values redacted (a proxy may echo anything).</summary>
    public static IReadOnlyDictionary<string, string> Of(HttpResponseMessage response, System.Net.Http.Headers.HttpContentHeaders contentHeaders, Redactor redactor)
    {
        var kept = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        Add(response.Headers, kept, redactor);
        Add(contentHeaders, kept, redactor);
        return new ReadOnlyDictionary<string, string>(kept);
    }

    private static void Add(System.Net.Http.Headers.HttpHeaders headers, Dictionary<string, string> kept, Redactor redactor)
    {
        foreach (var (name, values) in headers.NonValidated)
        {
            if (IsAllowed(name))
            {
                kept[name] = redactor.Redact(string.Join(", ", values)) ?? string.Empty;
            }
        }
    }
}
