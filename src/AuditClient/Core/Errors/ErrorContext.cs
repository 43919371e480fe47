using System.Net;

namespace AuditClient.Core.Errors;

/// <summary>
/// What is known of a failed call, carried into whichever exception of the family describes it, with the redactor of
/// the vendor's credentials that the exception's texts pass through.
/// </summary>
internal readonly record struct ErrorContext(
    AuditVendor Vendor,
    string RequestMethod,
    string RequestPath,
    HttpStatusCode? StatusCode = null,
    string? VendorMessage = null,
    string? ResponseExcerpt = null,
    string? RequestId = null,
    TimeSpan? RetryAfter = null,
    string? ErrorCode = null,
    IReadOnlyDictionary<string, string>? ResponseHeaders = null,
    bool MayHaveTakenEffect = false,
    Redactor? Redactor = null);
