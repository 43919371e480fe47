using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>The task response a fixless audit was made against (<c>target_response</c>).</summary>
public sealed class FixlessAuditTargetResponse
{
    /// <summary>The response URL: the task's <c>response.annotations.url</c> (<c>response.ortho</c> for LidarTopdown tasks).</summary>
    [JsonPropertyName("url")]
    public string? Url { get; set; }

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
