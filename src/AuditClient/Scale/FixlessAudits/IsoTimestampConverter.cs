using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// Reads any ISO 8601 timestamp; writes UTC ones the way Scale does (JavaScript's <c>toISOString</c>:
/// milliseconds and <c>Z</c>), so that an audit read and written back is unchanged. STJ's default would write
/// <c>+00:00</c> and trim trailing zeros.
/// </summary>
internal sealed class IsoTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        if (value.Offset != TimeSpan.Zero)
        {
            writer.WriteStringValue(value);
            return;
        }

        var format = value.Ticks % TimeSpan.TicksPerMillisecond == 0 ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
        Span<byte> text = stackalloc byte[32];
        value.UtcDateTime.TryFormat(text, out var written, format, CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }
}
