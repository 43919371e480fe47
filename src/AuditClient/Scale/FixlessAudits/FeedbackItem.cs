using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>A feedback item of a fixless audit, as Scale returns it.</summary>
public sealed class FeedbackItem
{
    /// <summary>The feedback item id.</summary>
    [JsonPropertyName("id")]
    public string? Id { get; set; }

    /// <summary>The purpose of the item: <c>error</c>, <c>flag</c>, <c>confirmation</c> or <c>comment</c>.</summary>
    [JsonPropertyName("type")]
    public FeedbackItemType? Type { get; set; }

    /// <summary>Where the item is in Scale's review; changes as Scale reviews and fixes the task.</summary>
    [JsonPropertyName("state")]
    public FeedbackItemState? State { get; set; }

    /// <summary>The location and duration of the issue.</summary>
    [JsonPropertyName("scope")]
    public FeedbackItemScope? Scope { get; set; }

    /// <summary>The kind of issue found on the task.</summary>
    [JsonPropertyName("category")]
    public FeedbackItemCategory? Category { get; set; }

    /// <summary>
    /// The seriousness of the issue: <c>mild</c>, <c>standard</c> or <c>severe</c>; absent means <c>standard</c>, Scale's
    /// default (see <see cref="FixlessAuditQuality.CountsTowardQuality"/>).
    /// </summary>
    [JsonPropertyName("severity")]
    public FeedbackItemSeverity? Severity { get; set; }

    /// <summary>Open text shown in the tasking and auditing UI, describing the error or fix.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>The data stored with the item for tracking.</summary>
    [JsonPropertyName("metadata")]
    public JsonObject? Metadata { get; set; }

    /// <summary>When the item was last changed.</summary>
    [JsonPropertyName("updated_at")]
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>Who last changed the item.</summary>
    [JsonPropertyName("updated_by")]
    public string? UpdatedBy { get; set; }

    /// <summary>
    /// Scale's grading of the item, computed a few minutes after the audit is submitted; absent until then. Items the
    /// grader marks as conflicting are not considered in quality scores.
    /// </summary>
    [JsonPropertyName("grader_output")]
    public FeedbackItemGraderOutput? GraderOutput { get; set; }

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
