using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// A scope on an annotation (<c>type: annotation</c>): the annotation id, frame interval and attribute where the issue
/// is present. Used for <c>extraneous</c>, <c>geometry</c>, <c>position</c>, <c>label</c> and most <c>attribute</c>
/// errors (scene attributes use <see cref="FeedbackItemScopeScene"/>).
/// </summary>
public sealed class FeedbackItemScopeAnnotation : FeedbackItemScope
{
    /// <summary><c>annotation</c>.</summary>
    public override string Type => "annotation";

    /// <summary>The annotation the issue is on. Required.</summary>
    [JsonPropertyName("annotation_id")]
    public string? AnnotationId { get; set; }

    /// <summary>
    /// The sensor, typically a camera for 2D projections. Defaults to the scene's primary sensor (typically the first
    /// lidar).
    /// </summary>
    [JsonPropertyName("sensor_id")]
    public SensorId? SensorId { get; set; }

    /// <summary>The attribute name; set if and only if the issue is on an annotation attribute.</summary>
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
