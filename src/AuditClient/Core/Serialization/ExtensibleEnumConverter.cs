using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuditClient.Core.Validation;

namespace AuditClient.Core.Serialization;

/// <summary>
/// Implemented by the SDK's extensible enums: <c>readonly struct</c>s that wrap the vendor's string, whose
/// <c>default</c> carries none. Internal and static, so the converter needs no reflection and the public surface shows
/// none of it.
/// </summary>
/// <typeparam name="TSelf">The enum type.</typeparam>
internal interface IExtensibleEnum<TSelf>
    where TSelf : struct, IExtensibleEnum<TSelf>
{
    static abstract TSelf FromWire(string value);

    /// <summary>The wire value; <see langword="null"/> only for <c>default</c>.</summary>
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
            // The vendor's words, as the checks before sending say it: the type is the SDK's, not the caller's.
            throw new JsonException(JsonShape.String.Rule);
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

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(WireValueOf(value));

    /// <summary>
    /// The string to write. A <c>default</c> value is refused rather than written as <c>null</c> or <c>""</c>: either would
    /// send a value nobody chose. The client's validation names such a field before this is reached
    /// (<c>must have a value when given</c>); this guards direct serialization.
    /// </summary>
    /// <exception cref="JsonException"><paramref name="value"/> is <c>default</c>.</exception>
    internal static string WireValueOf(T value) =>
        value.WireValue ?? throw new JsonException($"A default {typeof(T).Name} carries no value to write: give it one, or leave the property null to omit it.");
}
