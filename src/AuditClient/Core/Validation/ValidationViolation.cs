namespace AuditClient;

/// <summary>One broken rule of an input, found before anything was sent.</summary>
/// <param name="Path">The wire path of the offending field, such as <c>feedback_items[3].scope.annotation_id</c>.</param>
/// <param name="Rule">The rule, in words, such as <c>is required when category is 'label'</c>.</param>
public sealed record ValidationViolation(string Path, string Rule)
{
    /// <summary>The wire path of the offending field.</summary>
    public string Path { get; init; } = Path ?? throw new ArgumentNullException(nameof(Path));

    /// <summary>The rule, in words.</summary>
    public string Rule { get; init; } = Rule ?? throw new ArgumentNullException(nameof(Rule));

    /// <summary>
    /// <see cref="ValidationSeverity.Error"/> when the vendor would refuse the input (or the client's policy refuses
    /// it): the call sends nothing. <see cref="ValidationSeverity.Warning"/> when the vendor accepts it but would
    /// mark or ignore it (a grader that leaves it out of scores): the call sends it and logs the warning.
    /// </summary>
    public ValidationSeverity Severity { get; init; } = ValidationSeverity.Error;

    /// <summary>Returns <c>path: rule</c>, followed by <c>(warning)</c> for a warning.</summary>
    /// <returns>The path and the rule.</returns>
    public override string ToString() => Severity == ValidationSeverity.Warning ? $"{Path}: {Rule} (warning)" : $"{Path}: {Rule}";
}

/// <summary>How serious a <see cref="ValidationViolation"/> is.</summary>
public enum ValidationSeverity
{
    /// <summary>Refused before sending: the vendor would refuse it, or the client's policy does.</summary>
    Error,

    /// <summary>Sent, and logged: the vendor accepts it but would mark or ignore it.</summary>
    Warning,
}
