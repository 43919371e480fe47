using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AuditClient.Core.Validation;

/// <summary>
/// One value of a documented member whose JSON kind is not the one its shape declares: the rule it breaks, where it is,
/// and the member to leave out so that the rest of the record can still be read (the member itself, or the whole
/// array or record member that cannot be read without it).
/// </summary>
internal sealed record JsonKindProblem(string Path, string Rule, string CutPath, JsonKindCheck.Segment[] Cut);

/// <summary>
/// Reads JSON along a <see cref="JsonShape"/> and collects every value of the wrong kind, each with its wire path. A
/// record of the right kinds (nearly all) is read once, token by token, and costs no string: paths are built from a
/// stack of the shape's own names only for a problem.
/// </summary>
internal sealed class JsonKindCheck
{
    private readonly List<Segment> _at = new(8);
    private List<JsonKindProblem>? _problems;

    private JsonKindCheck()
    {
    }

    /// <summary>
    /// Reads one record, <paramref name="utf8"/>, checking the kind of each documented value along
    /// <paramref name="shape"/>, and returns every value of a kind its shape does not allow, in document order; sets
    /// <paramref name="isObject"/> to whether the record is a JSON object at all (nothing else is checked then). The JSON
    /// is read once, token by token, building nothing.
    /// </summary>
    /// <exception cref="JsonException">The JSON is not well-formed.</exception>
    public static IReadOnlyList<JsonKindProblem> Check(ReadOnlySpan<byte> utf8, JsonShape shape, out bool isObject)
    {
        var reader = new Utf8JsonReader(utf8);
        reader.Read();
        isObject = reader.TokenType == JsonTokenType.StartObject;
        var check = new JsonKindCheck();
        if (isObject)
        {
            check.Walk(ref reader, shape, cut: 0);
        }
        else
        {
            reader.Skip();
        }

        // Whatever follows the record's value makes the line malformed: the reader throws.
        reader.Read();

        return (IReadOnlyList<JsonKindProblem>?)check._problems ?? [];
    }

    /// <summary>
    /// Reports, under <paramref name="path"/>, each member of <paramref name="members"/> that <paramref name="shape"/>
    /// documents but that holds another kind: a model keeps such a value as it came (among its additional properties)
    /// rather than reading it.
    /// </summary>
    public static void CheckKept(IDictionary<string, JsonElement> members, JsonShape shape, string? discriminatorValue, string path, Violations violations)
    {
        foreach (var (name, value) in members)
        {
            if (shape.MemberShape(name, discriminatorValue) is not { } member || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var at = Violations.Member(path, name);
            var check = new JsonKindCheck();
            check._at.Add(new Segment(at, -1));
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                value.WriteTo(writer);
            }

            var reader = new Utf8JsonReader(buffer.WrittenSpan);
            reader.Read();
            check.Walk(ref reader, member, cut: 1);
            foreach (var problem in (IEnumerable<JsonKindProblem>?)check._problems ?? [])
            {
                violations.WrongKind(problem.Path, problem.Rule, problem.CutPath);
            }
        }
    }

    /// <summary>Leaves the problem's member out of <paramref name="record"/>: removed from its object, or <c>null</c> in its array.</summary>
    public static void CutOut(JsonObject record, JsonKindProblem problem)
    {
        JsonNode? node = record;
        var cut = problem.Cut;
        for (var i = 0; i < cut.Length - 1 && node is not null; i++)
        {
            node = cut[i].Name is { } name ? (node as JsonObject)?[name] : (node as JsonArray)?[cut[i].Index];
        }

        var last = cut[^1];
        if (last.Name is { } member && node is JsonObject owner)
        {
            owner.Remove(member);
        }
        else if (last.Name is null && node is JsonArray array && last.Index < array.Count)
        {
            array[last.Index] = null;
        }
    }

    // cut: how many segments of _at name the member that goes when this value is wrong. The reader is on the value's
    // first token, and is left on its last.
    private void Walk(ref Utf8JsonReader reader, JsonShape shape, int cut)
    {
        if (!IsKindOf(ref reader, shape))
        {
            Report(shape.Rule, cut);
            reader.Skip();
            return;
        }

        switch (shape.Is)
        {
            case JsonShape.Form.Object:
                Members(ref reader, shape);
                break;
            case JsonShape.Form.Union:
                Union(ref reader, shape, cut);
                break;
            case JsonShape.Form.Array:
                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    _at.Add(new Segment(null, index++));

                    // A null item is left to the vendor's rules ("must not be null").
                    if (shape.ItemsApart && reader.TokenType == JsonTokenType.Null)
                    {
                        _at.RemoveAt(_at.Count - 1);
                        continue;
                    }

                    Walk(ref reader, shape.Items!, shape.ItemsApart ? _at.Count : cut);
                    _at.RemoveAt(_at.Count - 1);
                }

                break;
            case JsonShape.Form.NumberPair:
                var coordinate = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    _at.Add(new Segment(null, coordinate++));
                    if (reader.TokenType != JsonTokenType.Number)
                    {
                        Report(JsonShape.Number.Rule, cut);
                    }

                    reader.Skip();
                    _at.RemoveAt(_at.Count - 1);
                }

