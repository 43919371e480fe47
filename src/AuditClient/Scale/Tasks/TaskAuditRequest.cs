using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>The body of <c>POST /v1/task/{task_id}/audit</c>.</summary>
internal sealed class TaskAuditRequest
{
    [JsonPropertyName("accepted")]
    public required bool Accepted { get; set; }

    [JsonPropertyName("comments")]
    public string? Comments { get; set; }
}
