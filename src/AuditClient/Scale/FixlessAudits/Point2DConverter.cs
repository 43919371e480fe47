using System.Text.Json;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>Reads and writes a <see cref="Point2D"/> as the two-number array <c>[x, y]</c>, keeping each number's digits.</summary>
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

        var x = ReadCoordinate(ref reader, out var xText);
        var y = ReadCoordinate(ref reader, out var yText);
        if (!reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw NotAPoint();
        }

        return new Point2D(x, y) { XText = xText, YText = yText };
    }

    internal static void WriteValue(Utf8JsonWriter writer, Point2D value)
    {
        writer.WriteStartArray();
        NumberText.Write(writer, value.X, value.XText);
        NumberText.Write(writer, value.Y, value.YText);
        writer.WriteEndArray();
    }

    private static double ReadCoordinate(ref Utf8JsonReader reader, out string? text)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.Number)
        {
            throw NotAPoint();
        }

        return NumberText.Read(ref reader, out text);
    }

    private static JsonException NotAPoint() => new("A point must be an array of two numbers, [x, y].");
}
