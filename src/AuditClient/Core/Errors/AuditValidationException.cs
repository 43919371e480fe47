namespace AuditClient;

/// <summary>
/// The input was refused before anything was sent: it breaks a rule of the vendor's API. Every broken rule is listed in
/// <see cref="Violations"/>, each with the path of the offending field. Not an <see cref="AuditApiException"/>: no call
/// was made, and the same input fails the same way every time, so a handler that retries API failures must not see it.
/// </summary>
public sealed class AuditValidationException : AuditClientException
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
