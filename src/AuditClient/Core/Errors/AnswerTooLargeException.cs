using System.Globalization;

namespace AuditClient.Core.Errors;

/// <summary>
/// A successful answer went past <see cref="VendorResilienceOptions.MaxResponseBytes"/> as it was read; the call reports
/// it as a success whose body cannot be read.
/// </summary>
internal sealed class AnswerTooLargeException(long maxLength)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"the body is larger than the {maxLength} bytes that Resilience:MaxResponseBytes allows, and the rest of it was not read"));
