using AuditClient.Core.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// Reads and writes the <c>scope</c> union. <c>type</c> may be anywhere in the object, so a copy of the reader finds it
/// first; then the known shape is read property by property with the reader itself. This is deliberately hand-written:
/// STJ's built-in <c>[JsonPolymorphic]</c> must buffer every object to allow an out-of-order <c>type</c>, and handing
/// each object back to the serializer was slower still; scopes are most of the bytes of a large audit.
/// Properties a known shape does not have are skipped; an unknown <c>type</c> keeps the whole object.
/// </summary>
internal sealed class FeedbackItemScopeConverter : JsonConverter<FeedbackItemScope>
{
    private enum Shape
    {
        Annotation,
        Polygon,
        Point,
        Scene,
        Unknown,
    }

    public override FeedbackItemScope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"A feedback item scope must be a JSON object, not {reader.TokenType}.");
        }

        return FindShape(reader) switch
        {
            Shape.Annotation => ReadAnnotation(ref reader),
            Shape.Polygon => ReadPolygon(ref reader),
            Shape.Point => ReadPoint(ref reader),
            Shape.Scene => ReadScene(ref reader),
            _ => new FeedbackItemScopeUnknown(JsonElement.ParseValue(ref reader)),
        };
    }

    public override void Write(Utf8JsonWriter writer, FeedbackItemScope value, JsonSerializerOptions options)
    {
        switch (value)
        {
            case FeedbackItemScopeAnnotation annotation:
                WriteAnnotation(writer, annotation);
                break;
            case FeedbackItemScopePolygon polygon:
                WritePolygon(writer, polygon);
                break;
            case FeedbackItemScopePoint point:
                WritePoint(writer, point);
                break;
            case FeedbackItemScopeScene scene:
                WriteScene(writer, scene);
                break;
            case FeedbackItemScopeUnknown unknown:
                unknown.Json.WriteTo(writer);
                break;
            default:
                throw new JsonException($"{value.GetType().Name} is not a feedback item scope this SDK can write.");
        }
    }

    // The reader is taken by value: this walks a copy over the top-level properties and leaves the caller's reader
    // on the object's start. Skipping steps over nested values, so a nested "type" is never mistaken for the scope's.
    private static Shape FindShape(Utf8JsonReader scan)
    {
        while (scan.Read() && scan.TokenType == JsonTokenType.PropertyName)
        {
            var isType = scan.ValueTextEquals("type"u8);
            scan.Read();
            if (!isType)
            {
                Skip(ref scan);
                continue;
            }

            if (scan.TokenType != JsonTokenType.String)
            {
                throw new JsonException($"The \"type\" of a feedback item scope must be a string, not {scan.TokenType}.");
            }

            return scan.ValueTextEquals("annotation"u8) ? Shape.Annotation
                : scan.ValueTextEquals("polygon"u8) ? Shape.Polygon
                : scan.ValueTextEquals("point"u8) ? Shape.Point
                : scan.ValueTextEquals("scene"u8) ? Shape.Scene
                : Shape.Unknown;
        }

        throw new JsonException("A feedback item scope has no \"type\" property.");
    }

    private static FeedbackItemScopeAnnotation ReadAnnotation(ref Utf8JsonReader reader)
    {
        string? annotationId = null, attribute = null;
        SensorId? sensorId = null;
        FeedbackItemInterval? interval = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("annotation_id"u8)) annotationId = ReadString(ref reader, "annotation_id");
            else if (reader.ValueTextEquals("interval"u8)) interval = ReadInterval(ref reader);
            else if (reader.ValueTextEquals("sensor_id"u8)) sensorId = ReadSensorId(ref reader);
            else if (reader.ValueTextEquals("attribute"u8)) attribute = ReadString(ref reader, "attribute");
            else SkipValue(ref reader);
        }

        return new FeedbackItemScopeAnnotation { AnnotationId = annotationId, SensorId = sensorId, Attribute = attribute, Interval = interval };
    }

    private static FeedbackItemScopePolygon ReadPolygon(ref Utf8JsonReader reader)
    {
        IReadOnlyList<Point2D>? vertices = null;
        AnnotationType? missingType = null;
        bool? stationary = null;
        string? missingClass = null;
        SensorId? sensorId = null;
        FeedbackItemInterval? interval = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("vertices"u8)) vertices = ReadVertices(ref reader);
            else if (reader.ValueTextEquals("missing_annotation_type"u8)) missingType = ReadAnnotationType(ref reader);
            else if (reader.ValueTextEquals("stationary"u8)) stationary = ReadBool(ref reader, "stationary");
            else if (reader.ValueTextEquals("missing_annotation_class"u8)) missingClass = ReadString(ref reader, "missing_annotation_class");
            else if (reader.ValueTextEquals("sensor_id"u8)) sensorId = ReadSensorId(ref reader);
            else if (reader.ValueTextEquals("interval"u8)) interval = ReadInterval(ref reader);
            else SkipValue(ref reader);
        }

        return new FeedbackItemScopePolygon
        {
            Vertices = vertices,
            MissingAnnotationType = missingType,
            Stationary = stationary,
            MissingAnnotationClass = missingClass,
            SensorId = sensorId,
            Interval = interval,
        };
    }

    private static FeedbackItemScopePoint ReadPoint(ref Utf8JsonReader reader)
    {
        Point2D? coordinates = null;
        AnnotationType? missingType = null;
        bool? stationary = null;
        string? missingClass = null;
        SensorId? sensorId = null;
        FeedbackItemInterval? interval = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("coordinates"u8)) coordinates = ReadCoordinates(ref reader);
            else if (reader.ValueTextEquals("missing_annotation_type"u8)) missingType = ReadAnnotationType(ref reader);
            else if (reader.ValueTextEquals("stationary"u8)) stationary = ReadBool(ref reader, "stationary");
            else if (reader.ValueTextEquals("missing_annotation_class"u8)) missingClass = ReadString(ref reader, "missing_annotation_class");
            else if (reader.ValueTextEquals("sensor_id"u8)) sensorId = ReadSensorId(ref reader);
            else if (reader.ValueTextEquals("interval"u8)) interval = ReadInterval(ref reader);
            else SkipValue(ref reader);
        }

        return new FeedbackItemScopePoint
        {
            Coordinates = coordinates,
            MissingAnnotationType = missingType,
            Stationary = stationary,
            MissingAnnotationClass = missingClass,
            SensorId = sensorId,
            Interval = interval,
        };
    }

    private static FeedbackItemScopeScene ReadScene(ref Utf8JsonReader reader)
    {
        string? attribute = null;
        FeedbackItemInterval? interval = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("interval"u8)) interval = ReadInterval(ref reader);
            else if (reader.ValueTextEquals("attribute"u8)) attribute = ReadString(ref reader, "attribute");
            else SkipValue(ref reader);
        }

        return new FeedbackItemScopeScene { Attribute = attribute, Interval = interval };
    }

    private static FeedbackItemInterval? ReadInterval(ref Utf8JsonReader reader)
    {
        if (!StartValue(ref reader, JsonTokenType.StartObject, "interval", "an object"))
        {
            return null;
        }

        var type = FeedbackItemIntervalType.FrameRange;
        long? start = null, end = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("start"u8)) start = ReadInt64(ref reader, "interval.start");
            else if (reader.ValueTextEquals("end"u8)) end = ReadInt64(ref reader, "interval.end");
            else if (reader.ValueTextEquals("type"u8)) type = ReadIntervalType(ref reader);
            else SkipValue(ref reader);
        }

        return new FeedbackItemInterval { Type = type, Start = start, End = end };
    }

    private static FeedbackItemIntervalType ReadIntervalType(ref Utf8JsonReader reader)
    {
        if (!StartValue(ref reader, JsonTokenType.String, "interval.type", "a string"))
        {
            return FeedbackItemIntervalType.FrameRange;
        }

        // Every interval carries the same value: reuse it rather than allocate a string per scope.
        return reader.ValueTextEquals("frame_range"u8) ? FeedbackItemIntervalType.FrameRange : new FeedbackItemIntervalType(reader.GetString()!);
    }

    private static IReadOnlyList<Point2D>? ReadVertices(ref Utf8JsonReader reader)
    {
        if (!StartValue(ref reader, JsonTokenType.StartArray, "vertices", "an array of [x, y] points"))
        {
            return null;
        }

        // Most polygons are small: gather on the stack, then allocate one array of the exact size.
        Span<Point2D> stack = stackalloc Point2D[16];
        List<Point2D>? overflow = null;
        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var vertex = Point2DConverter.ReadValue(ref reader);
            if (count < stack.Length)
            {
                stack[count] = vertex;
            }
            else
            {
                (overflow ??= []).Add(vertex);
            }

            count++;
        }

        return overflow is null ? stack[..count].ToArray() : [.. stack, .. overflow];
    }

    private static Point2D? ReadCoordinates(ref Utf8JsonReader reader) =>
        StartValue(ref reader, JsonTokenType.StartArray, "coordinates", "an [x, y] point") ? Point2DConverter.ReadValue(ref reader) : null;

    private static SensorId? ReadSensorId(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? (SensorId?)null : SensorIdConverter.ReadValue(ref reader);
    }

    private static AnnotationType? ReadAnnotationType(ref Utf8JsonReader reader) =>
        StartValue(ref reader, JsonTokenType.String, "missing_annotation_type", "a string")
            ? ExtensibleEnumConverter<AnnotationType>.ReadValue(ref reader)
            : (AnnotationType?)null;

    private static string? ReadString(ref Utf8JsonReader reader, string name) =>
        StartValue(ref reader, JsonTokenType.String, name, "a string") ? reader.GetString() : null;

    private static bool? ReadBool(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw Expected(name, "true or false", reader.TokenType),
        };
    }

    private static long? ReadInt64(ref Utf8JsonReader reader, string name)
    {
        if (!StartValue(ref reader, JsonTokenType.Number, name, "a whole number"))
        {
            return null;
        }

        return reader.TryGetInt64(out var value) ? value : throw Expected(name, "a whole number", reader.TokenType);
    }

    /// <summary>Moves from a property name to its value: false for <c>null</c>, true for the expected token.</summary>
    private static bool StartValue(ref Utf8JsonReader reader, JsonTokenType expected, string name, string what)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        return reader.TokenType == expected ? true : throw Expected(name, what, reader.TokenType);
    }

    /// <summary>Moves to the next property name; false on the end of the object, where the reader must stay.</summary>
    private static bool NextProperty(ref Utf8JsonReader reader) => reader.Read() && reader.TokenType == JsonTokenType.PropertyName;

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        reader.Read();
        Skip(ref reader);
    }

    // Skip() throws on any reader that is not on its final block, which is every streamed body larger than the
    // serializer's buffer, although the serializer has buffered this whole value before calling the converter.
    // TrySkip() only fails when the value really is incomplete, which the serializer rules out.
    private static void Skip(ref Utf8JsonReader reader)
    {
        if (!reader.TrySkip())
        {
            throw new JsonException("A feedback item scope ends before its value is complete.");
        }
    }

    private static JsonException Expected(string name, string what, JsonTokenType found) =>
        new($"The scope's \"{name}\" must be {what}, not {found}.");

    private static void WriteAnnotation(Utf8JsonWriter writer, FeedbackItemScopeAnnotation scope)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "annotation"u8);
        WriteIfSet(writer, "annotation_id"u8, scope.AnnotationId);
        WriteIfSet(writer, scope.SensorId);
        WriteIfSet(writer, "attribute"u8, scope.Attribute);
        WriteIfSet(writer, scope.Interval);
        writer.WriteEndObject();
    }

    private static void WritePolygon(Utf8JsonWriter writer, FeedbackItemScopePolygon scope)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "polygon"u8);
        if (scope.Vertices is { } vertices)
        {
            writer.WriteStartArray("vertices"u8);
            foreach (var vertex in vertices)
            {
                Point2DConverter.WriteValue(writer, vertex);
            }

            writer.WriteEndArray();
        }

        WriteMissingAnnotation(writer, scope.MissingAnnotationType, scope.Stationary, scope.MissingAnnotationClass);
        WriteIfSet(writer, scope.SensorId);
        WriteIfSet(writer, scope.Interval);
        writer.WriteEndObject();
    }

    private static void WritePoint(Utf8JsonWriter writer, FeedbackItemScopePoint scope)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "point"u8);
        if (scope.Coordinates is { } coordinates)
        {
            writer.WritePropertyName("coordinates"u8);
            Point2DConverter.WriteValue(writer, coordinates);
        }

        WriteMissingAnnotation(writer, scope.MissingAnnotationType, scope.Stationary, scope.MissingAnnotationClass);
        WriteIfSet(writer, scope.SensorId);
        WriteIfSet(writer, scope.Interval);
        writer.WriteEndObject();
    }

    private static void WriteScene(Utf8JsonWriter writer, FeedbackItemScopeScene scope)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "scene"u8);
        WriteIfSet(writer, "attribute"u8, scope.Attribute);
        WriteIfSet(writer, scope.Interval);
        writer.WriteEndObject();
    }

    private static void WriteMissingAnnotation(Utf8JsonWriter writer, AnnotationType? type, bool? stationary, string? annotationClass)
    {
        if (type is { } missingType)
        {
            writer.WriteString("missing_annotation_type"u8, missingType.Value ?? throw new JsonException("A default AnnotationType has no value to write."));
        }

        if (stationary is { } isStationary)
        {
            writer.WriteBoolean("stationary"u8, isStationary);
        }

        WriteIfSet(writer, "missing_annotation_class"u8, annotationClass);
    }

    private static void WriteIfSet(Utf8JsonWriter writer, FeedbackItemInterval? interval)
    {
        if (interval is null)
        {
            return;
        }

        writer.WriteStartObject("interval"u8);
        writer.WriteString("type"u8, interval.Type.Value ?? throw new JsonException("A default FeedbackItemIntervalType has no value to write."));
        if (interval.Start is { } start)
        {
            writer.WriteNumber("start"u8, start);
        }

        if (interval.End is { } end)
        {
            writer.WriteNumber("end"u8, end);
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, SensorId? sensorId)
    {
        if (sensorId is { } id)
        {
            writer.WritePropertyName("sensor_id"u8);
            SensorIdConverter.WriteValue(writer, id);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
