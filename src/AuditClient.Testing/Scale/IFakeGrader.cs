using System.Text.Json.Nodes;

namespace AuditClient.Testing;

/// <summary>
/// The fake's grader: decides whether a stored feedback item gets <c>grader_output: {conflict: true, explanation}</c>.
/// The one place that decision is made, so it can follow the SDK's own feedback-item rules.
/// </summary>
internal interface IFakeGrader
{
    /// <summary>Why the item is invalid, or <see langword="null"/> when it is valid.</summary>
    /// <param name="feedbackItem">The item as received (already known to be well-formed).</param>
    string? FindConflict(JsonObject feedbackItem);
}
