using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AuditClient.Testing.Http;

/// <summary>Reading and writing the fakes' JSON with <see cref="JsonNode"/> only: no reflection, no SDK model.</summary>
internal static class FakeJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The vendors' timestamp form, such as <c>2024-01-03T03:08:58.162Z</c>.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString(AuditClient.Core.Wire.ScaleWire.TimestampFormat, CultureInfo.InvariantCulture);

    /// <summary>Reads an ISO 8601 timestamp (or Scale's <c>YYYY-MM-DD HH:MM:SS.mmmmmm</c>), UTC when no offset is given.</summary>
    public static bool TryParseTimestamp(string? text, out DateTimeOffset time) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    public static byte[] Serialize(JsonNode node)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            node.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Parses a request body that must be a JSON object; <paramref name="error"/> says why not otherwise.</summary>
    public static bool TryParseObject(string body, out JsonObject value, out string error)
    {
        value = null!;
        if (string.IsNullOrWhiteSpace(body))
        {
            error = "The request body is empty; a JSON object is required.";
            return false;
        }

        try
        {
            if (JsonNode.Parse(body) is JsonObject parsed)
            {
                value = parsed;
                error = string.Empty;
                return true;
            }

            error = "The request body must be a JSON object.";
            return false;
        }
        catch (JsonException e)
        {
            error = $"The request body is not valid JSON: {e.Message}";
            return false;
        }
    }

    /// <summary>The property's value when it is a JSON string, else <see langword="null"/>.</summary>
    public static string? String(JsonObject? owner, string name) =>
        owner?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    /// <summary>The property's value when it is a non-blank JSON string, else <see langword="null"/>.</summary>
    public static string? NonBlank(JsonObject? owner, string name) =>
        String(owner, name) is { } text && !string.IsNullOrWhiteSpace(text) ? text : null;

    public static bool IsKind(JsonNode? node, JsonValueKind kind) => node is not null && node.GetValueKind() == kind;

    public static bool IsBoolean(JsonNode? node) => node?.GetValueKind() is JsonValueKind.True or JsonValueKind.False;

    public static bool TryGetNumber(JsonNode? node, out double number)
    {
        number = 0;
        return node is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue(out number);
    }

    /// <summary>Whether the node is a JSON number with an integer value.</summary>
    public static bool TryGetInteger(JsonNode? node, out long integer)
    {
        integer = 0;
        if (!TryGetNumber(node, out var number) || number != Math.Floor(number) || Math.Abs(number) > 1e15)
        {
            return false;
        }

        integer = (long)number;
        return true;
    }

    /// <summary>Copies the property when present (a deep copy: a node belongs to one parent).</summary>
    public static void CopyIfPresent(JsonObject from, JsonObject to, string name)
    {
        if (from.TryGetPropertyValue(name, out var value) && value is not null)
        {
            to[name] = value.DeepClone();
        }
    }

    public static List<JsonObject> CloneAll(IEnumerable<JsonObject> nodes) => nodes.Select(n => n.DeepClone().AsObject()).ToList();
}
