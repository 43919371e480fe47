using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AuditClient.Core.Serialization;
using AuditClient.Core.Vendors;
using Polly.RateLimiting;
using Polly.Timeout;

namespace AuditClient.Core.Errors;

/// <summary>
/// Builds the SDK's exception for each way a call can fail, from what the call path tells it: the
/// answer or the exception, and an <see cref="ErrorContext"/> with what is known of the call. It decides nothing about
/// transport or retries and calls nothing of the HTTP plumbing; that plumbing calls it, once per failed call.
/// </summary>
internal static class ErrorMapper
{
    internal const int ExcerptLength = 1024;

    internal const int VendorMessageLength = 300;

    // Enough to find the vendor's message in any error body the vendors send, without decoding a huge HTML page: the
    // attempt reads no more of an error body than this.
    internal const int MaxBodyBytesRead = 64 * 1024;

    // A caller who resends after such an error may create a duplicate: say so (a read has no effect to speak of).
    private const string Accepted = " The vendor reported success, so the request may have taken effect.";

    private static readonly string[] GatewayMessageProperties = ["message", "detail", "error_description", "error"];

    private static readonly string[] GatewayCodeProperties = ["code", "error_code"];

    private static readonly string[] RequestIdHeaders = ["x-request-id", "x-amzn-requestid", "request-id", "x-correlation-id"];

    /// <summary>What an answer tells about a call, whatever its status: status, request id, the safe headers.</summary>
    /// <param name="context">What is known of the call.</param>
    /// <param name="response">The answer.</param>
    /// <param name="contentHeaders">The body's headers when its content was replaced after reading (the buffer the
    /// answer was read into keeps none of its own); <see langword="null"/> for the content's.</param>
    /// <param name="redactor">Removes the vendor's credentials.</param>
    public static ErrorContext WithAnswer(in ErrorContext context, HttpResponseMessage response, HttpContentHeaders? contentHeaders, Redactor redactor) => context with
    {
        Redactor = redactor,
        StatusCode = response.StatusCode,
        RequestId = redactor.Redact(RequestIdOf(response.Headers)),
        ResponseHeaders = SafeHeaders.Of(response, contentHeaders ?? response.Content.Headers, redactor),
    };

    /// <summary>Builds the exception for a non-success answer. Decodes at most 64 KiB of the body.</summary>
    public static async Task<AuditApiException> FromResponseAsync(
        ErrorContext context, VendorProfile profile, Redactor redactor, HttpResponseMessage response, HttpContentHeaders? contentHeaders, CancellationToken cancellationToken)
    {
        var body = redactor.Redact(await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false));
        var status = response.StatusCode;
        var (vendorMessage, errorCode) = ReadErrorBody(body, profile.ErrorMessageProperties, profile.ErrorCodeProperties);
        context = WithAnswer(context, response, contentHeaders, redactor) with
        {
            // Again once decoded: an HTML page's character references become characters only now.
            VendorMessage = redactor.Redact(vendorMessage),
            ErrorCode = redactor.Redact(errorCode),
            ResponseExcerpt = Excerpt(body),
        };
        var what = $"{context.Vendor} answered {(int)status} {status} to {context.RequestMethod} {context.RequestPath}";
        var message = string.IsNullOrEmpty(vendorMessage) ? what + "." : $"{what}: {Sentence(vendorMessage)}";
        if ((int)status is >= 300 and < 400)
        {
            message += $" It redirects to {response.Headers.Location?.ToString() ?? "no address"}: the SDK does not follow "
                + "redirects, so that the credential never goes to another address. Set BaseAddress to the address the vendor names.";
        }

        if (context.MayHaveTakenEffect)
        {
            message += " The request may have taken effect.";
        }

