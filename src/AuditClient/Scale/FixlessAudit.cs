using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>A fixless audit as Scale returns it.</summary>
public sealed record FixlessAudit
{
    /// <summary>The audit id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; init; }
}
