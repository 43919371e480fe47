using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// The body of a fixless audit creation (<c>PUT /v1/audits</c>). An audit without feedback items is valid: it says
/// the task has no errors. <see cref="TaskId"/>, <see cref="Result"/> and <see cref="TargetResponseUrl"/> are required.
/// </summary>
public sealed record FixlessAuditCreate
{
    /// <summary>The kind of audit; always <c>fixless</c>.</summary>
    [JsonPropertyName("type")]
    public FixlessAuditType Type { get; init; } = FixlessAuditType.Fixless;

    /// <summary>The audit result: <c>accepted</c> or <c>rejected</c>. Required.</summary>
    [JsonPropertyName("result")]
    public FixlessAuditResult? Result { get; init; }

    /// <summary>The audited task. Required.</summary>
    [JsonPropertyName("task_id")]
    public string? TaskId { get; init; }

    /// <summary>Comments on the audit.</summary>
    [JsonPropertyName("comments")]
    public string? Comments { get; init; }

    /// <summary>
    /// The audited task response: the task's <c>response.annotations.url</c> (<c>response.ortho</c> for LidarTopdown
    /// tasks). Required.
    /// </summary>
    [JsonPropertyName("target_response_url")]
    public string? TargetResponseUrl { get; init; }

    /// <summary>The errors, comments, confirmations or flags on the task.</summary>
    [JsonPropertyName("feedback_items")]
    public IReadOnlyList<FeedbackItemCreate>? FeedbackItems { get; init; }

    /// <summary>Any data for your own tracking.</summary>
    [JsonPropertyName("metadata")]
    public JsonObject? Metadata { get; init; }
}
