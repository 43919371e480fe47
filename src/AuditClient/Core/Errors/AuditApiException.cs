using System.Net;
using AuditClient.Core.Errors;

namespace AuditClient;

/// <summary>
/// The one exception family of the SDK: every failure of a call (an error answer of the vendor, an unreadable answer,
/// a transport failure, a timeout, input refused before sending) surfaces as this type or one of its subtypes.
/// Cancellation requested by the caller stays an <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>API keys are never part of the message, <see cref="Exception.Data"/> or <see cref="object.ToString"/>.</remarks>
public class AuditApiException : Exception
{
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
        ResponseExcerpt = context.ResponseExcerpt;
        RequestMethod = context.RequestMethod;
        RequestPath = context.RequestPath;
        RequestId = context.RequestId;
        RetryAfter = context.RetryAfter;
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

/// <summary>
/// The input was refused before anything was sent: it breaks a rule of the vendor's API. Every broken rule is listed in
/// <see cref="Violations"/>, each with the path of the offending field.
/// </summary>
public sealed class AuditValidationException : AuditApiException
{
    /// <summary>Creates the exception from the violations found.</summary>
    /// <param name="violations">The broken rules; at least one.</param>
    public AuditValidationException(IReadOnlyList<ValidationViolation> violations)
        : base(BuildMessage(violations))
    {
        Violations = violations;
    }

    /// <summary>Every rule the input breaks, in the order found.</summary>
    public IReadOnlyList<ValidationViolation> Violations { get; }

    private static string BuildMessage(IReadOnlyList<ValidationViolation> violations)
    {
        ArgumentNullException.ThrowIfNull(violations);
        return violations.Count == 1
            ? $"Invalid input, nothing was sent: {violations[0]}"
            : $"Invalid input, nothing was sent ({violations.Count} problems): " + string.Join("; ", violations);
    }
}
