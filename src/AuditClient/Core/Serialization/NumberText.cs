using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace AuditClient.Core.Serialization;

/// <summary>
/// Reads JSON numbers as doubles while keeping their exact text when writing the double would not give it back
/// (<c>10.0</c>, <c>12345678901234567890</c>, <c>1e3</c>). The common case (text the double prints as) keeps nothing,
/// so a large audit of ordinary numbers allocates no strings for them.
/// </summary>
internal static class NumberText
{
    // The longest text a double formats to ("-1.7976931348623157E+308" is 24 bytes).
    private const int MaxDoubleText = 32;

    /// <summary>Reads the number the reader is on: its double (infinite when beyond range) and, when needed, its text.</summary>
    public static double Read(ref Utf8JsonReader reader, out string? text)
    {
        ReadOnlySpan<byte> raw = reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
        if (!reader.TryGetDouble(out var value))
        {
            // Beyond the range of a double: keep the sign, and the text says the rest.
            value = raw.Length > 0 && raw[0] == (byte)'-' ? double.NegativeInfinity : double.PositiveInfinity;
        }

        text = IsHowItPrints(raw, value) ? null : Encoding.UTF8.GetString(raw);
        return value;
    }

    /// <summary>
    /// Writes <paramref name="value"/>: as <paramref name="text"/> when that is the text it was read from (it still
    /// denotes this value), otherwise as the double prints.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, double value, string? text)
    {
        if (text is not null && Denotes(text, value))
        {
            writer.WriteRawValue(text, skipInputValidation: true);
            return;
        }

        if (!double.IsFinite(value))
        {
            throw new JsonException($"{value.ToString(CultureInfo.InvariantCulture)} cannot be written as a JSON number.");
        }

        Span<byte> buffer = stackalloc byte[MaxDoubleText];
        if (!value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture))
        {
            writer.WriteNumberValue(value);
            return;
        }

        writer.WriteRawValue(buffer[..written], skipInputValidation: true);
    }

    /// <summary>Whether <paramref name="text"/>, a JSON number, reads as <paramref name="value"/>.</summary>
    public static bool Denotes(string text, double value)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return false;
        }

        // Beyond range parses as infinity on .NET Core 3.0 and later; -0 and 0 are told apart by their text alone.
        return parsed.Equals(value) || (parsed == 0 && value == 0);
    }

    private static bool IsHowItPrints(ReadOnlySpan<byte> raw, double value)
    {
        if (!double.IsFinite(value))
        {
            return false;
        }

        Span<byte> buffer = stackalloc byte[MaxDoubleText];
        return value.TryFormat(buffer, out var written, default, CultureInfo.InvariantCulture) && raw.SequenceEqual(buffer[..written]);
    }
}
