using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.CloudFactory;

/// <summary>
/// CloudFactory's answer to an accepted submission (202), such as <c>Data successfully received.</c> Any 2xx answer
/// means the review was accepted, whatever its body.
/// </summary>
public sealed class TaskReviewAccepted
{
    /// <summary>
    /// The message CloudFactory sent; the start of the body when it was not JSON; <see langword="null"/> when the body
    /// was empty.
    /// </summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
