using AuditClient.Core.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>One page of a task listing (<c>GET /v1/tasks</c>).</summary>
public sealed class ScaleTaskPage
{
    private WireNumber? _offset;

    private WireNumber? _limit;

    private WireNumber? _total;

    /// <summary>The tasks of this page.</summary>
    [JsonPropertyName("docs")]
    public IReadOnlyList<ScaleTask>? Docs { get; set; }

    /// <summary>The number of tasks matching the query, when Scale sends it.</summary>
    [JsonIgnore]
    public long? Total { get => _total?.Int64; set => _total = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; Total is its view.
    [JsonInclude]
    [JsonPropertyName("total")]
    internal WireNumber? TotalJson { get => _total; set => _total = value; }

    /// <summary>The page size used.</summary>
    [JsonIgnore]
    public int? Limit { get => _limit?.Int32; set => _limit = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; Limit is its view.
    [JsonInclude]
    [JsonPropertyName("limit")]
    internal WireNumber? LimitJson { get => _limit; set => _limit = value; }

    /// <summary>The offset of this page, when Scale sends it.</summary>
    [JsonIgnore]
    public long? Offset { get => _offset?.Int64; set => _offset = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; Offset is its view.
    [JsonInclude]
    [JsonPropertyName("offset")]
    internal WireNumber? OffsetJson { get => _offset; set => _offset = value; }

    /// <summary>Whether more tasks follow this page.</summary>
    [JsonPropertyName("has_more")]
    public bool? HasMore { get; set; }

    /// <summary>
    /// The token of the next page, for <see cref="ScaleTaskQuery.NextToken"/> or <see cref="ScaleTaskPageable.AsPages"/>;
    /// absent on the last page.
    /// </summary>
    [JsonPropertyName("next_token")]
    public string? NextToken { get; set; }

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
