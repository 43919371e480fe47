namespace AuditClient.Core.Http;

/// <summary>
/// The wait an answer's <c>Retry-After</c> asks for, in its seconds or HTTP-date form, read once per answer. The
/// retry rule, the shared-quota hold and the exception all ask; an HTTP-date gives a different wait each time it is
/// converted, so the first reading (when the answer arrives) is kept on its request and every later one returns it.
/// </summary>
internal static class RetryAfterHeader
{
    private static readonly HttpRequestOptionsKey<Reading> Key = new("AuditClient.RetryAfter");

    /// <summary>The wait; a date in the past means none (zero); <see langword="null"/> without the header.</summary>
    public static TimeSpan? Of(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.RetryAfter is not { } header)
        {
            return null;
        }

        var request = response.RequestMessage;
        if (request is not null && request.Options.TryGetValue(Key, out var seen) && ReferenceEquals(seen.Response, response))
        {
            return seen.Wait;
        }

        TimeSpan? wait = header.Delta ?? (header.Date is { } date ? Max(date - time.GetUtcNow(), TimeSpan.Zero) : null);
        request?.Options.Set(Key, new Reading(response, wait));
        return wait;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record Reading(HttpResponseMessage Response, TimeSpan? Wait);
}
