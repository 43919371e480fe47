using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>One page of a task listing (<c>GET /v1/tasks</c>).</summary>
public sealed record ScaleTaskPage
{
    /// <summary>The tasks of this page.</summary>
    [JsonPropertyName("docs")]
    public IReadOnlyList<ScaleTask>? Docs { get; set; }

    /// <summary>The number of tasks matching the query, when Scale sends it.</summary>
    [JsonPropertyName("total")]
    public long? Total { get; set; }

    /// <summary>The page size used.</summary>
    [JsonPropertyName("limit")]
    public int? Limit { get; set; }

    /// <summary>The offset of this page, when Scale sends it.</summary>
    [JsonPropertyName("offset")]
    public long? Offset { get; set; }

    /// <summary>Whether more tasks follow this page.</summary>
    [JsonPropertyName("has_more")]
    public bool? HasMore { get; set; }

    /// <summary>The token of the next page (<see cref="ScaleTaskQuery.NextToken"/>); absent on the last page.</summary>
    [JsonPropertyName("next_token")]
    public string? NextToken { get; set; }
}
