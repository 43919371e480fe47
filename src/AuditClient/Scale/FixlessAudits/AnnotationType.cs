using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The type of a missing annotation (<c>missing_annotation_type</c>) in point and polygon scopes. Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<AnnotationType>))]
public readonly record struct AnnotationType(string Value) : IExtensibleEnum<AnnotationType>
{
    /// <summary><c>cuboid</c>: A 3D cuboid (task types sensorFusion, multiStage).</summary>
    public static AnnotationType Cuboid { get; } = new("cuboid");

    /// <summary><c>box_2d</c>: A 2D box (task types videoAnnotation, multiStage).</summary>
    public static AnnotationType Box2D { get; } = new("box_2d");

    /// <summary><c>polygon_2d</c>: A 2D polygon (task types videoAnnotation, multiStage).</summary>
    public static AnnotationType Polygon2D { get; } = new("polygon_2d");

    /// <summary><c>polyline_2d</c>: A 2D polyline (task types videoAnnotation, multiStage).</summary>
    public static AnnotationType Polyline2D { get; } = new("polyline_2d");

    /// <summary><c>point_2d</c>: A 2D point (task types videoAnnotation, multiStage).</summary>
    public static AnnotationType Point2D { get; } = new("point_2d");

    /// <summary><c>event</c>: An event (task types videoAnnotation, multiStage).</summary>
    public static AnnotationType Event { get; } = new("event");

    /// <summary><c>polygon_topdown</c>: A top-down polygon (task types lidarTopdown, multiStage).</summary>
    public static AnnotationType PolygonTopdown { get; } = new("polygon_topdown");

    /// <summary><c>polyline</c>: A top-down polyline (task types lidarTopdown, multiStage).</summary>
    public static AnnotationType Polyline { get; } = new("polyline");

    /// <summary><c>point_topdown</c>: A top-down point (task types lidarTopdown, multiStage).</summary>
    public static AnnotationType PointTopdown { get; } = new("point_topdown");

    string? IExtensibleEnum<AnnotationType>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator AnnotationType(string value) => new(value);

    static AnnotationType IExtensibleEnum<AnnotationType>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
