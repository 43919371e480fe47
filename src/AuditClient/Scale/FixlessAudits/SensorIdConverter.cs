using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuditClient.Core.Validation;

namespace AuditClient.Scale;

/// <summary>Reads a string or a number into a <see cref="SensorId"/> and writes it back in the form it came in.</summary>
internal sealed class SensorIdConverter : JsonConverter<SensorId>
{
    public override SensorId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    public override void Write(Utf8JsonWriter writer, SensorId value, JsonSerializerOptions options) => WriteValue(writer, value);

    /// <summary>Reads the current string or number token.</summary>
    internal static SensorId ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => SensorId.FromWire(reader.GetString()!, isNumber: false),

        // The raw text, not a parsed number: ids longer than any CLR integer stay exact.
        JsonTokenType.Number => SensorId.FromWire(
            Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan), isNumber: true),
        _ => throw new JsonException("sensor_id: " + JsonShape.StringOrNumber.Rule),
    };

    internal static void WriteValue(Utf8JsonWriter writer, SensorId value)
    {
        if (value.IsDefault)
        {
            throw new JsonException("A default SensorId has no value to write.");
        }

        if (value.IsNumber)
        {
            // The text is a JSON number: it came from the reader, a long, or SensorId.FromNumber, which checks it.
            writer.WriteRawValue(value.Value, skipInputValidation: true);
        }
        else
        {
            writer.WriteStringValue(value.Value);
        }
    }
}
