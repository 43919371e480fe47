namespace AuditClient;

/// <summary>One broken rule of an input, found before anything was sent.</summary>
/// <param name="Path">The wire path of the offending field, such as <c>feedback_items[3].scope.annotation_id</c>.</param>
/// <param name="Rule">The rule, in words, such as <c>is required when category is 'label'</c>.</param>
public sealed record ValidationViolation(string Path, string Rule)
{
    /// <summary>Returns <c>path: rule</c>.</summary>
    /// <returns>The path and the rule.</returns>
    public override string ToString() => $"{Path}: {Rule}";
}
