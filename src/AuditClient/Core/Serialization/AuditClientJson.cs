using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AuditClient.Core.Serialization;

namespace AuditClient;

/// <summary>
/// Reads and writes the SDK's models exactly as the SDK does on the wire (snake_case, nulls omitted), without
/// reflection: trimming- and Native-AOT-safe. Use it to load a request from your own JSON, or to store what a vendor
/// returned.
/// </summary>
public static class AuditClientJson
{
    /// <summary>Serializes a model of the SDK to JSON.</summary>
    /// <typeparam name="T">A model type of the SDK, such as <c>FixlessAuditCreate</c>.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a model of the SDK.</exception>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, TypeInfo<T>());

    /// <summary>Deserializes a model of the SDK from JSON.</summary>
    /// <typeparam name="T">A model type of the SDK, such as <c>FixlessAuditCreate</c>.</typeparam>
    /// <param name="json">The JSON text.</param>
    /// <returns>The value, or <see langword="null"/> for the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The JSON is invalid or does not fit the model.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a model of the SDK.</exception>
    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize(json, TypeInfo<T>());

    /// <summary>Deserializes a model of the SDK from a UTF-8 JSON stream.</summary>
    /// <typeparam name="T">A model type of the SDK.</typeparam>
    /// <param name="utf8Json">The stream.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The value, or <see langword="null"/> for the JSON literal <c>null</c>.</returns>
    /// <exception cref="JsonException">The JSON is invalid or does not fit the model.</exception>
    /// <exception cref="NotSupportedException"><typeparamref name="T"/> is not a model of the SDK.</exception>
    public static ValueTask<T?> DeserializeAsync<T>(Stream utf8Json, CancellationToken cancellationToken = default) =>
        JsonSerializer.DeserializeAsync(utf8Json, TypeInfo<T>(), cancellationToken);

    private static JsonTypeInfo<T> TypeInfo<T>() =>
        AuditClientJsonContext.Wire.GetTypeInfo(typeof(T)) as JsonTypeInfo<T>
        ?? throw new NotSupportedException($"{typeof(T).Name} is not a model of the AuditClient SDK.");
}
