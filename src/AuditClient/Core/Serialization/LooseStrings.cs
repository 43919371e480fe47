using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Core.Serialization;

/// <summary>
/// A field documented as a string or an array without an element type (<c>customer_review_comments</c>,
/// <c>tagged_reasons</c>): the JSON as received, written back unchanged (shape, one-element arrays, null entries,
/// entries of any kind), and its view as a list of strings (<see cref="JsonViews.Strings"/>). A list set by the
/// caller has no JSON and is written from the list.
/// </summary>
internal sealed class LooseStrings : IEquatable<LooseStrings>
{
    private LooseStrings(IReadOnlyList<string> view, JsonElement? json)
    {
        View = view;
        Json = json;
    }

    public IReadOnlyList<string> View { get; }

    public JsonElement? Json { get; }

    public static LooseStrings? Of(IReadOnlyList<string>? view) => view is null ? null : new(view, null);

    public static LooseStrings Read(ref Utf8JsonReader reader)
    {
        var json = JsonElement.ParseValue(ref reader);
        return new(JsonViews.Strings(json), json);
    }

    /// <summary>Writes the JSON received, or else the list: as an array, or as one string when <paramref name="oneAsString"/>.</summary>
    public void Write(Utf8JsonWriter writer, bool oneAsString)
    {
        if (Json is { } json)
        {
            json.WriteTo(writer);
            return;
        }

        if (oneAsString && View.Count == 1)
        {
            writer.WriteStringValue(View[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var text in View)
        {
            writer.WriteStringValue(text);
        }

        writer.WriteEndArray();
    }

    /// <summary>Equal views are equal: the shape the JSON had is not part of the value.</summary>
    public bool Equals(LooseStrings? other) => other is not null && View.SequenceEqual(other.View, StringComparer.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as LooseStrings);

    public override int GetHashCode() => View.Count;
}

/// <summary>Reads any JSON into <see cref="LooseStrings"/>; writes a caller's list as an array.</summary>
internal sealed class LooseStringsConverter : JsonConverter<LooseStrings>
{
    public override LooseStrings Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => LooseStrings.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, LooseStrings value, JsonSerializerOptions options) => value.Write(writer, oneAsString: false);
}
