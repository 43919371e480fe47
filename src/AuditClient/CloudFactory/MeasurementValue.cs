using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.CloudFactory;

/// <summary>
/// One value of <see cref="TaskReview.ReviewMeasurements"/>: a string or a number, written back as the same JSON kind
/// and, for a number read from JSON, with the same digits (<c>12345678901234567890</c> and <c>10.0</c> stay exact;
/// <see cref="NumberText"/> has them). Converts implicitly from <see cref="string"/> and from numbers:
/// <c>["attribute_1_count"] = 0.5</c>, <c>["attribute_1_label"] = "Header"</c>.
/// </summary>
/// <remarks>
/// A value of another JSON kind (<c>true</c>, an object) read from JSON is kept and written back as it came, with
/// neither <see cref="StringValue"/> nor <see cref="NumberValue"/>; validation refuses to send it, since CloudFactory's
/// example shows only strings and numbers.
/// </remarks>
[JsonConverter(typeof(MeasurementValueConverter))]
public readonly struct MeasurementValue : IEquatable<MeasurementValue>
{
    // A number's exact text, or the JSON of a value that is neither a string nor a number.
    private readonly string? _json;

    private MeasurementValue(string? stringValue, double? numberValue, string? json)
    {
        StringValue = stringValue;
        NumberValue = numberValue;
        _json = json;
    }

    /// <summary>The value when it is a string; otherwise <see langword="null"/>.</summary>
    public string? StringValue { get; }

    /// <summary>
    /// The value when it is a number, as the nearest <see cref="double"/>; otherwise <see langword="null"/>. For the
    /// exact digits of a large integer, use <see cref="NumberText"/>.
    /// </summary>
    public double? NumberValue { get; }

    /// <summary>Whether the value is a number (written as a JSON number) rather than a string.</summary>
    public bool IsNumber => NumberValue.HasValue;

    /// <summary>
    /// The number exactly as it is written in JSON (<c>12345678901234567890</c>, <c>10.0</c>); <see langword="null"/>
    /// when the value is not a number.
    /// </summary>
    public string? NumberText => NumberValue is { } number ? _json ?? number.ToString(CultureInfo.InvariantCulture) : null;

    /// <summary>A string value. A <see langword="null"/> string gives a value that validation refuses.</summary>
    /// <param name="value">The string.</param>
    public static implicit operator MeasurementValue(string? value) => new(value, null, null);

    /// <summary>A number value. It must be finite to be sent.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator MeasurementValue(double value) => new(null, value, null);

    /// <summary>A whole-number value, sent with every digit (not through a <see cref="double"/>).</summary>
    /// <param name="value">The number.</param>
    public static implicit operator MeasurementValue(long value) =>
        new(null, value, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>A number of any size or precision, given as its JSON text, such as <c>12345678901234567890</c>.</summary>
    /// <param name="jsonNumber">The number as JSON text.</param>
    /// <returns>The value, written back with exactly these digits.</returns>
    /// <exception cref="ArgumentException"><paramref name="jsonNumber"/> is not a JSON number.</exception>
    public static MeasurementValue FromNumber(string jsonNumber)
    {
        ArgumentNullException.ThrowIfNull(jsonNumber);
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(jsonNumber));
        try
        {
            if (reader.Read() && reader.TokenType == JsonTokenType.Number)
            {
                var value = MeasurementValueConverter.ReadValue(ref reader);
                if (!reader.Read())
                {
                    return value;
                }
            }
        }
        catch (JsonException)
        {
        }

        throw new ArgumentException("Expected a JSON number, such as 12345678901234567890.", nameof(jsonNumber));
    }

    /// <summary>Whether both are the same value written the same way (as <see cref="Equals(MeasurementValue)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(MeasurementValue left, MeasurementValue right) => left.Equals(right);

    /// <summary>Whether the two differ in kind or in the JSON they write.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(MeasurementValue left, MeasurementValue right) => !left.Equals(right);

    /// <summary>
    /// Equality of kind and of the JSON written, as for <c>SensorId</c>: the string <c>"7"</c> and the number <c>7</c>
    /// differ, <c>10</c> given as a <see cref="long"/> or a <see cref="double"/> are the same, and <c>10.0</c> read
    /// from JSON differs from <c>10</c>, since it is written back with its own digits.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both write the same JSON value.</returns>
    public bool Equals(MeasurementValue other) =>
        IsNumber == other.IsNumber
        && string.Equals(StringValue, other.StringValue, StringComparison.Ordinal)
        && string.Equals(IsNumber ? NumberText : _json, other.IsNumber ? other.NumberText : other._json, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is MeasurementValue other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsNumber, StringValue, IsNumber ? NumberText : _json);

    /// <summary>Returns the string, the number as written, or the JSON of any other value.</summary>
    /// <returns>The value as text.</returns>
    public override string ToString() => NumberText ?? StringValue ?? _json ?? string.Empty;

    internal static MeasurementValue FromWire(double number, string? text) => new(null, number, text);

    internal static MeasurementValue OtherJson(string json) => new(null, null, json);

    internal string? Json => _json;
}

/// <summary>Reads any JSON value into a <see cref="MeasurementValue"/> and writes it back as the same kind and digits.</summary>
internal sealed class MeasurementValueConverter : JsonConverter<MeasurementValue>
{
    public override MeasurementValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    internal static MeasurementValue ReadValue(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => MeasurementValue.FromWire(NumberText.Read(ref reader, out var text), text),
        _ => MeasurementValue.OtherJson(JsonElement.ParseValue(ref reader).GetRawText()),
    };

    public override void Write(Utf8JsonWriter writer, MeasurementValue value, JsonSerializerOptions options)
    {
        if (value.NumberValue is { } number)
        {
            NumberText.Write(writer, number, value.Json);
        }
        else if (value.StringValue is { } text)
        {
            writer.WriteStringValue(text);
        }
        else if (value.Json is { } json)
        {
            writer.WriteRawValue(json, skipInputValidation: true);
        }
        else
        {
            // Validation refuses an empty value before sending; this guards direct serialization.
            throw new JsonException("A review measurement has no value to write.");
        }
    }
}
