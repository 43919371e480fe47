using System.ComponentModel;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;
using AuditClient.Core.Wire;

namespace AuditClient.Scale;

/// <summary>The type of a missing annotation (<c>missing_annotation_type</c>) in point and polygon scopes. Values Scale adds later are kept and written back unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<AnnotationType>))]
public readonly struct AnnotationType : IEquatable<AnnotationType>, IExtensibleEnum<AnnotationType>
{
    private readonly string _value;

    /// <summary>Wraps a wire value, known or not, kept exactly as given.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public AnnotationType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary><c>cuboid</c>: A 3D cuboid (task types sensorFusion, multiStage).</summary>
    public static AnnotationType Cuboid { get; } = new(ScaleWire.AnnotationCuboid);

    /// <summary><c>box_2d</c>: A 2D box (task types videoAnnotation, multiStage).</summary>
    public static AnnotationType Box2D { get; } = new(ScaleWire.AnnotationBox2D);

    /// <summary><c>polygon_2d</c>: A 2D polygon (task types videoAnnotation, multiStage).</summary>
    public static AnnotationType Polygon2D { get; } = new(ScaleWire.AnnotationPolygon2D);

    /// <summary><c>polyline_2d</c>: A 2D polyline (task types videoAnnotation, multiStage).</summary>
    public static AnnotationType Polyline2D { get; } = new(ScaleWire.AnnotationPolyline2D);

    /// <summary><c>point_2d</c>: A 2D point (task types videoAnnotation, multiStage).</summary>
    public static AnnotationType Point2D { get; } = new(ScaleWire.AnnotationPoint2D);

    /// <summary><c>event</c>: An event (task types videoAnnotation, multiStage).</summary>
    public static AnnotationType Event { get; } = new(ScaleWire.AnnotationEvent);

    /// <summary><c>polygon_topdown</c>: A top-down polygon (task types lidarTopdown, multiStage).</summary>
    public static AnnotationType PolygonTopdown { get; } = new(ScaleWire.AnnotationPolygonTopdown);

    /// <summary><c>polyline</c>: A top-down polyline (task types lidarTopdown, multiStage).</summary>
    public static AnnotationType Polyline { get; } = new(ScaleWire.AnnotationPolyline);

    /// <summary><c>point_topdown</c>: A top-down point (task types lidarTopdown, multiStage).</summary>
    public static AnnotationType PointTopdown { get; } = new(ScaleWire.AnnotationPointTopdown);

    string? IExtensibleEnum<AnnotationType>.WireValue => _value;

    /// <summary>Whether both are the same wire value, compared ordinally (as <see cref="Equals(AnnotationType)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(AnnotationType left, AnnotationType right) => left.Equals(right);

    /// <summary>Whether the two are different wire values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(AnnotationType left, AnnotationType right) => !left.Equals(right);

    /// <summary>Wraps any wire value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static implicit operator AnnotationType(string value) => new(value);

    static AnnotationType IExtensibleEnum<AnnotationType>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is AnnotationType other && Equals(other);

    /// <summary>
    /// Whether <paramref name="other"/> is the same wire value, compared ordinally: the vendor's values are exact strings,
    /// and a value that differs only in case is a different value to the vendor.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both carry the same string, or both are <c>default</c>.</returns>
    public bool Equals(AnnotationType other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The wire value; empty for <c>default</c>, which carries none and is never written.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => _value ?? string.Empty;
}
