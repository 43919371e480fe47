using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AuditClient.Core.Serialization;

/// <summary>
/// Typed views of JSON the vendors document loosely (an "array", an "object"). The model keeps the JSON itself and
/// writes it back; the view shows what fits the typed property and leaves nothing out silently: a value of another
/// kind appears as its JSON text, and only JSON nulls (which say nothing) are left out.
/// </summary>
internal static class JsonViews
{
    /// <summary>A string, or an array of values, as a list of strings (oldest first, as listed).</summary>
    public static IReadOnlyList<string> Strings(JsonElement json)
    {
        switch (json.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined:
                return [];
            case JsonValueKind.Array:
                var list = new List<string>(json.GetArrayLength());
                foreach (var entry in json.EnumerateArray())
                {
                    if (entry.ValueKind != JsonValueKind.Null)
                    {
                        list.Add(TextOf(entry));
                    }
                }

                return list;
            default:
                return [TextOf(json)];
        }
    }

    /// <summary>An object's values as strings: strings as they are, other values as their JSON text, nulls left out.</summary>
    public static IReadOnlyDictionary<string, string> StringValues(JsonObject json)
    {
        var view = new Dictionary<string, string>(json.Count, StringComparer.Ordinal);
        foreach (var (key, value) in json)
        {
            if (value is null)
            {
                continue;
            }

            view[key] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
        }

        return view;
    }

    /// <summary>An object's whole-number values (<c>24</c>, <c>24.0</c>) that fit an <see cref="int"/>; others are left out.</summary>
    public static IReadOnlyDictionary<string, int> WholeNumbers(JsonObject json)
    {
        var view = new Dictionary<string, int>(json.Count, StringComparer.Ordinal);
        foreach (var (key, value) in json)
        {
            if (value is not null
                && value.GetValueKind() == JsonValueKind.Number
                && decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
                && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue)
            {
                view[key] = (int)number;
            }
        }

        return view;
    }

    /// <summary>A JSON object holding the entries of <paramref name="values"/>.</summary>
    public static JsonObject ObjectOf<T>(IReadOnlyDictionary<string, T> values, Func<T, JsonNode?> node)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values)
        {
            json[key] = node(value);
        }

        return json;
    }

    private static string TextOf(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
