using System.Text.Json;
using System.Text.Json.Nodes;
using AuditClient.Scale;

namespace AuditClient.Testing;

/// <summary>
/// Decides whether a stored feedback item gets <c>grader_output: {conflict: true, explanation}</c>. It applies the SDK's
/// own feedback-item rules (<see cref="FeedbackItemCreate.Validate"/>), which encode the spec's grader rules, so the
/// fake and the SDK cannot disagree. Scale computes grader output minutes after creation; the fake at once.
/// </summary>
internal static class FakeGrader
{
    /// <summary>Why the item is invalid, or <see langword="null"/> when it is valid.</summary>
    /// <param name="feedbackItem">The item as received (already known to be well-formed).</param>
    public static string? FindConflict(JsonObject feedbackItem)
    {
        FeedbackItemCreate? item;
        try
        {
            item = AuditClientJson.Deserialize<FeedbackItemCreate>(feedbackItem.ToJsonString());
        }
        catch (JsonException e)
        {
            return "The feedback item cannot be read: " + e.Message;
        }

        var violations = item?.Validate() ?? [];
        return violations.Count == 0 ? null : string.Join("; ", violations);
    }
}
