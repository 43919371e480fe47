using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Core.Serialization;

/// <summary>
/// What the vendor sent where it documents a <c>number</c>: the value, and the exact JSON to write back. Models keep
/// one of these behind each number property, whose typed view it serves (<see cref="Number"/>, <see cref="Int32"/>,
/// <see cref="Int64"/>). A value of another JSON kind (a string, an object...) is kept as it came and shown as no
/// number, so one odd field does not make a whole response unreadable.
/// </summary>
[JsonConverter(typeof(WireNumberConverter))]
internal readonly struct WireNumber : IEquatable<WireNumber>
{
    private readonly double _value;

    // The JSON to write back: the number's text when the double does not print as it, or a value that is no number.
    private readonly string? _json;
    private readonly bool _isNumber;

    private WireNumber(double value, string? json, bool isNumber)
    {
        _value = value;
        _json = json;
        _isNumber = isNumber;
    }

    /// <summary>The number; null when the JSON value is not a number.</summary>
    public double? Number => _isNumber ? _value : null;

    /// <summary>The number when it is a whole number within the range of <see cref="long"/>.</summary>
    public long? Int64
    {
        get
        {
            if (!_isNumber)
            {
                return null;
            }

            if (_json is not null)
            {
                // Exact digits beyond a double's 2^53: read them as a decimal, not through the double.
                return decimal.TryParse(_json, NumberStyles.Float, CultureInfo.InvariantCulture, out var exact)
                    && exact == decimal.Truncate(exact) && exact >= long.MinValue && exact <= long.MaxValue
                    ? (long)exact
                    : null;
            }

            return _value == Math.Truncate(_value) && _value >= -9.2233720368547758E+18 && _value < 9.2233720368547758E+18
                ? (long)_value
                : null;
        }
    }

    /// <summary>The number when it is a whole number within the range of <see cref="int"/>.</summary>
    public int? Int32 => Int64 is { } value && value is >= int.MinValue and <= int.MaxValue ? (int)value : null;

    public static WireNumber? From(double? value) => value is { } v ? new WireNumber(v, null, isNumber: true) : null;

    public static WireNumber? From(long? value) =>
        value is { } v
            ? new WireNumber(v, (long)(double)v == v ? null : v.ToString(CultureInfo.InvariantCulture), isNumber: true)
            : null;

    public static WireNumber Read(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Number)
        {
            var value = NumberText.Read(ref reader, out var text);
            return new WireNumber(value, text, isNumber: true);
        }

        return new WireNumber(0, JsonElement.ParseValue(ref reader).GetRawText(), isNumber: false);
    }

    public void Write(Utf8JsonWriter writer)
    {
        if (_isNumber)
        {
            NumberText.Write(writer, _value, _json);
        }
        else
        {
            writer.WriteRawValue(_json ?? "null", skipInputValidation: true);
        }
    }

    /// <summary>Numbers compare by value (<c>10.0</c> equals <c>10</c>); other values by their JSON text.</summary>
    public bool Equals(WireNumber other) =>
        _isNumber == other._isNumber && (_isNumber ? _value.Equals(other._value) : string.Equals(_json, other._json, StringComparison.Ordinal));

    public override bool Equals(object? obj) => obj is WireNumber other && Equals(other);

    public override int GetHashCode() => _isNumber ? _value.GetHashCode() : (_json?.GetHashCode(StringComparison.Ordinal) ?? 0);

    public override string ToString() => _isNumber ? _json ?? _value.ToString(CultureInfo.InvariantCulture) : _json ?? string.Empty;
}

/// <summary>Reads any JSON value into a <see cref="WireNumber"/> and writes back exactly what was read.</summary>
internal sealed class WireNumberConverter : JsonConverter<WireNumber>
{
    public override WireNumber Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => WireNumber.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, WireNumber value, JsonSerializerOptions options) => value.Write(writer);
}
