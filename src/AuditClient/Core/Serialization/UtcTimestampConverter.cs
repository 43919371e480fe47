using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Core.Serialization;

/// <summary>
/// Writes a <see cref="DateTimeOffset"/> as ISO 8601 in UTC with a <c>Z</c> (<c>2020-12-22T10:13:24.127Z</c>), whatever
/// its offset and the current culture: the form vendors document. Reads any ISO 8601 timestamp.
/// </summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    // F (not f) drops trailing zeros of the fraction, and the dot with them when the fraction is zero.
    private const string Format = "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<char> buffer = stackalloc char[32];
        if (!value.UtcDateTime.TryFormat(buffer, out var written, Format, CultureInfo.InvariantCulture))
        {
            throw new JsonException("A timestamp could not be formatted.");
        }

        writer.WriteStringValue(buffer[..written]);
    }
}
