using AuditClient.Core.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>A box of a geometry error (<c>original_box</c>, <c>audit_box</c>), in pixels.</summary>
public sealed class AnnotationErrorBox
{
    private WireNumber? _rotation;

    private WireNumber? _height;

    private WireNumber? _width;

    private WireNumber? _top;

    private WireNumber? _left;

    /// <summary>The distance from the left edge of the image to the left side of the box.</summary>
    [JsonIgnore]
    public double? Left { get => _left?.Number; set => _left = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; Left is its view.
    [JsonInclude]
    [JsonPropertyName("left")]
    internal WireNumber? LeftJson { get => _left; set => _left = value; }

    /// <summary>The distance from the top edge of the image to the top side of the box.</summary>
    [JsonIgnore]
    public double? Top { get => _top?.Number; set => _top = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; Top is its view.
    [JsonInclude]
    [JsonPropertyName("top")]
    internal WireNumber? TopJson { get => _top; set => _top = value; }

    /// <summary>The width of the box.</summary>
    [JsonIgnore]
    public double? Width { get => _width?.Number; set => _width = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; Width is its view.
    [JsonInclude]
    [JsonPropertyName("width")]
    internal WireNumber? WidthJson { get => _width; set => _width = value; }

    /// <summary>The height of the box.</summary>
    [JsonIgnore]
    public double? Height { get => _height?.Number; set => _height = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; Height is its view.
    [JsonInclude]
    [JsonPropertyName("height")]
    internal WireNumber? HeightJson { get => _height; set => _height = value; }

    /// <summary>The rotation of the box.</summary>
    [JsonIgnore]
    public double? Rotation { get => _rotation?.Number; set => _rotation = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; Rotation is its view.
    [JsonInclude]
    [JsonPropertyName("rotation")]
    internal WireNumber? RotationJson { get => _rotation; set => _rotation = value; }

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
