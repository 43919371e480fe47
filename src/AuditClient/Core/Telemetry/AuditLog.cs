using Microsoft.Extensions.Logging;

namespace AuditClient.Core.Telemetry;

/// <summary>
/// The SDK's own log lines, under the category <c>AuditClient</c>, which does not change between releases. Nothing is
/// logged per successful call above Debug; a line names operations, methods, paths and statuses, never a body, a header
/// value or a key.
/// </summary>
internal static partial class AuditLog
{
    public const string Category = "AuditClient";

    /// <summary>The logger of the SDK's category, or a no-op one when the app has no logging.</summary>
    public static ILogger Create(ILoggerFactory? factory) =>
        factory?.CreateLogger(Category) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    /// <summary>
    /// A request was sent although it breaks rules the vendor accepts to see broken (it marks or ignores what they
    /// cover): worth a look, not a failure. Paths and rules only, never values a caller wrote.
    /// </summary>
    [LoggerMessage(EventId = 1, EventName = "SentWithWarnings", Level = LogLevel.Warning,
        Message = "{Operation} sent with {Count} warning(s): {Warnings}")]
    public static partial void SentWithWarnings(ILogger logger, string operation, int count, string warnings);

    /// <summary>An attempt failed and is repeated after <paramref name="delay"/>.</summary>
    [LoggerMessage(EventId = 2, EventName = "Retrying", Level = LogLevel.Debug,
        Message = "{Operation} attempt {Attempt} ended with {Status}; retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string operation, int attempt, string status, TimeSpan delay);

    /// <summary>A request waited for the client-side rate limiter before it could leave.</summary>
    [LoggerMessage(EventId = 3, EventName = "RateLimiterWait", Level = LogLevel.Debug,
        Message = "{Vendor} request waited {Wait} for the client-side rate limiter")]
    public static partial void RateLimiterWait(ILogger logger, string vendor, TimeSpan wait);

    /// <summary>
    /// A write failed after the vendor may have acted on it: a resend may create a duplicate, so someone should look
    /// before sending it again.
    /// </summary>
    [LoggerMessage(EventId = 4, EventName = "MayHaveTakenEffect", Level = LogLevel.Warning,
        Message = "{Operation} {Method} {Path} failed ({ErrorType}) after the vendor may have acted on it; check before sending it again")]
    public static partial void MayHaveTakenEffect(ILogger logger, string operation, string method, string path, string errorType);

    public static void Warnings(ILogger logger, string operation, Validation.Violations violations)
    {
        if (violations.AnyWarnings && logger.IsEnabled(LogLevel.Warning))
        {
            var warnings = violations.Warnings.ToList();
            SentWithWarnings(logger, operation, warnings.Count, string.Join("; ", warnings.Select(w => $"{w.Path}: {w.Rule}")));
        }
    }
}
