using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuditClient.Core.Validation;

namespace AuditClient.Core.Serialization;

/// <summary>
/// Writes a <see cref="DateTimeOffset"/> the way both vendors document and send timestamps, whatever its offset and
/// the current culture: ISO 8601 in UTC with milliseconds and a <c>Z</c> (JavaScript's <c>toISOString</c>,
/// <c>2024-01-03T03:08:58.200Z</c>), or with seven fraction digits when the value is finer than a millisecond. A
/// vendor timestamp read and written back is therefore unchanged, byte for byte, as long as it is in the form the vendors
/// document (every timestamp of their documents is). Reads any ISO 8601 timestamp; one in another form (an offset, no
/// fraction) keeps its instant and is written in the vendors' form.
/// </summary>
/// <remarks>
/// Registered once, in <see cref="AuditClientJsonContext"/>'s options, for every <see cref="DateTimeOffset"/> of every
/// model: a property never names it, so a new model cannot forget it.
/// </remarks>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    private const string Milliseconds = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fff'Z'";
    private const string Ticks = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffff'Z'";

    /// <summary>The wire form of a timestamp, also used for timestamps in query strings.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString(FormatOf(value), CultureInfo.InvariantCulture);

    // The serializer's own failure names the CLR type (System.Nullable`1[System.DateTimeOffset]); the vendors say
    // "ISO 8601 datetime format".
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value)
            ? value
            : throw new JsonException(JsonShape.DateTimeRule);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        Span<byte> buffer = stackalloc byte[32];
        if (!value.UtcDateTime.TryFormat(buffer, out var written, FormatOf(value), CultureInfo.InvariantCulture))
        {
            throw new JsonException("A timestamp could not be formatted.");
        }

        writer.WriteStringValue(buffer[..written]);
    }

    private static string FormatOf(DateTimeOffset value) =>
        value.Ticks % TimeSpan.TicksPerMillisecond == 0 ? Milliseconds : Ticks;
}