        return status switch
        {
            HttpStatusCode.TooManyRequests => new AuditRateLimitedException(
                message + (context.RetryAfter is { } wait ? $" Retry after {wait.TotalSeconds:0.###} s." : string.Empty), null, context),
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new AuditAuthenticationException(message, null, context),
            HttpStatusCode.NotFound => new AuditNotFoundException(message, null, context),
            _ => new AuditApiException(message, null, context),
        };
    }

    /// <summary>
    /// Maps an exception thrown while calling. Returns an <see cref="OperationCanceledException"/> when the caller
    /// asked for cancellation, which must stay a cancellation whatever it interrupted.
    /// </summary>
    public static Exception FromException(in ErrorContext context, Exception exception, Redactor redactor, CancellationToken callerToken)
    {
        var call = $"{context.RequestMethod} {context.RequestPath} to {context.Vendor}";
        var known = context with { Redactor = redactor };
        if (callerToken.IsCancellationRequested)
        {
            return exception as OperationCanceledException ?? new OperationCanceledException($"{call} was canceled.", exception, callerToken);
        }

        var effect = context.MayHaveTakenEffect ? " The request may have taken effect." : string.Empty;
        return exception switch
        {
            TimeoutRejectedException timeout => new AuditTimeoutException(
                $"{call} timed out after {timeout.Timeout.TotalSeconds:0.###} s.{effect}", timeout, known),
            RateLimiterRejectedException limited => new AuditRateLimitedException(
                $"The client-side rate limiter refused {call}: its queue is full. Nothing was sent.", limited, known with { RetryAfter = limited.RetryAfter }),
            HttpRequestException or IOException => new AuditTransportException($"{call} failed: {exception.Message}{effect}", exception, known),
            OperationCanceledException canceled => new AuditTimeoutException(
                $"{call} was canceled although the caller did not ask: it timed out.{effect}", canceled, known),
            _ => new AuditApiException($"{call} failed: {exception.Message}{effect}", exception, known),
        };
    }

    /// <summary>The exception for a success whose body is empty where JSON was expected.</summary>
    public static AuditApiException EmptySuccessBody(in ErrorContext context) => new(
        $"{context.Vendor} answered {(int?)context.StatusCode} to {context.RequestMethod} {context.RequestPath} with an empty body where JSON was expected.{AcceptedIf(context)}",
        null,
        context);

    /// <summary>
    /// The exception for a success whose body is not the expected JSON. Its excerpt is redacted like an error body's:
    /// a vendor may echo the credential in anything it sends.
    /// </summary>
    public static async Task<AuditApiException> UnreadableSuccessAsync(
        ErrorContext context, Redactor redactor, HttpResponseMessage response, Exception exception, CancellationToken cancellationToken)
    {
        var body = redactor.Redact(await ReadBoundedAsync(response.Content, cancellationToken).ConfigureAwait(false));
        context = context with { ResponseExcerpt = Excerpt(body), Redactor = redactor };
        var what = $"{context.Vendor} answered {(int)response.StatusCode} to {context.RequestMethod} {context.RequestPath}";
        var reason = exception.InnerException is AnswerTooLargeException tooLarge
            ? $"but {tooLarge.Message}"
            : string.IsNullOrWhiteSpace(body)
                ? "with an empty body where JSON was expected"
                : $"but the body is not the expected JSON: {exception.Message}";
        return new AuditApiException($"{what} {reason}.{AcceptedIf(context)}", exception, context);
    }

    /// <summary>The exception for a success whose body is the JSON <c>null</c> where a value was expected.</summary>
    public static AuditApiException NullBody(in ErrorContext context) =>
        new($"{context.Vendor} answered {(int?)context.StatusCode} to {context.RequestMethod} {context.RequestPath} with null where JSON was expected.{AcceptedIf(context)}", null, context);

    private static string AcceptedIf(in ErrorContext context) => context.MayHaveTakenEffect ? Accepted : string.Empty;

    internal static string? ExtractVendorMessage(string? body, IReadOnlyList<string> vendorProperties) =>
        ReadErrorBody(body, vendorProperties, []).Message;

    /// <summary>The vendor's message and error code, read from one parse of the body.</summary>
    internal static (string? Message, string? Code) ReadErrorBody(string? body, IReadOnlyList<string> messageProperties, IReadOnlyList<string> codeProperties)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return (null, null);
        }

        // Not white space only (above): the trimmed body has a first character.
        if (body.AsSpan().TrimStart()[0] == '{')
        {
            try
            {
                using var document = JsonDocument.Parse(body);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    return (null, null);
                }

                // The vendor's own shape first, then the common shapes of gateways in front of it.
                return (
                    Bounded(FirstOf(document.RootElement, messageProperties.Concat(GatewayMessageProperties), numbers: false)),
                    Bounded(FirstOf(document.RootElement, codeProperties.Concat(GatewayCodeProperties), numbers: true)));
            }
            catch (JsonException)
            {
                // Not JSON after all: fall through to the text.
            }
        }

        // A proxy's HTML error page names the problem in its title; anything else is shown from its start.
        return (Bounded(HtmlTitle(body) ?? body.Trim()), null);
    }

    private static string? FirstOf(JsonElement root, IEnumerable<string> names, bool numbers)
    {
        foreach (var name in names)
        {
            if (root.TryGetProperty(name, out var property))
            {
                if (property.ValueKind == JsonValueKind.String)
                {
                    return property.GetString();
                }

                if (numbers && property.ValueKind == JsonValueKind.Number)
                {
                    return property.GetRawText();
                }
            }
        }

        return null;
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

        // Stryker disable once Equality : end is -1 or at least start (7 or more), never 0, so < 0 and <= 0 agree.
        var title = WebUtility.HtmlDecode(end < 0 ? body[start..] : body[start..end]).Trim();
        return title.Length == 0 ? null : title;
    }

    private static string? Bounded(string? text) =>
        text is null || text.Length <= VendorMessageLength ? text : text[..VendorMessageLength] + "...";

    // The vendor's words end with a full stop, so that what the SDK adds after them reads as a sentence of its own.
    private static string Sentence(string text) => text[^1] is '.' or '!' or '?' ? text : text + ".";

    // Stryker disable once Equality : a body of exactly ExcerptLength characters is the same whether kept whole or cut there.
    private static string? Excerpt(string? body) =>
        body is null ? null : body.Length <= ExcerptLength ? body : body[..ExcerptLength];

    private static async Task<string?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        try
        {
            // The attempt read what is decoded here into memory (an error's start, a small success whole, a large
            // success's start), so this copies bytes already in memory. Not ReadAsStreamAsync: a buffered body hands
            // out one shared stream, which the deserializer may have read to its end and disposed.
            var bytes = await content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var text = ByteOrderMark.Skip(bytes.AsSpan(0, Math.Min(bytes.Length, MaxBodyBytesRead)));
            return text.IsEmpty ? null : Encoding.UTF8.GetString(text);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ObjectDisposedException)
        {
            // The status is known; a body that breaks off must not hide it.
            return null;
        }
    }

    private static string? RequestIdOf(HttpResponseHeaders headers)
    {
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
