using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuditClient.Core.Http;
using Polly.RateLimiting;
using Polly.Timeout;
using Refit;

namespace AuditClient.Core.Errors;

/// <summary>Turns whatever a call produced (an error answer, a Refit or Polly exception) into the SDK's exception family.</summary>
internal static class ErrorMapper
{
    internal const int ExcerptLength = 1024;

    internal const int VendorMessageLength = 300;

    // Enough to find the vendor's message in any error body the vendors send, without decoding a huge HTML page.
    private const int MaxBodyBytesRead = 64 * 1024;

    // A caller who resends after such an error may create a duplicate: say so.
    private const string Accepted = "The vendor reported success, so the request may have taken effect.";

    private static readonly string[] GatewayMessageProperties = ["message", "detail", "error_description", "error"];

    private static readonly string[] RequestIdHeaders = ["x-request-id", "x-amzn-requestid", "request-id", "x-correlation-id"];

    /// <summary>Builds the exception for a non-success answer. Decodes at most 64 KiB of the body.</summary>
    public static async Task<AuditApiException> FromResponseAsync(VendorRuntime vendor, HttpResponseMessage response, TimeProvider time)
    {
        var body = vendor.Redact(await ReadBoundedAsync(response.Content).ConfigureAwait(false));
        var status = response.StatusCode;
        var vendorMessage = ExtractVendorMessage(body, vendor.Profile.ErrorMessageProperties);
        var retryAfter = RetryAfterOf(response.Headers, time.GetUtcNow());
        var request = response.RequestMessage;
        var context = new ErrorContext(
            vendor.Vendor,
            request?.Method.Method ?? "?",
            PathOf(request?.RequestUri) ?? "?",
            status,
            vendorMessage,
            Excerpt(body),
            RequestIdOf(response.Headers),
            retryAfter);
        var what = $"{vendor.Vendor} answered {(int)status} {status} to {context.RequestMethod} {context.RequestPath}";
        var message = vendorMessage is null ? what + "." : $"{what}: {vendorMessage}";
        if ((int)status is >= 300 and < 400)
        {
            message += $" It redirects to {vendor.Redact(response.Headers.Location?.ToString()) ?? "no address"}: the SDK does not follow "
                + "redirects, so that the credential never goes to another address. Set BaseAddress to the address the vendor names.";
        }

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
    /// Maps an exception thrown while calling. Returns an <see cref="OperationCanceledException"/> when the caller
    /// asked for cancellation, which must stay a cancellation whatever it interrupted.
    /// </summary>
    public static Exception FromException(ErrorContext context, Exception exception, CancellationToken callerToken)
    {
        // Refit wraps everything a handler throws, cancellation included; it knows the request actually sent.
        var cause = exception is ApiRequestException { InnerException: { } inner } ? inner : exception;
        if (exception is ApiExceptionBase sent)
        {
            context = context with
            {
                RequestMethod = sent.HttpMethod?.Method ?? context.RequestMethod,
                RequestPath = PathOf(sent.Uri) ?? context.RequestPath,
            };
        }

        if (cause is AuditApiException already)
        {
            return already;
        }

        var call = $"{context.RequestMethod} {context.RequestPath} to {context.Vendor}";
        if (callerToken.IsCancellationRequested)
        {
            return cause as OperationCanceledException ?? new OperationCanceledException($"{call} was canceled.", cause, callerToken);
        }

        return cause switch
        {
            TimeoutRejectedException timeout => new AuditTimeoutException(
                $"{call} timed out after {timeout.Timeout.TotalSeconds:0.###} s.", timeout, context),
            RateLimiterRejectedException limited => new AuditRateLimitedException(
                $"The client-side rate limiter refused {call}: its queue is full.", limited, context with { RetryAfter = limited.RetryAfter }),
            HttpRequestException or IOException => new AuditTransportException($"{call} failed: {cause.Message}", cause, context),
            OperationCanceledException canceled => new AuditTimeoutException(
                $"{call} was canceled although the caller did not ask: it timed out.", canceled, context),
            JsonException json => new AuditApiException($"{call}: the answer is not the expected JSON ({json.Message})", json, context),
            _ => new AuditApiException($"{call} failed: {cause.Message}", cause, context),
        };
    }

    /// <summary>The exception for a success whose body is empty where JSON was expected.</summary>
    public static AuditApiException EmptySuccessBody(AuditVendor vendor, HttpResponseMessage response)
    {
        var request = response.RequestMessage;
        var context = new ErrorContext(
            vendor,
            request?.Method.Method ?? "?",
            PathOf(request?.RequestUri) ?? "?",
            response.StatusCode,
            RequestId: RequestIdOf(response.Headers));
        return new AuditApiException(
            $"{vendor} answered {(int)response.StatusCode} to {context.RequestMethod} {context.RequestPath} with an empty body where JSON was expected. {Accepted}",
            null,
            context);
    }

    /// <summary>
    /// The exception for a success whose body is not the expected JSON. Its excerpt is redacted like an error body's:
    /// a vendor may echo the credential in anything it sends.
    /// </summary>
    public static async Task<Exception> UnreadableSuccessAsync(VendorRuntime vendor, HttpResponseMessage response, Exception exception)
    {
        var body = vendor.Redact(await ReadBoundedAsync(response.Content).ConfigureAwait(false));
        var request = response.RequestMessage;
        var context = new ErrorContext(
            vendor.Vendor,
            request?.Method.Method ?? "?",
            PathOf(request?.RequestUri) ?? "?",
            response.StatusCode,
            ResponseExcerpt: Excerpt(body),
            RequestId: RequestIdOf(response.Headers));
        var what = $"{vendor.Vendor} answered {(int)response.StatusCode} to {context.RequestMethod} {context.RequestPath}";
        var reason = string.IsNullOrWhiteSpace(body)
            ? "with an empty body where JSON was expected"
            : $"but the body is not the expected JSON: {vendor.Redact((exception as JsonException ?? exception.InnerException as JsonException)?.Message ?? exception.Message)}";
        return new AuditApiException($"{what} {reason}. {Accepted}", exception, context);
    }

    /// <summary>The exception for a success whose body is the JSON <c>null</c> where a value was expected.</summary>
    public static AuditApiException NullBody(in ErrorContext context) =>
        new($"{context.Vendor} answered {context.RequestMethod} {context.RequestPath} with null where JSON was expected. {Accepted}", null, context);

    /// <summary>Reads <c>Retry-After</c> in its seconds or HTTP-date form; a date in the past means no wait.</summary>
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

    internal static string? ExtractVendorMessage(string? body, IReadOnlyList<string> vendorProperties)
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
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return null;
                }

