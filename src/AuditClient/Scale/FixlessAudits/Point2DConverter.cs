using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>Reads and writes a <see cref="Point2D"/> as the two-number array <c>[x, y]</c>.</summary>
internal sealed class Point2DConverter : JsonConverter<Point2D>
{
    public override Point2D Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, Point2D value, JsonSerializerOptions options) => WriteValue(writer, value);

    /// <summary>Reads <c>[x, y]</c> from the current <see cref="JsonTokenType.StartArray"/>; leaves the reader on its end.</summary>
    internal static Point2D ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw NotAPoint();
        }

        var x = ReadCoordinate(ref reader);
        var y = ReadCoordinate(ref reader);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw NotAPoint();
        }

        return new Point2D(x, y);
    }

    internal static void WriteValue(Utf8JsonWriter writer, Point2D value)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.X);
        writer.WriteNumberValue(value.Y);
        writer.WriteEndArray();
    }

    private static double ReadCoordinate(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out var value))
        {
            throw NotAPoint();
        }

        return value;
    }

    private static JsonException NotAPoint() => new("A point must be an array of two numbers, [x, y].");
}
