using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>A Scale task with its audit fields.</summary>
public sealed record ScaleTask
{
    /// <summary>The task id.</summary>
    [JsonPropertyName("task_id")]
    public string? TaskId { get; init; }
}
