using System.Globalization;
using System.Net;

namespace AuditClient.Testing;

/// <summary>
/// A failure the fakes produce instead of (or before) their normal answer; armed with
/// <see cref="FakeFaults.Arm(FakeEndpoint, FakeFault, int)"/>.
/// </summary>
public sealed class FakeFault
{
    private FakeFault(FakeFaultKind kind, HttpStatusCode status, TimeSpan duration)
    {
        Kind = kind;
        Status = status;
        Duration = duration;
    }

    internal FakeFaultKind Kind { get; }

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

    /// <summary>Describes the fault.</summary>
    /// <returns>Such as <c>429 Too Many Requests (Retry-After: 2)</c>.</returns>
    public override string ToString() => Kind switch
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
