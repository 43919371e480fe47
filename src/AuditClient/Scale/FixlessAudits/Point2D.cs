using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// A point <c>[x, y]</c> of a point or polygon scope: camera coordinates when the scope names a camera
/// <c>sensor_id</c>, otherwise 3D coordinates with z assumed to be 0.
/// </summary>
/// <remarks>
/// A point has exactly two coordinates by construction: JSON with any other number of them (or a non-number) is not a
/// point (the scope keeps that JSON in its <c>AdditionalProperties</c> and its typed property is null), so a wrong
/// arity never reaches a request. The values are not checked here: a number beyond the range of a double is read as
/// infinity, and validation before sending refuses any coordinate that is not finite. A point read from JSON is
/// written back with the digits it came with (<c>1.0</c> stays <c>1.0</c>) while its coordinates are unchanged; points
/// compare by their coordinates' values.
/// </remarks>
/// <param name="X">The x coordinate.</param>
/// <param name="Y">The y coordinate.</param>
[JsonConverter(typeof(Point2DConverter))]
public readonly record struct Point2D(double X, double Y)
{
    // The JSON text of each coordinate when the double does not print as it (10.0, 1e3); null otherwise.
    internal string? XText { get; init; }

    internal string? YText { get; init; }

    /// <summary>Whether both coordinates are equal (the digits they were read with do not matter).</summary>
    /// <param name="other">The other point.</param>
    /// <returns><see langword="true"/> when <see cref="X"/> and <see cref="Y"/> are equal.</returns>
    public bool Equals(Point2D other) => X.Equals(other.X) && Y.Equals(other.Y);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(X, Y);
}
