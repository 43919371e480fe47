using System.Collections.ObjectModel;
using System.Net;
using AuditClient.Core.Errors;

namespace AuditClient;

/// <summary>
/// A call to a vendor failed: an error answer, an answer that is not what the API documents, a transport failure, a
/// timeout, or a refusal of the client-side rate limiter. The subtypes name the cases a caller acts on differently.
/// Input refused before sending is an <see cref="AuditValidationException"/> instead, not this type.
/// </summary>
/// <remarks>
/// API keys are never part of the message, <see cref="Exception.Data"/>, <see cref="VendorMessage"/>,
/// <see cref="ResponseExcerpt"/>, <see cref="RequestId"/>, <see cref="ResponseHeaders"/> or <see cref="ToString"/>
/// (inner exceptions included), in any form a vendor may echo them in: as is, JSON-escaped, percent-encoded, or as the
/// Base64 of a Basic credential. Before resending after this exception, look at <see cref="MayHaveTakenEffect"/>.
/// </remarks>
public class AuditApiException : AuditClientException
{
    private static readonly IReadOnlyDictionary<string, string> NoHeaders =
        new ReadOnlyDictionary<string, string>(new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase));

    // The vendor's credentials, removed from every text of the exception; none for an exception built by a caller.
    private readonly Redactor _redactor = Redactor.None;

    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public AuditApiException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public AuditApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    internal AuditApiException(string message, Exception? innerException, in ErrorContext context)
        : base(message, innerException)
    {
        Vendor = context.Vendor;
        StatusCode = context.StatusCode;
        VendorMessage = context.VendorMessage;
        ErrorCode = context.ErrorCode;
        ResponseExcerpt = context.ResponseExcerpt;
        RequestMethod = context.RequestMethod;
        RequestPath = context.RequestPath;
        RequestId = context.RequestId;
        RetryAfter = context.RetryAfter;
        ResponseHeaders = context.ResponseHeaders ?? NoHeaders;
        MayHaveTakenEffect = context.MayHaveTakenEffect;
        _redactor = context.Redactor ?? Redactor.None;
    }

    /// <summary>The vendor whose API was called.</summary>
    public AuditVendor? Vendor { get; init; }

    /// <summary>The HTTP status code of the vendor's answer; <see langword="null"/> when no answer was received.</summary>
    public HttpStatusCode? StatusCode { get; init; }

    /// <summary>
    /// The vendor's own error message: the property its error bodies keep it in (see each vendor's page), the title of
    /// an HTML error page, or the start of another body; at most 300 characters.
    /// </summary>
    public string? VendorMessage { get; init; }

    /// <summary>
    /// The machine-readable error code of the error body, when it has one: the vendor's own property for it, else a
    /// <c>code</c> or <c>error_code</c> property (string or number, as text), as gateways in front of APIs send.
    /// </summary>
    public string? ErrorCode { get; init; }

    /// <summary>The start of the response body (at most 1,024 characters), for diagnostics.</summary>
    public string? ResponseExcerpt { get; init; }

    /// <summary>The HTTP method of the request, such as <c>PUT</c>.</summary>
    public string? RequestMethod { get; init; }

    /// <summary>The path of the request, without host or query, such as <c>/v1/audits</c>.</summary>
    public string? RequestPath { get; init; }

    /// <summary>The vendor's request id (from <c>x-request-id</c> or a similar response header), when present.</summary>
    public string? RequestId { get; init; }

    /// <summary>How long the vendor asked the caller to wait (<c>Retry-After</c>), when present.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// For a listing that failed mid-way: the token that fetches the failed page again; pass it to <c>AsPages</c>.
    /// <see langword="null"/> when the failed page was the first of a listing started without a token (start over),
    /// or when the call was no listing.
    /// </summary>
    public string? ContinuationToken { get; internal set; }

    /// <summary>
    /// The answer's headers that are safe to log, by an allow-list: <c>Retry-After</c>, <c>Date</c>,
    /// <c>Content-Type</c>, <c>Content-Length</c>, <c>Server</c>, <c>Via</c>, request-id headers (<c>x-request-id</c>,
    /// <c>request-id</c>, <c>x-amzn-requestid</c>, <c>x-correlation-id</c>, <c>cf-ray</c>) and rate-limit headers
    /// (<c>x-ratelimit-*</c>, <c>ratelimit-*</c>). Never credentials or cookies. Names compare case-insensitively;
    /// repeated headers are joined with <c>", "</c>. Empty when no answer was received.
    /// </summary>
    public IReadOnlyDictionary<string, string> ResponseHeaders { get; init; } = NoHeaders;

    /// <summary>
    /// Whether the vendor may have acted on the request although the call failed, so that sending it again could create
    /// a duplicate. <see langword="true"/> for a request other than a GET when an attempt was answered 408, 500, 502,
    /// 504 or 520-530 (the vendor, or a gateway in front of it, gave up without saying whether it processed the
    /// request), when an attempt timed out or its connection broke after the request was sent, when a success answer
    /// could not be read, or when the request was sent and then a handler outside the SDK tried to repeat it.
    /// <see langword="false"/> for GETs (reading has no effect), for refusals the vendor states (4xx, 429, 501, 503,
    /// redirects), for connections that could not be opened, and for refusals of the client-side rate limiter.
    /// A request the vendor deduplicates (one its client page documents as repeat-safe) may have taken effect too, but
    /// sending it again is harmless.
    /// </summary>
    public bool MayHaveTakenEffect { get; init; }

    /// <summary>
    /// For a write the SDK tried to reconcile and could not (the look-up failed too, or the retries of a write the vendor
    /// deduplicates ran out): the token that identifies the write at the vendor, so that it can be reconciled later.
    /// What it is depends on the write (a value the SDK stamped into what it sent, or the id the vendor deduplicates
    /// by): see the write method's documentation. <see langword="null"/> when the SDK did not reconcile the call. See
    /// docs/resilience.md, "Nothing lost, nothing twice".
    /// </summary>
    public string? ReconcileToken { get; internal set; }

    /// <summary>Why reconciling failed, appended to the message; set with <see cref="ReconcileToken"/>.</summary>
    internal string? ReconcileNote { get; set; }

    /// <inheritdoc />
    public override string Message =>
        _redactor.Redact(ReconcileToken is null ? base.Message : WithToken(base.Message, ReconcileToken, ReconcileNote))!;

    /// <summary>The exception as <see cref="Exception.ToString"/> shows it, inner exceptions included, without the API key.</summary>
    /// <returns>The type, message, inner exceptions and stack trace.</returns>
    public override string ToString() => _redactor.Redact(base.ToString())!;

    // "... The request may have taken effect." becomes "... The request may have taken effect: token X." and the note.
    private static string WithToken(string message, string token, string? note)
    {
        const string Effect = " The request may have taken effect.";
        var head = message.EndsWith(Effect, StringComparison.Ordinal) ? message[..^Effect.Length] : message;
        return $"{head} The request may have taken effect: token {token}. {note}".TrimEnd();
    }
}

