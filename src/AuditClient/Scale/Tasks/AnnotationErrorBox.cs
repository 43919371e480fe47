using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>A box of a geometry error (<c>original_box</c>, <c>audit_box</c>), in pixels.</summary>
public sealed record AnnotationErrorBox
{
    /// <summary>The distance from the left edge of the image to the left side of the box.</summary>
    [JsonPropertyName("left")]
    public double? Left { get; set; }

    /// <summary>The distance from the top edge of the image to the top side of the box.</summary>
    [JsonPropertyName("top")]
    public double? Top { get; set; }

    /// <summary>The width of the box.</summary>
    [JsonPropertyName("width")]
    public double? Width { get; set; }

    /// <summary>The height of the box.</summary>
    [JsonPropertyName("height")]
    public double? Height { get; set; }

    /// <summary>The rotation of the box.</summary>
    [JsonPropertyName("rotation")]
    public double? Rotation { get; set; }
}
