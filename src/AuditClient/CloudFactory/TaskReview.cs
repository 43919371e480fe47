using System.Text.Json.Serialization;

namespace AuditClient.CloudFactory;

/// <summary>A reviewed task, as the CloudFactory Quality API receives it.</summary>
public sealed record TaskReview
{
    /// <summary>ID of the workstream that the task belongs to.</summary>
    [JsonPropertyName("workstream_id")]
    public string? WorkstreamId { get; init; }
}