                break;
        }
    }

    private static bool IsKindOf(ref Utf8JsonReader reader, JsonShape shape) => shape.Is switch
    {
        JsonShape.Form.String => reader.TokenType == JsonTokenType.String,
        JsonShape.Form.Number => reader.TokenType == JsonTokenType.Number,
        JsonShape.Form.Boolean => reader.TokenType is JsonTokenType.True or JsonTokenType.False,
        JsonShape.Form.DateTime => reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out _),
        JsonShape.Form.StringOrNumber => reader.TokenType is JsonTokenType.String or JsonTokenType.Number,
        JsonShape.Form.Object or JsonShape.Form.Union => reader.TokenType == JsonTokenType.StartObject,
        JsonShape.Form.Array => reader.TokenType == JsonTokenType.StartArray,
        JsonShape.Form.NumberPair => reader.TokenType == JsonTokenType.StartArray && Count(reader) == 2,
        _ => false,
    };

    // The items of the array the reader (a copy) is on.
    private static int Count(Utf8JsonReader scan)
    {
        var count = 0;
        while (scan.Read() && scan.TokenType != JsonTokenType.EndArray)
        {
            count++;
            scan.Skip();
        }

        return count;
    }

    private void Members(ref Utf8JsonReader reader, JsonShape shape)
    {
        var members = shape.Members;
        if (members.Length == 0)
        {
            reader.Skip();
            return;
        }

        // Records mostly list their members in the documented order: the search starts after the last one found, so
        // that each name is usually compared once.
        var next = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var found = Find(ref reader, shape.MemberNames, next);
            reader.Read();

            // Null reads as absent: the vendor's rules say whether the member is required.
            if (found < 0 || reader.TokenType == JsonTokenType.Null)
            {
                reader.Skip();
                continue;
            }

            next = found + 1 == members.Length ? 0 : found + 1;
            _at.Add(new Segment(members[found].Name, -1));
            Walk(ref reader, members[found].Shape, _at.Count);
            _at.RemoveAt(_at.Count - 1);
        }
    }

    private void Union(ref Utf8JsonReader reader, JsonShape shape, int cut)
    {
        // The discriminator may come after the other members: a copy of the reader looks for it first.
        var scan = reader;
        var kind = JsonTokenType.None;
        var found = -1;
        while (scan.Read() && scan.TokenType == JsonTokenType.PropertyName)
        {
            var isDiscriminator = scan.ValueTextEquals(shape.DiscriminatorName);
            scan.Read();
            if (isDiscriminator)
            {
                kind = scan.TokenType;
                found = kind == JsonTokenType.String ? Find(ref scan, shape.CaseNames, 0) : -1;
            }

            scan.Skip();
        }

        if (kind == JsonTokenType.String)
        {
            // Another value is left to the vendor's rules (an unknown shape is kept as it came).
            if (found >= 0)
            {
                Members(ref reader, shape.Cases[found].Shape);
            }
            else
            {
                reader.Skip();
            }

            return;
        }

        // Without a string discriminator the shape is unknown, and the object cannot be read.
        _at.Add(new Segment(shape.Discriminator, -1));
        Report(kind is JsonTokenType.None or JsonTokenType.Null ? shape.DiscriminatorRule! : JsonShape.String.Rule, cut);
        _at.RemoveAt(_at.Count - 1);
        reader.Skip();
    }

    // Compares the UTF-8 names as the JSON holds them, without building a string: a valid record then allocates nothing
    // for its names.
    private static int Find(ref Utf8JsonReader reader, byte[][] names, int start)
    {
        for (var i = 0; i < names.Length; i++)
        {
            var at = start + i < names.Length ? start + i : start + i - names.Length;
            if (reader.ValueTextEquals(names[at]))
            {
                return at;
            }
        }

        return -1;
    }

    private void Report(string rule, int cut)
    {
        var segments = _at.GetRange(0, cut).ToArray();
        (_problems ??= []).Add(new JsonKindProblem(PathOf(_at), rule, PathOf(segments), segments));
    }

    private static string PathOf(IReadOnlyList<Segment> segments)
    {
        var path = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Name is { } name)
            {
                path.Append(path.Length == 0 ? string.Empty : ".").Append(name);
            }
            else
            {
                path.Append(CultureInfo.InvariantCulture, $"[{segment.Index}]");
            }
        }

        return path.Length == 0 ? "$" : path.ToString();
    }

    /// <summary>One step of a wire path: a member by name, or an array item by index.</summary>
    internal readonly record struct Segment(string? Name, int Index);
}
