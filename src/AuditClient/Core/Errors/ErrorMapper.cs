using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Polly.RateLimiting;
using Polly.Timeout;
using Refit;

namespace AuditClient.Core.Errors;

/// <summary>Turns whatever a call produced (an error answer, a Refit or Polly exception) into the SDK's exception family.</summary>
internal static class ErrorMapper
{
    internal const int ExcerptLength = 1024;

    // Enough to find the vendor's message in any error body the vendors send, without buffering a huge HTML page.
    private const int MaxBodyBytesRead = 64 * 1024;

    private static readonly string[] RequestIdHeaders = ["x-request-id", "x-amzn-requestid", "request-id", "x-correlation-id"];

    /// <summary>Builds the exception for a non-success answer. Reads at most 64 KiB of the body.</summary>
    public static async Task<AuditApiException> FromResponseAsync(AuditVendor vendor, HttpResponseMessage response, TimeProvider time)
    {
        var body = await ReadBoundedAsync(response.Content).ConfigureAwait(false);
        var status = response.StatusCode;
        var vendorMessage = ExtractVendorMessage(body);
        var retryAfter = RetryAfterOf(response.Headers, time.GetUtcNow());
        var request = response.RequestMessage;
        var context = new ErrorContext(
            vendor,
            request?.Method.Method ?? "?",
            request?.RequestUri?.AbsolutePath ?? "?",
            status,
            vendorMessage,
            Excerpt(body),
            RequestIdOf(response),
            retryAfter);
        var what = $"{vendor} answered {(int)status} {status} to {context.RequestMethod} {context.RequestPath}";
        var message = vendorMessage is null ? what + "." : $"{what}: {vendorMessage}";

        return status switch
        {
            HttpStatusCode.TooManyRequests => new AuditRateLimitedException(
                message + (retryAfter is { } wait ? $" Retry after {wait.TotalSeconds:0.###} s." : string.Empty), null, context),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new AuditAuthenticationException(message, null, context),
            HttpStatusCode.NotFound => new AuditNotFoundException(message, null, context),
            _ => new AuditApiException(message, null, context),
        };
    }

    /// <summary>
    /// Maps an exception thrown while calling. Returns an <see cref="OperationCanceledException"/> for a cancellation
    /// the caller asked for, which must stay a cancellation.
    /// </summary>
    public static Exception FromException(in ErrorContext context, Exception exception, CancellationToken callerToken)
    {
        // Refit wraps everything a handler throws, cancellation included.
        var cause = exception is ApiRequestException { InnerException: { } inner } ? inner : exception;
        var call = $"{context.RequestMethod} {context.RequestPath} to {context.Vendor}";

        if (callerToken.IsCancellationRequested && cause is OperationCanceledException)
        {
            return cause;
        }

        return cause switch
        {
            AuditApiException already => already,
            TimeoutRejectedException timeout => new AuditTimeoutException(
                $"{call} timed out after {timeout.Timeout.TotalSeconds:0.###} s.", timeout, context),
            RateLimiterRejectedException limited => new AuditRateLimitedException(
                $"The client-side rate limiter refused {call}: its queue is full.", limited, context with { RetryAfter = limited.RetryAfter }),
            HttpRequestException transport => new AuditTransportException($"{call} failed: {transport.Message}", transport, context),
            OperationCanceledException canceled => new AuditTimeoutException(
                $"{call} was canceled although the caller did not ask: it timed out.", canceled, context),
            JsonException json => new AuditApiException(
                $"{call}: the answer is not the expected JSON ({json.Message})", json, context),
            ApiException api => new AuditApiException(
                $"{call}: the answer ({(int)api.StatusCode}) could not be read.",
                api.InnerException,
                context with { StatusCode = api.StatusCode, ResponseExcerpt = Excerpt(api.Content) }),
            _ => new AuditApiException($"{call} failed: {cause.Message}", cause, context),
        };
    }

    /// <summary>The exception for a success status whose body was empty where a JSON value was expected.</summary>
    public static AuditApiException EmptyBody(in ErrorContext context) =>
        new($"{context.Vendor} answered {context.RequestMethod} {context.RequestPath} with an empty body where JSON was expected.", null, context);

    /// <summary>Reads <c>Retry-After</c> in its seconds or HTTP-date form.</summary>
    public static TimeSpan? RetryAfterOf(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var value = headers.RetryAfter;
        if (value?.Delta is { } delta)
        {
            return delta;
        }

        if (value?.Date is { } date)
        {
            var wait = date - now;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    internal static string? ExtractVendorMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        var trimmed = body.AsSpan().TrimStart();
        if (trimmed.Length > 0 && trimmed[0] == '{')
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                foreach (var name in (ReadOnlySpan<string>)["error", "message", "detail", "error_description"])
                {
                    if (document.RootElement.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String)
                    {
                        return property.GetString();
                    }
                }

                return null;
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to the text excerpt.
            }
        }

        // An HTML error page or plain text: its start says more than nothing.
        var text = body.Trim();
        return text.Length <= 200 ? text : text[..200] + "...";
    }

    private static string? Excerpt(string? body) =>
        body is null ? null : body.Length <= ExcerptLength ? body : body[..ExcerptLength];

    private static async Task<string?> ReadBoundedAsync(HttpContent? content)
    {
        if (content is null)
        {
            return null;
        }

        try
        {
            using var stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
            var buffer = new byte[MaxBodyBytesRead];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total)).ConfigureAwait(false)) > 0)
            {
                total += read;
            }

            return total == 0 ? null : Encoding.UTF8.GetString(buffer, 0, total);
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // The status is known; a body that breaks off must not hide it.
            return null;
        }
    }

    private static string? RequestIdOf(HttpResponseMessage response)
    {
        foreach (var name in RequestIdHeaders)
        {
            if (response.Headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }
}
