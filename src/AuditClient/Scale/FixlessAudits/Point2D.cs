using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// A point <c>[x, y]</c> of a point or polygon scope: camera coordinates when the scope names a camera
/// <c>sensor_id</c>, otherwise 3D coordinates with z assumed to be 0.
/// </summary>
/// <remarks>
/// A point has exactly two coordinates by construction: JSON with any other number of them (or a non-number) is refused
/// with a <see cref="System.Text.Json.JsonException"/> when read, so a wrong arity never reaches a request. The values
/// are not checked here: a number beyond the range of a double is read as infinity, and validation before sending
/// refuses any coordinate that is not finite.
/// </remarks>
/// <param name="X">The x coordinate.</param>
/// <param name="Y">The y coordinate.</param>
[JsonConverter(typeof(Point2DConverter))]
public readonly record struct Point2D(double X, double Y);
