using System.Net;
using AuditClient.Core.Errors;

namespace AuditClient.Core.Http;

/// <summary>
/// What the handlers learn about one call, for <see cref="ApiCall"/> to classify its end. Begun by <see cref="ApiCall"/>
/// for the call in flight in its async flow, found there by <see cref="VendorPipelineHandler"/> (which records the
/// request actually sent, the vendor's runtime and what each attempt did) and by the retry rules. A failure that never
/// produced an answer therefore still knows its request, its vendor's credentials to redact, and whether it may have
/// taken effect.
/// </summary>
/// <remarks>
/// <para>The flow, not a request property: Refit puts three options on every request, and a fourth grows the request's
/// option dictionary (a quarter of a kilobyte per call) for what belongs to the flow the call runs in anyway. Set inside
/// <see cref="ApiCall"/>'s async method, the value is gone when that method returns; a request of another call in the same
/// flow (an app's handler calling out) is not mistaken for this one: the record answers only for its own request.</para>
/// <para>Attempts of one call run one after another, never at once: plain fields suffice.</para>
/// </remarks>
internal sealed class CallRecord(ApiOperation operation)
{
    private static readonly AsyncLocal<CallRecord?> InFlight = new();

    public ApiOperation Operation { get; } = operation;

    /// <summary>The total timeout of the call this one is a step of, when it is one (<see cref="CallBudget"/>).</summary>
    public CallBudget? Budget { get; } = CallBudget.Current;

    /// <summary>The request as the SDK's handlers saw it; <see langword="null"/> until it reached them.</summary>
    public HttpRequestMessage? Request { get; private set; }

    /// <summary>The vendor's runtime; <see langword="null"/> until the request reached the SDK's handlers.</summary>
    public VendorRuntime? Runtime { get; private set; }

    public TimeProvider Time { get; private set; } = TimeProvider.System;

    /// <summary>How the call reads a success body: the attempt reads one too large to hold in memory with it.</summary>
    public AnswerReader? Reader { get; set; }

    public Redactor Redactor => Runtime?.Redactor ?? Redactor.None;

    /// <summary>Whether an attempt left, so that a second pass through the outermost handler is a repeat.</summary>
    public bool Sent { get; private set; }

    /// <summary>Whether a handler outside the SDK's pipeline tried to send the request a second time.</summary>
    public bool ForeignRepeatRefused { get; private set; }

    /// <summary>
    /// Whether an attempt ended in a way that leaves open whether the vendor acted on it: an in-doubt status, a
    /// timeout or a connection that broke once the request was sent.
    /// </summary>
    public bool InDoubt { get; private set; }

    /// <summary>
    /// The record of the call in flight in this flow when <paramref name="request"/> is its request (or the first to
    /// reach the SDK's handler); <see langword="null"/> for a request that did not come through <see cref="ApiCall"/>.
    /// </summary>
    public static CallRecord? Of(HttpRequestMessage? request) =>
        request is not null && InFlight.Value is { } call && (call.Request is null || ReferenceEquals(call.Request, request)) ? call : null;

    /// <summary>
    /// Begins the record of a call in this flow. Called inside an async method (<see cref="ApiCall"/>'s): the record
    /// stays in that method's flow and in the flows it starts, and is gone for its caller when it returns.
    /// </summary>
    public static CallRecord Begin(ApiOperation operation)
    {
        var call = new CallRecord(operation);
        InFlight.Value = call;
        return call;
    }

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

    public void Answered(HttpResponseMessage response) => InDoubt |= IsInDoubt(response.StatusCode);

    /// <summary>An attempt ended without a complete answer.</summary>
    public void Failed(Exception exception, bool answerStarted)
    {
        // A connection that could not be opened carried nothing; anything else (reset, cut-off answer, attempt
        // timeout) may have reached the vendor.
        InDoubt |= answerStarted || exception is not HttpRequestException
        {
            HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError,
        };
    }
}
