using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// A scope at a point (<c>type: point</c>): the 3D or 2D position and frame interval of a missing annotation. Only for
/// <c>missing</c> errors.
/// </summary>
public sealed class FeedbackItemScopePoint : FeedbackItemScope
{
    /// <summary><c>point</c>.</summary>
    public override string Type => "point";

    /// <summary>The point where the annotation is missing, <c>[x, y]</c>. Required.</summary>
    [JsonPropertyName("coordinates")]
    public Point2D? Coordinates { get; set; }

    /// <summary>The type of the missing annotation. Required.</summary>
    [JsonPropertyName("missing_annotation_type")]
    public AnnotationType? MissingAnnotationType { get; set; }

    /// <summary>
    /// Whether the missing cuboid is stationary rather than dynamic; only applies to cuboids, and matters for quality
    /// score calculations. Required.
    /// </summary>
    [JsonPropertyName("stationary")]
    public bool? Stationary { get; set; }

    /// <summary>The label name of the missing annotation.</summary>
    [JsonPropertyName("missing_annotation_class")]
    public string? MissingAnnotationClass { get; set; }

    /// <summary>
    /// The camera sensor, set if and only if the coordinates are in camera coordinates; otherwise they are 3D coordinates
    /// with z assumed to be 0.
    /// </summary>
    [JsonPropertyName("sensor_id")]
    public SensorId? SensorId { get; set; }

    /// <summary>The frames where the annotation is missing. Required.</summary>
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
