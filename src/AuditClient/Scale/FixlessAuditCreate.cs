using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>The body of a fixless audit creation.</summary>
public sealed record FixlessAuditCreate
{
    /// <summary>The audited task.</summary>
    [JsonPropertyName("task_id")]
    public string? TaskId { get; init; }
}
