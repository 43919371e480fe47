using System.Buffers;
using AuditClient.Core.Serialization;
using AuditClient.Core.Validation;
using AuditClient.Core.Wire;
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

    private delegate T ValueReader<T>(ref Utf8JsonReader reader);

    // Created once: a lambda with a ref parameter handed to Tolerant would otherwise be a new delegate per property.
    private static readonly ValueReader<string?> s_string = ReadString;
    private static readonly ValueReader<bool?> s_stationary = ReadBool;
    private static readonly ValueReader<SensorId?> s_sensorId = ReadSensorId;
    private static readonly ValueReader<AnnotationType?> s_missingType = ReadAnnotationType;
    private static readonly ValueReader<FeedbackItemInterval?> s_interval = ReadInterval;
    private static readonly ValueReader<string?> s_intervalType = ReadIntervalType;
    private static readonly ValueReader<IReadOnlyList<Point2D>?> s_vertices = ReadVertices;
    private static readonly ValueReader<Point2D?> s_coordinates = ReadCoordinates;

    public override FeedbackItemScope Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("scope: " + FixlessAuditShape.Scope.Rule);
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
                // A null type is no type, as a null member is an absent one everywhere else.
                throw new JsonException("scope.type: " + (scan.TokenType == JsonTokenType.Null ? FixlessAuditShape.Scope.DiscriminatorRule : JsonShape.String.Rule));
            }

            return scan.ValueTextEquals("annotation"u8) ? Shape.Annotation
                : scan.ValueTextEquals("polygon"u8) ? Shape.Polygon
                : scan.ValueTextEquals("point"u8) ? Shape.Point
                : scan.ValueTextEquals("scene"u8) ? Shape.Scene
                : Shape.Unknown;
        }

        throw new JsonException("scope.type: " + FixlessAuditShape.Scope.DiscriminatorRule);
    }

    private static FeedbackItemScopeAnnotation ReadAnnotation(ref Utf8JsonReader reader)
    {
        string? annotationId = null, attribute = null;
        SensorId? sensorId = null;
        FeedbackItemInterval? interval = null;
        Dictionary<string, JsonElement>? extras = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("annotation_id"u8)) annotationId = Tolerant(ref reader, s_string, ref extras);
            else if (reader.ValueTextEquals("interval"u8)) interval = Tolerant(ref reader, s_interval, ref extras);
            else if (reader.ValueTextEquals("sensor_id"u8)) sensorId = Tolerant(ref reader, s_sensorId, ref extras);
            else if (reader.ValueTextEquals("attribute"u8)) attribute = Tolerant(ref reader, s_string, ref extras);
            else Keep(ref reader, ref extras);
        }

        return new FeedbackItemScopeAnnotation
        {
            AnnotationId = annotationId,
            SensorId = sensorId,
            Attribute = attribute,
            Interval = interval,
            AdditionalProperties = extras,
        };
    }

    private static FeedbackItemScopePolygon ReadPolygon(ref Utf8JsonReader reader)
    {
        IReadOnlyList<Point2D>? vertices = null;
        AnnotationType? missingType = null;
        bool? stationary = null;
        string? missingClass = null;
        SensorId? sensorId = null;
        FeedbackItemInterval? interval = null;
        Dictionary<string, JsonElement>? extras = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("vertices"u8)) vertices = Tolerant(ref reader, s_vertices, ref extras);
            else if (reader.ValueTextEquals("missing_annotation_type"u8)) missingType = Tolerant(ref reader, s_missingType, ref extras);
            else if (reader.ValueTextEquals("stationary"u8)) stationary = Tolerant(ref reader, s_stationary, ref extras);
            else if (reader.ValueTextEquals("missing_annotation_class"u8)) missingClass = Tolerant(ref reader, s_string, ref extras);
            else if (reader.ValueTextEquals("sensor_id"u8)) sensorId = Tolerant(ref reader, s_sensorId, ref extras);
            else if (reader.ValueTextEquals("interval"u8)) interval = Tolerant(ref reader, s_interval, ref extras);
            else Keep(ref reader, ref extras);
        }

        return new FeedbackItemScopePolygon
        {
            Vertices = vertices,
            MissingAnnotationType = missingType,
            Stationary = stationary,
            MissingAnnotationClass = missingClass,
            SensorId = sensorId,
            Interval = interval,
            AdditionalProperties = extras,
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
        Dictionary<string, JsonElement>? extras = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("coordinates"u8)) coordinates = Tolerant(ref reader, s_coordinates, ref extras);
            else if (reader.ValueTextEquals("missing_annotation_type"u8)) missingType = Tolerant(ref reader, s_missingType, ref extras);
            else if (reader.ValueTextEquals("stationary"u8)) stationary = Tolerant(ref reader, s_stationary, ref extras);
            else if (reader.ValueTextEquals("missing_annotation_class"u8)) missingClass = Tolerant(ref reader, s_string, ref extras);
            else if (reader.ValueTextEquals("sensor_id"u8)) sensorId = Tolerant(ref reader, s_sensorId, ref extras);
            else if (reader.ValueTextEquals("interval"u8)) interval = Tolerant(ref reader, s_interval, ref extras);
            else Keep(ref reader, ref extras);
        }

        return new FeedbackItemScopePoint
        {
            Coordinates = coordinates,
            MissingAnnotationType = missingType,
            Stationary = stationary,
            MissingAnnotationClass = missingClass,
            SensorId = sensorId,
            Interval = interval,
            AdditionalProperties = extras,
        };
    }

    private static FeedbackItemScopeScene ReadScene(ref Utf8JsonReader reader)
    {
        string? attribute = null;
        FeedbackItemInterval? interval = null;
        Dictionary<string, JsonElement>? extras = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("interval"u8)) interval = Tolerant(ref reader, s_interval, ref extras);
            else if (reader.ValueTextEquals("attribute"u8)) attribute = Tolerant(ref reader, s_string, ref extras);
            else Keep(ref reader, ref extras);
        }

        return new FeedbackItemScopeScene { Attribute = attribute, Interval = interval, AdditionalProperties = extras };
    }

    private static FeedbackItemInterval? ReadInterval(ref Utf8JsonReader reader)
    {
        if (!StartValue(ref reader, JsonTokenType.StartObject))
        {
            return null;
        }

        string? type = null;
        WireNumber? start = null, end = null;
        Dictionary<string, JsonElement>? extras = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("start"u8)) start = ReadNumber(ref reader);
            else if (reader.ValueTextEquals("end"u8)) end = ReadNumber(ref reader);
            else if (reader.ValueTextEquals("type"u8)) type = Tolerant(ref reader, s_intervalType, ref extras);
            // Stryker disable once Boolean : a "type" is read by the branch above and never reaches this Keep
            else Keep(ref reader, ref extras, scopeType: false);
        }

        return new FeedbackItemInterval { TypeJson = type, StartJson = start, EndJson = end, AdditionalProperties = extras };
    }

    private static string? ReadIntervalType(ref Utf8JsonReader reader)
    {
        if (!StartValue(ref reader, JsonTokenType.String))
        {
            return null;
        }

        // Every interval carries the same value: reuse it rather than allocate a string per scope.
        // Stryker disable once String : the shared instance and GetString() are the same text
        return reader.ValueTextEquals("frame_range"u8) ? ScaleWire.IntervalFrameRange : reader.GetString();
    }

    // A number of any JSON kind: WireNumber keeps whatever is not a number as it came. Null is absent.
    private static WireNumber? ReadNumber(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : WireNumber.Read(ref reader);
    }

    private static IReadOnlyList<Point2D>? ReadVertices(ref Utf8JsonReader reader)
    {
        if (!StartValue(ref reader, JsonTokenType.StartArray))
        {
            return null;
        }

        // Gather in a pooled buffer, then allocate one array of the exact size.
        var buffer = ArrayPool<Point2D>.Shared.Rent(16);
        var count = 0;
        try
        {
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (count == buffer.Length)
                {
                    var larger = ArrayPool<Point2D>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, count).CopyTo(larger);
                    // Stryker disable once Boolean : clearing a returned buffer is hygiene; nothing read or written depends on it
                    ArrayPool<Point2D>.Shared.Return(buffer, clearArray: true);
                    buffer = larger;
                }

                buffer[count++] = Point2DConverter.ReadValue(ref reader);
            }

            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            // Cleared: a point may hold the text of its numbers.
            // Stryker disable once Boolean : clearing a returned buffer is hygiene; nothing read or written depends on it
            ArrayPool<Point2D>.Shared.Return(buffer, clearArray: true);
        }
    }

    private static Point2D? ReadCoordinates(ref Utf8JsonReader reader) =>
        StartValue(ref reader, JsonTokenType.StartArray) ? Point2DConverter.ReadValue(ref reader) : null;

    private static SensorId? ReadSensorId(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? (SensorId?)null : SensorIdConverter.ReadValue(ref reader);
    }

    private static AnnotationType? ReadAnnotationType(ref Utf8JsonReader reader) =>
        StartValue(ref reader, JsonTokenType.String)
            ? ExtensibleEnumConverter<AnnotationType>.ReadValue(ref reader)
            : (AnnotationType?)null;

    private static string? ReadString(ref Utf8JsonReader reader) =>
        StartValue(ref reader, JsonTokenType.String) ? reader.GetString() : null;

    private static bool? ReadBool(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            JsonTokenType.Null => null,
            _ => throw Unreadable(),
        };
    }

    /// <summary>
    /// From a known property's name, reads its value with <paramref name="read"/>. A value of a kind or shape this
    /// version cannot read (a number for a string, a three-number point) does not make the audit unreadable: the typed
    /// property stays null and the value is kept in the scope's additional properties, to be written back as it came.
    /// </summary>
    private static T Tolerant<T>(ref Utf8JsonReader reader, ValueReader<T> read, ref Dictionary<string, JsonElement>? extras)
    {
        var atName = reader;
        try
        {
            return read(ref reader);
        }
        catch (JsonException)
        {
            reader = atName;
            Keep(ref reader, ref extras, scopeType: false);
            return default!;
        }
    }

    /// <summary>
    /// From a property's name, keeps its value in <paramref name="extras"/>. With <paramref name="scopeType"/>, a
    /// <c>type</c> (the scope's, read already and written from the shape) is stepped over instead.
    /// </summary>
    private static void Keep(ref Utf8JsonReader reader, ref Dictionary<string, JsonElement>? extras, bool scopeType = true)
    {
        if (scopeType && reader.ValueTextEquals("type"u8))
        {
            SkipValue(ref reader);
            return;
        }

        var name = reader.GetString()!;
        reader.Read();

        // The last of duplicate names wins, as it does for the properties the serializer reads.
        (extras ??= new Dictionary<string, JsonElement>(StringComparer.Ordinal))[name] = JsonElement.ParseValue(ref reader);
    }

    /// <summary>Moves from a property name to its value: false for <c>null</c>, true for the expected token.</summary>
    private static bool StartValue(ref Utf8JsonReader reader, JsonTokenType expected)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.Null)
        {
            return false;
        }

        return reader.TokenType == expected ? true : throw Unreadable();
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
            // Stryker disable once String : unreachable; the serializer buffers the whole value before calling the converter
            throw new JsonException("A feedback item scope ends before its value is complete.");
        }
    }

    // Caught by Tolerant, which keeps the value raw: no caller ever reads a message, so it has none.
    private static JsonException Unreadable() => new();

    private static void WriteAnnotation(Utf8JsonWriter writer, FeedbackItemScopeAnnotation scope)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "annotation"u8);
        WriteIfSet(writer, "annotation_id"u8, scope.AnnotationId);
        WriteIfSet(writer, scope.SensorId);
        WriteIfSet(writer, "attribute"u8, scope.Attribute);
        WriteIfSet(writer, scope.Interval);
        WriteExtras(writer, scope.AdditionalProperties, scope);
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
        WriteExtras(writer, scope.AdditionalProperties, scope);
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
        WriteExtras(writer, scope.AdditionalProperties, scope);
        writer.WriteEndObject();
    }

    private static void WriteScene(Utf8JsonWriter writer, FeedbackItemScopeScene scope)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, "scene"u8);
        WriteIfSet(writer, "attribute"u8, scope.Attribute);
        WriteIfSet(writer, scope.Interval);
        WriteExtras(writer, scope.AdditionalProperties, scope);
        writer.WriteEndObject();
    }

    private static void WriteMissingAnnotation(Utf8JsonWriter writer, AnnotationType? type, bool? stationary, string? annotationClass)
    {
        if (type is { } missingType)
        {
            writer.WriteString("missing_annotation_type"u8, ExtensibleEnumConverter<AnnotationType>.WireValueOf(missingType));
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
        if (interval.TypeJson is { } type)
        {
            writer.WriteString("type"u8, type);
        }

        if (interval.StartJson is { } start)
        {
            writer.WritePropertyName("start"u8);
            start.Write(writer);
        }

        if (interval.EndJson is { } end)
        {
            writer.WritePropertyName("end"u8);
            end.Write(writer);
        }

        WriteExtras(writer, interval.AdditionalProperties, interval);
        writer.WriteEndObject();
    }

    /// <summary>
    /// Writes the fields kept as received, except a name the typed properties have just written (a field that was
    /// unreadable and has since been set), so that no name appears twice.
    /// </summary>
    private static void WriteExtras(Utf8JsonWriter writer, IDictionary<string, JsonElement>? extras, object owner)
    {
        if (extras is null)
        {
            return;
        }

        foreach (var (name, value) in extras)
        {
            if (!IsWritten(owner, name))
            {
                writer.WritePropertyName(name);
                value.WriteTo(writer);
            }
        }
    }

    private static bool IsWritten(object owner, string name) => name == "type"
        ? owner is not FeedbackItemInterval interval || interval.TypeJson is not null
        : owner switch
    {
        FeedbackItemScopeAnnotation a => name switch
        {
            "annotation_id" => a.AnnotationId is not null,
            "sensor_id" => a.SensorId is not null,
            "attribute" => a.Attribute is not null,
            "interval" => a.Interval is not null,
            _ => false,
        },
        FeedbackItemScopePolygon p => name switch
        {
            "vertices" => p.Vertices is not null,
            "missing_annotation_type" => p.MissingAnnotationType is not null,
            "stationary" => p.Stationary is not null,
            "missing_annotation_class" => p.MissingAnnotationClass is not null,
            "sensor_id" => p.SensorId is not null,
            "interval" => p.Interval is not null,
            _ => false,
        },
        FeedbackItemScopePoint p => name switch
        {
            "coordinates" => p.Coordinates is not null,
            "missing_annotation_type" => p.MissingAnnotationType is not null,
            "stationary" => p.Stationary is not null,
            "missing_annotation_class" => p.MissingAnnotationClass is not null,
            "sensor_id" => p.SensorId is not null,
            "interval" => p.Interval is not null,
            _ => false,
        },
        FeedbackItemScopeScene s => name switch
        {
            "attribute" => s.Attribute is not null,
            "interval" => s.Interval is not null,
            _ => false,
        },
        FeedbackItemInterval i => name switch
        {
            "start" => i.StartJson is not null,
            "end" => i.EndJson is not null,
            _ => false,
        },
        _ => false,
    };

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
