using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// A scope on the scene (<c>type: scene</c>): the issue is about a scene attribute, not an individual annotation.
/// Only for scene <c>attribute</c> errors.
/// </summary>
public sealed class FeedbackItemScopeScene : FeedbackItemScope
{
    /// <summary><c>scene</c>.</summary>
    public override string Type => "scene";

    /// <summary>The scene attribute name.</summary>
    [JsonPropertyName("attribute")]
    public string? Attribute { get; set; }

    /// <summary>The frames where the issue is present. Required.</summary>
    [JsonPropertyName("interval")]
    public FeedbackItemInterval? Interval { get; set; }

    /// <summary>
    /// The fields of the scope this version of the SDK has no property for, and known fields whose JSON kind or shape
    /// this version cannot read (then their property is <see langword="null"/>), exactly as received; written back with
    /// the rest, so a scope read and sent again loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