/// <summary>The vendor answered 429 Too Many Requests beyond what the SDK retries, or the client-side rate limiter refused the call.</summary>
public sealed class AuditRateLimitedException : AuditApiException
{
    internal AuditRateLimitedException(string message, Exception? innerException, in ErrorContext context)
        : base(message, innerException, context)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public AuditRateLimitedException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

/// <summary>The vendor refused the credentials (401 Unauthorized or 403 Forbidden).</summary>
public sealed class AuditAuthenticationException : AuditApiException
{
    internal AuditAuthenticationException(string message, Exception? innerException, in ErrorContext context)
        : base(message, innerException, context)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public AuditAuthenticationException(string message)
        : base(message)
    {
    }
}

/// <summary>The vendor answered 404 Not Found: the task, audit or workstream does not exist.</summary>
public sealed class AuditNotFoundException : AuditApiException
{
    internal AuditNotFoundException(string message, Exception? innerException, in ErrorContext context)
        : base(message, innerException, context)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    public AuditNotFoundException(string message)
        : base(message)
    {
    }
}

/// <summary>The vendor could not be reached, or the connection failed before a complete answer arrived.</summary>
public sealed class AuditTransportException : AuditApiException
{
    internal AuditTransportException(string message, Exception? innerException, in ErrorContext context)
        : base(message, innerException, context)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The transport failure.</param>
    public AuditTransportException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>An attempt or the whole call (retries included) took longer than its configured timeout.</summary>
public sealed class AuditTimeoutException : AuditApiException
{
    internal AuditTimeoutException(string message, Exception? innerException, in ErrorContext context)
        : base(message, innerException, context)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The timeout that fired.</param>
    public AuditTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
