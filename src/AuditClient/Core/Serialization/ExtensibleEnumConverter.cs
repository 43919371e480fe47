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
internal sealed class ExtensibleEnumConverter<T> : JsonConverter<T>
    where T : struct, IExtensibleEnum<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {typeof(T).Name}, found {reader.TokenType}.");
        }

        return T.FromWire(reader.GetString()!);
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
