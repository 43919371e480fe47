using System.Globalization;
using System.Net;

namespace AuditClient.Testing;

/// <summary>
/// A failure the fakes produce instead of (or before) their normal answer; armed with
/// <see cref="FakeFaults.Arm(FakeEndpoint, FakeFault, int)"/>.
/// </summary>
public sealed class FakeFault
{
    private FakeFault(FakeFaultKind kind, HttpStatusCode status, TimeSpan duration, bool afterStoring = false)
    {
        Kind = kind;
        Status = status;
        Duration = duration;
        AfterStoring = afterStoring;
    }

    internal FakeFaultKind Kind { get; }

    /// <summary>Whether the fake first handles the request as usual (storing what it stores), then fails instead of answering.</summary>
    internal bool AfterStoring { get; }

    internal HttpStatusCode Status { get; }

    internal TimeSpan Duration { get; }

    /// <summary>
    /// Answers 429 Too Many Requests with <c>Retry-After</c> in seconds (rounded up) and the vendor's error body.
    /// </summary>
    /// <param name="retryAfter">The wait announced; zero or more.</param>
    /// <returns>The fault.</returns>
    public static FakeFault TooManyRequests(TimeSpan retryAfter)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retryAfter, TimeSpan.Zero);
        return new(FakeFaultKind.TooManyRequests, HttpStatusCode.TooManyRequests, retryAfter);
    }

    /// <summary>Answers a 5xx status with the vendor's error body.</summary>
    /// <param name="status">A status from 500 to 599, such as <see cref="HttpStatusCode.ServiceUnavailable"/>.</param>
    /// <returns>The fault.</returns>
    public static FakeFault ServerError(HttpStatusCode status = HttpStatusCode.InternalServerError)
    {
        if ((int)status is < 500 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(status), status, "A server error is a status from 500 to 599.");
        }

        return new(FakeFaultKind.ServerError, status, TimeSpan.Zero);
    }

    /// <summary>
    /// Waits, then answers normally. The wait uses real time (not <see cref="AuditFakesOptions.TimeProvider"/>) and
    /// ends early when the client gives up on the request.
    /// </summary>
    /// <param name="delay">How long to wait; zero or more.</param>
    /// <returns>The fault.</returns>
    public static FakeFault Delay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        return new(FakeFaultKind.Delay, default, delay);
    }

    /// <summary>
    /// Reads the request, then aborts the connection without answering: the client sees the connection break
    /// after its request was sent (the request is recorded, nothing is stored).
    /// </summary>
    /// <returns>The fault.</returns>
    public static FakeFault ConnectionReset() => new(FakeFaultKind.ConnectionReset, default, TimeSpan.Zero);

    /// <summary>
    /// Handles the request as usual (stores the audit, the review, the task audit), then answers a 5xx status with the
    /// vendor's error body instead of the normal answer: the client cannot tell it from a failure before storing.
    /// </summary>
    /// <param name="status">A status from 500 to 599, such as <see cref="HttpStatusCode.BadGateway"/>.</param>
    /// <returns>The fault.</returns>
    public static FakeFault ServerErrorAfterStoring(HttpStatusCode status = HttpStatusCode.InternalServerError)
    {
        var fault = ServerError(status);
        return new(fault.Kind, fault.Status, TimeSpan.Zero, afterStoring: true);
    }

    /// <summary>
    /// Answers 408 Request Timeout with the vendor's error body, as a gateway that gave up on the vendor does; with
    /// <paramref name="afterStoring"/>, only once the request was handled as usual (stored).
    /// </summary>
    /// <param name="afterStoring">Whether the fake first stores what the request asks for.</param>
    /// <returns>The fault.</returns>
    public static FakeFault RequestTimeout(bool afterStoring = false) =>
        new(FakeFaultKind.ServerError, HttpStatusCode.RequestTimeout, TimeSpan.Zero, afterStoring);

    /// <summary>Reads the request and handles it as usual (storing what it stores), then aborts the connection without answering.</summary>
    /// <returns>The fault.</returns>
    public static FakeFault ConnectionResetAfterStoring() => new(FakeFaultKind.ConnectionReset, default, TimeSpan.Zero, afterStoring: true);

    /// <summary>
    /// Handles the request as usual (storing what it stores), then waits for <paramref name="stall"/> before answering,
    /// so that a client with a shorter attempt timeout gives up on a request that took effect. Real time, as
    /// <see cref="Delay(TimeSpan)"/>; ends early when the client gives up.
    /// </summary>
    /// <param name="stall">How long to wait before answering; zero or more.</param>
    /// <returns>The fault.</returns>
    public static FakeFault StallAfterStoring(TimeSpan stall)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stall, TimeSpan.Zero);
        return new(FakeFaultKind.Delay, default, stall, afterStoring: true);
    }

    /// <summary>Describes the fault.</summary>
    /// <returns>Such as <c>429 Too Many Requests (Retry-After: 2)</c>.</returns>
    public override string ToString() => AfterStoring ? Describe() + " after storing" : Describe();

    private string Describe() => Kind switch
    {
        FakeFaultKind.TooManyRequests => $"429 Too Many Requests (Retry-After: {RetryAfterSeconds.ToString(CultureInfo.InvariantCulture)})",
        FakeFaultKind.ServerError => $"{(int)Status} {Status}",
        FakeFaultKind.Delay => $"delay of {Duration.TotalMilliseconds.ToString("0.###", CultureInfo.InvariantCulture)} ms",
        _ => "connection reset",
    };

    internal long RetryAfterSeconds => (long)Math.Ceiling(Duration.TotalSeconds);
}

/// <summary>What a <see cref="FakeFault"/> does.</summary>
internal enum FakeFaultKind
{
    TooManyRequests,
    ServerError,
    Delay,
    ConnectionReset,
}
