using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>A fixless audit, as Scale returns it.</summary>
public sealed class FixlessAudit
{
    /// <summary>The audit id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The audit's SRN, <c>srn:scale:avcv:audit:{id}</c>; it can be used in place of the id on every endpoint.</summary>
    [JsonPropertyName("srn")]
    public string? Srn { get; set; }

    /// <summary>
    /// The kind of audit, as Scale sent it: <c>fixless</c>, the only kind Scale documents. Read-only: it describes what
    /// Scale stored, and is written back as it came.
    /// </summary>
    [JsonInclude]
    [JsonPropertyName("type")]
    public string? Type { get; internal set; }

    /// <summary>The audited task.</summary>
    [JsonPropertyName("task_id")]
    public string? TaskId { get; set; }

    /// <summary>The audited task's type, such as <c>sensorfusion</c>.</summary>
    [JsonPropertyName("task_type")]
    public string? TaskType { get; set; }

    /// <summary>The audit result: <c>accepted</c> or <c>rejected</c>.</summary>
    [JsonPropertyName("result")]
    public FixlessAuditResult? Result { get; set; }

    /// <summary>Comments on the audit.</summary>
    [JsonPropertyName("comments")]
    public string? Comments { get; set; }

    /// <summary>The audited task response.</summary>
    [JsonPropertyName("target_response")]
    public FixlessAuditTargetResponse? TargetResponse { get; set; }

    /// <summary>The errors, comments, confirmations or flags on the task.</summary>
    [JsonPropertyName("feedback_items")]
    public IReadOnlyList<FeedbackItem>? FeedbackItems { get; set; }

    /// <summary>The data stored with the audit for tracking.</summary>
    [JsonPropertyName("metadata")]
    public JsonObject? Metadata { get; set; }

    /// <summary>Whether this is the task's latest audit; only the latest counts in task and batch quality scores.</summary>
    [JsonPropertyName("active")]
    public bool? Active { get; set; }

    /// <summary>Where the audit was created: <c>api</c>, <c>lidarlite</c> or <c>classic</c>.</summary>
    [JsonPropertyName("source")]
    public FixlessAuditSource? Source { get; set; }

    /// <summary>Who created the audit.</summary>
    [JsonPropertyName("created_by")]
    public string? CreatedBy { get; set; }

    /// <summary>When the audit was created.</summary>
    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When the audit was last changed.</summary>
    [JsonPropertyName("updated_at")]
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
