using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace AuditClient.Core.Telemetry;

/// <summary>
/// The package's <see cref="ActivitySource"/> and <see cref="Meter"/>, both named <c>AuditClient</c>.
/// Tags are low-cardinality: vendor, operation, status (never ids, paths with ids, or keys).
/// </summary>
internal static class AuditTelemetry
{
    public const string Name = "AuditClient";

    public static readonly ActivitySource Source = new(Name, typeof(AuditTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(Name, typeof(AuditTelemetry).Assembly.GetName().Version?.ToString());

    /// <summary>Every completed call, with its final status.</summary>
    public static readonly Counter<long> Calls = Meter.CreateCounter<long>("auditclient.calls", "{call}", "Calls made through the SDK.");

    /// <summary>How long calls took, retries and waits included.</summary>
    public static readonly Histogram<double> CallDuration = Meter.CreateHistogram<double>(
        "auditclient.call.duration", "s", "Duration of calls through the SDK, retries and waits included.");

    /// <summary>Calls that ended in an exception.</summary>
    public static readonly Counter<long> Failures = Meter.CreateCounter<long>("auditclient.failures", "{call}", "Calls that ended in an exception.");

    /// <summary>Retries scheduled by the resilience pipeline.</summary>
    public static readonly Counter<long> Retries = Meter.CreateCounter<long>("auditclient.retries", "{retry}", "Retries of a request.");

    /// <summary>Time spent waiting for the client-side rate limiter.</summary>
    public static readonly Histogram<double> RateLimiterWait = Meter.CreateHistogram<double>(
        "auditclient.rate_limiter.wait", "s", "Time a request waited for the client-side rate limiter.");
}
