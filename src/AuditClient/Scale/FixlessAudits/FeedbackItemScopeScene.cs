using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// A scope on the scene (<c>type: scene</c>): the issue is about a scene attribute, not an individual annotation.
/// Only for scene <c>attribute</c> errors.
/// </summary>
public sealed record FeedbackItemScopeScene : FeedbackItemScope
{
    /// <summary><c>scene</c>.</summary>
    public override string Type => "scene";

    /// <summary>The scene attribute name.</summary>
    [JsonPropertyName("attribute")]
    public string? Attribute { get; set; }

    /// <summary>The frames where the issue is present. Required.</summary>
    [JsonPropertyName("interval")]
    public FeedbackItemInterval? Interval { get; set; }
}
