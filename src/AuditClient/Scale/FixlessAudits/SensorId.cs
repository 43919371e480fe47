using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// A sensor id (<c>sensor_id</c>), which Scale sends as a string or as a number. It remembers which, keeps the exact
/// text (a 20-digit number survives) and is written back in the same form.
/// </summary>
[JsonConverter(typeof(SensorIdConverter))]
public readonly struct SensorId : IEquatable<SensorId>
{
    private readonly string? _text;

    private SensorId(string text, bool isNumber)
    {
        _text = text;
        IsNumber = isNumber;
    }

    /// <summary><see langword="true"/> when the id is a JSON number, <see langword="false"/> when it is a string.</summary>
    public bool IsNumber { get; }

    /// <summary>The id's text: the string, or the number exactly as written.</summary>
    public string Value => _text ?? string.Empty;

    /// <summary>A string id.</summary>
    /// <param name="value">The id.</param>
    public static implicit operator SensorId(string value) => new(value ?? throw new ArgumentNullException(nameof(value)), isNumber: false);

    /// <summary>A numeric id.</summary>
    /// <param name="value">The id.</param>
    public static implicit operator SensorId(long value) => new(value.ToString(CultureInfo.InvariantCulture), isNumber: true);

    /// <summary>Equality of form and text: the string <c>"7"</c> and the number <c>7</c> differ.</summary>
    public static bool operator ==(SensorId left, SensorId right) => left.Equals(right);

    /// <summary>Inequality of form or text.</summary>
    public static bool operator !=(SensorId left, SensorId right) => !left.Equals(right);

    /// <summary>A numeric id of any size, given as its JSON text, such as <c>12345678901234567890</c>.</summary>
    /// <param name="jsonNumber">The number as JSON text.</param>
    /// <returns>The id.</returns>
    /// <exception cref="ArgumentException"><paramref name="jsonNumber"/> is not a JSON number.</exception>
    public static SensorId FromNumber(string jsonNumber)
    {
        ArgumentNullException.ThrowIfNull(jsonNumber);
        if (!IsJsonNumber(jsonNumber))
        {
            throw new ArgumentException("Expected a JSON number, such as 12345678901234567890.", nameof(jsonNumber));
        }

        return new(jsonNumber, isNumber: true);
    }

    /// <summary>The id as a 64-bit integer, when it is a number that fits.</summary>
    /// <param name="value">The number.</param>
    /// <returns>Whether the id is such a number.</returns>
    public bool TryGetInt64(out long value)
    {
        value = 0;
        return IsNumber && long.TryParse(_text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }

    /// <inheritdoc/>
    public bool Equals(SensorId other) => IsNumber == other.IsNumber && string.Equals(_text, other._text, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SensorId other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(IsNumber, _text);

    /// <summary>Returns the id's text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value;

    internal bool IsDefault => _text is null;

    internal static SensorId FromWire(string text, bool isNumber) => new(text, isNumber);

    private static bool IsJsonNumber(string text)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(text));
        try
        {
            return reader.Read() && reader.TokenType == JsonTokenType.Number && !reader.Read();
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
