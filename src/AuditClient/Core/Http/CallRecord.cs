using System.Net;
using AuditClient.Core.Errors;

namespace AuditClient.Core.Http;

/// <summary>
/// What the handlers learn about one call, for <see cref="ApiCall"/> to classify its end. Created by
/// <see cref="ApiCall"/>, handed to the Refit method as a request property (the one channel from the call path into the
/// handler chain and back), filled in by <see cref="VendorPipelineHandler"/> (the request actually sent, the vendor's
/// runtime and what each attempt did). A failure that never produced an answer therefore still knows its request, its
/// vendor's credentials to redact, and whether it may have taken effect.
/// </summary>
/// <remarks>Attempts of one call run one after another, never at once: plain fields suffice.</remarks>
internal sealed class CallRecord(ApiOperation operation)
{
    /// <summary>The request property under which the record travels (<c>[Property(CallRecord.Name)]</c>).</summary>
    public const string Name = "AuditClient.Call";

    private static readonly HttpRequestOptionsKey<CallRecord> Key = new(Name);

    public ApiOperation Operation { get; } = operation;

    /// <summary>The request as the SDK's handlers saw it; <see langword="null"/> until it reached them.</summary>
    public HttpRequestMessage? Request { get; private set; }

    /// <summary>The vendor's runtime; <see langword="null"/> until the request reached the SDK's handlers.</summary>
    public VendorRuntime? Runtime { get; private set; }

    public TimeProvider Time { get; private set; } = TimeProvider.System;

    public Redactor Redactor => Runtime?.Redactor ?? Redactor.None;

    /// <summary>Whether an attempt left, so that a second pass through the outermost handler is a repeat.</summary>
    public bool Sent { get; private set; }

    /// <summary>Whether a handler outside the SDK's pipeline tried to send the request a second time.</summary>
    public bool ForeignRepeatRefused { get; private set; }

    /// <summary>Attempts that reached the transport.</summary>
    public int Attempts { get; private set; }

    /// <summary>
    /// Whether an attempt ended in a way that leaves open whether the vendor acted on it: an in-doubt status, a
    /// timeout or a connection that broke once the request was sent.
    /// </summary>
    public bool InDoubt { get; private set; }

    /// <summary>The record a request carries, if it came through <see cref="ApiCall"/>.</summary>
    public static CallRecord? Of(HttpRequestMessage? request) =>
        request is not null && request.Options.TryGetValue(Key, out var record) ? record : null;

    /// <summary>
    /// Statuses with which the vendor (or a gateway in front of it: 520-530 are CDN answers about the origin) gives up
    /// without saying whether it processed the request. 429, 503 and 501 say it did not.
    /// </summary>
    public static bool IsInDoubt(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.BadGateway
            or HttpStatusCode.GatewayTimeout
        || (int)status is >= 520 and <= 530;

    /// <summary>Whether the call failed after the vendor may have acted on it; never for a read.</summary>
    public bool MayHaveTakenEffect => !Operation.IsRead && (InDoubt || ForeignRepeatRefused);

    public void Entered(HttpRequestMessage request, VendorRuntime runtime, TimeProvider time)
    {
        (Request, Runtime, Time, Sent) = (request, runtime, time, true);
    }

    public void RefusedForeignRepeat() => ForeignRepeatRefused = true;

    public void Answered(HttpResponseMessage response)
    {
        Attempts++;
        InDoubt |= IsInDoubt(response.StatusCode);
    }

    /// <summary>An attempt ended without a complete answer.</summary>
    public void Failed(Exception exception, bool answerStarted)
    {
        Attempts++;

        // A connection that could not be opened carried nothing; anything else (reset, cut-off answer, attempt
        // timeout) may have reached the vendor.
        InDoubt |= answerStarted || exception is not HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
        };
    }
}
