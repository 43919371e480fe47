using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using AuditClient.Core.Serialization;

namespace AuditClient.Tests.Scale;

/// <summary>Serializes through the SDK's own source-generated context, exactly as requests and responses are.</summary>
internal static class ScaleJson
{
    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Info<T>());

    public static T Read<T>(string json) => JsonSerializer.Deserialize(json, Info<T>())!;

    public static JsonNode Tree(string json) => JsonNode.Parse(json)!;

    /// <summary>Reads <paramref name="json"/> as <typeparamref name="T"/> and writes it again.</summary>
    public static string RoundTrip<T>(string json) => Write(Read<T>(json));

    /// <summary>Asserts two JSON texts are equal trees (property order and number spelling aside).</summary>
    public static void AssertSameTree(string actual, string expected) =>
        Assert.That(JsonNode.DeepEquals(Tree(actual), Tree(expected)), Is.True, $"JSON trees differ.\nexpected: {expected}\nactual:   {actual}");

    /// <summary>Every path in <paramref name="node"/> whose value is JSON null.</summary>
    public static IEnumerable<string> NullPaths(JsonNode? node, string path = "$") => node switch
    {
        null => [path],
        JsonObject o => o.SelectMany(p => NullPaths(p.Value, $"{path}.{p.Key}")),
        JsonArray a => a.SelectMany((item, i) => NullPaths(item, $"{path}[{i}]")),
        _ => [],
    };

    private static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)AuditClientJsonContext.Default.GetTypeInfo(typeof(T))!;
}
