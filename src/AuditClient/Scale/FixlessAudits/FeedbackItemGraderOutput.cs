using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>Scale's grading of a feedback item (<c>grader_output</c>).</summary>
public sealed class FeedbackItemGraderOutput
{
    /// <summary><see langword="true"/> when the item is invalid and is not considered in quality scores.</summary>
    [JsonPropertyName("conflict")]
    public bool? Conflict { get; set; }

    /// <summary>A description of the issue with the item.</summary>
    [JsonPropertyName("explanation")]
    public string? Explanation { get; set; }

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