                // The vendor's own shape first, then the common shapes of gateways in front of it.
                foreach (var name in vendorProperties.Concat(GatewayMessageProperties))
                {
                    if (document.RootElement.TryGetProperty(name, out var property) && property.ValueKind == JsonValueKind.String)
                    {
                        return Bounded(property.GetString());
                    }
                }

                return null;
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to the text.
            }
        }

        // A proxy's HTML error page names the problem in its title; anything else is shown from its start.
        return Bounded(HtmlTitle(body) ?? body.Trim());
    }

    private static string? HtmlTitle(string body)
    {
        var start = body.IndexOf("<title>", StringComparison.OrdinalIgnoreCase);
        if (start < 0)
        {
            return null;
        }

        start += "<title>".Length;
        var end = body.IndexOf("</title>", start, StringComparison.OrdinalIgnoreCase);
        var title = WebUtility.HtmlDecode(end < 0 ? body[start..] : body[start..end]).Trim();
        return title.Length == 0 ? null : title;
    }

    private static string? Bounded(string? text) =>
        text is null || text.Length <= VendorMessageLength ? text : text[..VendorMessageLength] + "...";

    private static string? PathOf(Uri? uri) => uri switch
    {
        null => null,
        { IsAbsoluteUri: true } => uri.AbsolutePath,
        _ => uri.OriginalString.Split('?', 2)[0],
    };

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
            // Every answer is buffered inside its attempt (ResponseBufferingHandler), so this copies bytes already in
            // memory. Not ReadAsStreamAsync: a buffered body hands out one shared stream, which the deserializer may
            // have read to its end and disposed.
            var bytes = await content.ReadAsByteArrayAsync().ConfigureAwait(false);
            return bytes.Length == 0 ? null : Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, MaxBodyBytesRead));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ObjectDisposedException)
        {
            // The status is known; a body that breaks off must not hide it.
            return null;
        }
    }

    private static string? RequestIdOf(HttpResponseHeaders? headers)
    {
        if (headers is null)
        {
            return null;
        }

        foreach (var name in RequestIdHeaders)
        {
            if (headers.TryGetValues(name, out var values))
            {
                return values.FirstOrDefault();
            }
        }

        return null;
    }
}
