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
/// Walks JSON along a <see cref="JsonShape"/> and collects every value of the wrong kind, each with its wire path. A
/// record of the right kinds (nearly all) is walked once and costs no string: paths are built from a stack of the
/// shape's own names only for a problem.
/// </summary>
internal sealed class JsonKindCheck
{
    private readonly List<Segment> _at = new(8);
    private List<JsonKindProblem>? _problems;

    private JsonKindCheck()
    {
    }

    /// <summary>Every value under <paramref name="record"/>, an object, of a kind its shape does not allow, in document order.</summary>
    public static IReadOnlyList<JsonKindProblem> Check(JsonElement record, JsonShape shape)
    {
        var check = new JsonKindCheck();
        check.Walk(record, shape, cut: 0);
        return (IReadOnlyList<JsonKindProblem>?)check._problems ?? [];
    }

    /// <summary>
    /// Reports, under <paramref name="path"/>, each member of <paramref name="members"/> that <paramref name="shape"/>
    /// documents but that holds another kind: a model keeps such a value as it came (among its additional properties)
    /// rather than reading it. Returns whether there was one.
    /// </summary>
    public static bool CheckKept(IDictionary<string, JsonElement> members, JsonShape shape, string? discriminatorValue, string path, Violations violations)
    {
        var found = false;
        foreach (var (name, value) in members)
        {
            if (shape.MemberShape(name, discriminatorValue) is not { } member || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var at = Violations.Member(path, name);
            var check = new JsonKindCheck();
            check._at.Add(new Segment(at, -1));
            check.Walk(value, member, cut: 1);
            foreach (var problem in (IEnumerable<JsonKindProblem>?)check._problems ?? [])
            {
                violations.WrongKind(problem.Path, problem.Rule, problem.CutPath);
                found = true;
            }
        }

        return found;
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

    // cut: how many segments of _at name the member that goes when this value is wrong.
    private void Walk(JsonElement value, JsonShape shape, int cut)
    {
        if (!shape.IsKindOf(value))
        {
            Report(shape.Rule, cut);
            return;
        }

        switch (shape.Is)
        {
            case JsonShape.Form.Object:
                Members(value, shape);
                break;
            case JsonShape.Form.Union:
                Union(value, shape, cut);
                break;
            case JsonShape.Form.Array:
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    _at.Add(new Segment(null, index++));

                    // A null item is left to the vendor's rules ("must not be null").
                    if (!(shape.ItemsApart && item.ValueKind == JsonValueKind.Null))
                    {
                        Walk(item, shape.Items!, shape.ItemsApart ? _at.Count : cut);
                    }

                    _at.RemoveAt(_at.Count - 1);
                }

                break;
            case JsonShape.Form.NumberPair:
                var coordinate = 0;
                foreach (var item in value.EnumerateArray())
                {
                    _at.Add(new Segment(null, coordinate++));
                    if (item.ValueKind != JsonValueKind.Number)
                    {
                        Report(JsonShape.Number.Rule, cut);
                    }

                    _at.RemoveAt(_at.Count - 1);
                }

                break;
        }
    }

    private void Members(JsonElement value, JsonShape shape)
    {
        var members = shape.Members;
        if (members.Length == 0)
        {
            return;
        }

        // Records mostly list their members in the documented order: the search starts after the last one found, so
        // that each name is usually compared once.
        var next = 0;
        foreach (var property in value.EnumerateObject())
        {
            // Null reads as absent: the vendor's rules say whether the member is required.
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            var found = Find(property, shape.MemberNames, next);
            if (found < 0)
            {
                continue;
            }

            next = found + 1 == members.Length ? 0 : found + 1;
            _at.Add(new Segment(members[found].Name, -1));
            Walk(property.Value, members[found].Shape, _at.Count);
            _at.RemoveAt(_at.Count - 1);
        }
    }

    private void Union(JsonElement value, JsonShape shape, int cut)
    {
        var discriminator = shape.Discriminator!;
        _at.Add(new Segment(discriminator, -1));
        if (!value.TryGetProperty(discriminator, out var kind) || kind.ValueKind == JsonValueKind.Null)
        {
            // Without it the shape is unknown, and the object cannot be read.
            Report(shape.DiscriminatorRule!, cut);
            _at.RemoveAt(_at.Count - 1);
            return;
        }

        if (kind.ValueKind != JsonValueKind.String)
        {
            Report(JsonShape.String.Rule, cut);
            _at.RemoveAt(_at.Count - 1);
            return;
        }

        _at.RemoveAt(_at.Count - 1);
        foreach (var (name, members) in shape.Cases)
        {
            if (kind.ValueEquals(name))
            {
                Members(value, members);
                return;
            }
        }
    }

    // Compares the UTF-8 names without building the property's name: a valid record then allocates nothing for them.
    private static int Find(JsonProperty property, byte[][] names, int start)
    {
        for (var i = 0; i < names.Length; i++)
        {
            var at = start + i < names.Length ? start + i : start + i - names.Length;
            if (property.NameEquals(names[at]))
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
