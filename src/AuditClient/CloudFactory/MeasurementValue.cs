using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.CloudFactory;

/// <summary>
/// One value of <see cref="TaskReview.ReviewMeasurements"/>: a string or a number, written back as the same JSON kind.
/// Converts implicitly from <see cref="string"/> and from numbers: <c>["attribute_1_count"] = 0.5</c>,
/// <c>["attribute_1_label"] = "Header"</c>.
/// </summary>
[JsonConverter(typeof(MeasurementValueConverter))]
public readonly record struct MeasurementValue
{
    private MeasurementValue(string? stringValue, double? numberValue)
    {
        StringValue = stringValue;
        NumberValue = numberValue;
    }

    /// <summary>The value when it is a string; otherwise <see langword="null"/>.</summary>
    public string? StringValue { get; }

    /// <summary>The value when it is a number; otherwise <see langword="null"/>.</summary>
    public double? NumberValue { get; }

    /// <summary>Whether the value is a number (written as a JSON number) rather than a string.</summary>
    public bool IsNumber => NumberValue.HasValue;

    /// <summary>A string value. A <see langword="null"/> string gives a value that validation refuses.</summary>
    /// <param name="value">The string.</param>
    public static implicit operator MeasurementValue(string? value) => new(value, null);

    /// <summary>A number value. It must be finite to be sent.</summary>
    /// <param name="value">The number.</param>
    public static implicit operator MeasurementValue(double value) => new(null, value);

    /// <summary>Returns the string, or the number in invariant culture.</summary>
    /// <returns>The value as text.</returns>
    public override string ToString() => NumberValue?.ToString(CultureInfo.InvariantCulture) ?? StringValue ?? string.Empty;
}

/// <summary>Reads a JSON string or number into a <see cref="MeasurementValue"/> and writes it back as the same kind.</summary>
internal sealed class MeasurementValueConverter : JsonConverter<MeasurementValue>
{
    public override MeasurementValue Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => reader.GetDouble(),
            _ => throw new JsonException($"Expected a string or a number for a review measurement, found {reader.TokenType}."),
        };

    public override void Write(Utf8JsonWriter writer, MeasurementValue value, JsonSerializerOptions options)
    {
        if (value.NumberValue is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else if (value.StringValue is { } text)
        {
            writer.WriteStringValue(text);
        }
        else
        {
            // Validation refuses an empty value before sending; this guards direct serialization.
            throw new JsonException("A review measurement has no value to write.");
        }
    }
}
