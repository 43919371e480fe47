using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>Scale's grading of a feedback item (<c>grader_output</c>).</summary>
public sealed record FeedbackItemGraderOutput
{
    /// <summary><see langword="true"/> when the item is invalid and is not considered in quality scores.</summary>
    [JsonPropertyName("conflict")]
    public bool? Conflict { get; set; }

    /// <summary>A description of the issue with the item.</summary>
    [JsonPropertyName("explanation")]
    public string? Explanation { get; set; }
}
