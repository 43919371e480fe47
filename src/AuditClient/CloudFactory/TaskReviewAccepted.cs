using System.Text.Json.Serialization;

namespace AuditClient.CloudFactory;

/// <summary>
/// CloudFactory's answer to an accepted submission (202), such as <c>Data successfully received.</c> Any 2xx answer
/// means the review was accepted, whatever its body.
/// </summary>
public sealed record TaskReviewAccepted
{
    /// <summary>
    /// The message CloudFactory sent; the start of the body when it was not JSON; <see langword="null"/> when the body
    /// was empty.
    /// </summary>
    [JsonPropertyName("message")]
    public string? Message { get; set; }
}
