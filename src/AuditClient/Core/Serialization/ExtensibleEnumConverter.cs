using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Core.Serialization;

/// <summary>Implemented by the SDK's extensible enums: <c>readonly record struct</c>s that wrap the vendor's string.</summary>
/// <typeparam name="TSelf">The enum type.</typeparam>
internal interface IExtensibleEnum<TSelf>
    where TSelf : struct, IExtensibleEnum<TSelf>
{
    static abstract TSelf FromWire(string value);

    string? WireValue { get; }
}

/// <summary>Reads any string into the enum (known or not) and writes back exactly the string it carries.</summary>
/// <typeparam name="T">The enum type.</typeparam>
/// <remarks>
/// A vendor sends a handful of distinct values thousands of times (a large audit carries four enums per feedback
/// item), so the values already read are remembered as UTF-8 and reused: reading one again allocates nothing. At most
/// <see cref="MaxRemembered"/> values per enum, so a vendor sending ever-new values cannot grow it.
/// </remarks>
internal sealed class ExtensibleEnumConverter<T> : JsonConverter<T>
    where T : struct, IExtensibleEnum<T>
{
    private const int MaxRemembered = 32;

    // Replaced, never changed in place, so readers need no lock; a value lost to a race is simply read again.
    private static (byte[] Utf8, T Value)[] s_remembered = [];

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadValue(ref reader);

    /// <summary>Reads the string the reader is on; for converters that read an enum inside their own shape.</summary>
    internal static T ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}.");
        }

        var remembered = Volatile.Read(ref s_remembered);
        foreach (var (utf8, known) in remembered)
        {
            if (reader.ValueTextEquals(utf8))
            {
                return known;
            }
        }

        var text = reader.GetString()!;
        var value = T.FromWire(text);
        if (remembered.Length < MaxRemembered)
        {
            Volatile.Write(ref s_remembered, [.. remembered, (Encoding.UTF8.GetBytes(text), value)]);
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        if (value.WireValue is null)
        {
            throw new JsonException($"A default {typeof(T).Name} has no value to write.");
        }

        writer.WriteStringValue(value.WireValue);
    }
}
