using Microsoft.Extensions.Logging;

namespace AuditClient.Core.Telemetry;

/// <summary>The SDK's own log lines, under the category <c>AuditClient</c>.</summary>
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

    public static void Warnings(ILogger logger, string operation, Validation.Violations violations)
    {
        if (violations.AnyWarnings && logger.IsEnabled(LogLevel.Warning))
        {
            var warnings = violations.Warnings.ToList();
            SentWithWarnings(logger, operation, warnings.Count, string.Join("; ", warnings.Select(w => $"{w.Path}: {w.Rule}")));
        }
    }
}
