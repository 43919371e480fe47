using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// A point <c>[x, y]</c> of a point or polygon scope: camera coordinates when the scope names a camera
/// <c>sensor_id</c>, otherwise 3D coordinates with z assumed to be 0.
/// </summary>
/// <param name="X">The x coordinate.</param>
/// <param name="Y">The y coordinate.</param>
[JsonConverter(typeof(Point2DConverter))]
public readonly record struct Point2D(double X, double Y);
