using System.Text.Json.Serialization;

namespace AuditClient.CloudFactory;

/// <summary>CloudFactory's answer to an accepted submission (202), such as <c>Data successfully received.</c></summary>
public sealed record TaskReviewAccepted
{
    /// <summary>The message CloudFactory sent.</summary>
    [JsonPropertyName("message")]
    public string? Message { get; init; }
}
