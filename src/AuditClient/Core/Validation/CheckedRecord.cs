using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace AuditClient.Core.Validation;

/// <summary>A record read from its wire JSON and checked: the model when it could be read, and every problem found.</summary>
/// <typeparam name="T">The model.</typeparam>
/// <param name="Item">The model; <see langword="null"/> when the JSON is not an object.</param>
/// <param name="Problems">Values of the wrong kind first, then the vendor's other rules, errors and warnings.</param>
internal sealed record CheckedRecord<T>(T? Item, IReadOnlyList<ValidationViolation> Problems)
    where T : class;

/// <summary>
/// Reads one record of a vendor's wire JSON (a line of a user's file) so that every problem of it is reported at once:
/// the JSON kind of each documented value is checked along the record's shape, each value of the wrong kind is reported
/// by its path and left out, the record is read without them, and the vendor's rules run on what was read (reporting
/// nothing more at a path already reported for its kind). JSON that is not well-formed is one problem, at the value it
/// breaks off in.
/// </summary>
internal static class CheckedRecords
{
    public static CheckedRecord<T> Read<T>(string json, JsonShape shape, JsonTypeInfo<T> type, Action<T, Violations> rules)
        where T : class
    {
        var utf8 = ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = Encoding.UTF8.GetBytes(json, utf8);
            return Read(utf8.AsMemory(0, length), shape, type, rules, json);
        }
        finally
        {
            // Cleared: the record may hold what its owner would not leave in a shared buffer.
            ArrayPool<byte>.Shared.Return(utf8, clearArray: true);
        }
    }

    private static CheckedRecord<T> Read<T>(ReadOnlyMemory<byte> utf8, JsonShape shape, JsonTypeInfo<T> type, Action<T, Violations> rules, string json)
        where T : class
    {
        IReadOnlyList<JsonKindProblem> wrong;
        bool isObject;
        try
        {
            wrong = JsonKindCheck.Check(utf8.Span, shape, out isObject);
        }
        catch (JsonException e)
        {
            return new CheckedRecord<T>(null, [new ValidationViolation(MalformedAt(json), Malformed(e))]);
        }
        catch (InvalidOperationException)
        {
            return new CheckedRecord<T>(null, [new ValidationViolation("$", LoneSurrogateName)]);
        }

        if (!isObject)
        {
            return new CheckedRecord<T>(null, [new ValidationViolation("$", shape.Rule)]);
        }

        var violations = new Violations();
        T? item;
        try
        {
            if (wrong.Count == 0)
            {
                // The usual record: read as the serializer reads it, from the same bytes.
                item = JsonSerializer.Deserialize(utf8.Span, type);
            }
            else
            {
                using var document = JsonDocument.Parse(utf8);
                var record = (JsonObject)Mutable(document.RootElement)!;
                foreach (var problem in wrong)
                {
                    violations.WrongKind(problem.Path, problem.Rule, problem.CutPath);
                    JsonKindCheck.CutOut(record, problem);
                }

                item = record.Deserialize(type);
            }
        }
        catch (InvalidOperationException)
        {
            violations.Add("$", LoneSurrogateName);
            return new CheckedRecord<T>(null, violations.Items);
        }
        catch (JsonException e)
        {
            // The shape leaves nothing the model cannot read; should a later model outgrow its shape, the path still
            // says where, and the serializer's words (which name CLR types) stay out of the message.
            var path = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "$" : e.Path.StartsWith("$.", StringComparison.Ordinal) ? e.Path[2..] : e.Path;
            violations.Add(path, "cannot be read");
            return new CheckedRecord<T>(null, violations.Items);
        }

        rules(item!, violations);
        return new CheckedRecord<T>(item, violations.Items);
    }

    // The reader cannot unescape a lone surrogate ("\ud800") into a name it compares, nor can the serializer.
    private const string LoneSurrogateName = "cannot be read: a member name or type holds a lone surrogate (UTF-8 cannot carry it)";

    // A copy that can lose members. A name given twice keeps its last value, as the serializer reads it (JsonObject's
    // own copy of an element refuses such JSON).
    private static JsonNode? Mutable(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in value.EnumerateObject())
                {
                    obj[property.Name] = Mutable(property.Value);
                }

                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in value.EnumerateArray())
                {
                    array.Add(Mutable(item));
                }

                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(value);
        }
    }

    // The reader's words, without its line and byte counts (a record is one line): where it stopped is said once, as
    // the character a text editor shows.
    private static string Malformed(JsonException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut > 0)
        {
            message = message[..cut];
        }

        var where = e.BytePositionInLine is { } at ? string.Create(CultureInfo.InvariantCulture, $" (at character {at + 1})") : string.Empty;
        return $"malformed JSON: {message.TrimEnd('.')}{where}";
    }

    // The wire path of the value the JSON breaks off in ("review_score" for {"review_score": ), "$" for the record.
    private static string MalformedAt(string json)
    {
        var path = new List<(string? Name, int Index)>();
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        path[^1] = (reader.GetString(), -1);
                        break;
                    case JsonTokenType.StartObject:
                        Next(path);
                        path.Add((null, -1));
                        break;
                    case JsonTokenType.StartArray:
                        Next(path);
                        path.Add((null, -1));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        path.RemoveAt(path.Count - 1);
                        break;
                    default:
                        Next(path);
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Where it broke off: the path so far.
        }

        var text = new StringBuilder();
        foreach (var (name, index) in path)
        {
            if (name is not null)
            {
                text.Append(text.Length == 0 ? string.Empty : ".").Append(name);
            }
            else if (index >= 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"[{index}]");
            }
        }

        return text.Length == 0 ? "$" : text.ToString();
    }

    // A value begins: in an array, it is the next item.
    private static void Next(List<(string? Name, int Index)> path)
    {
        if (path.Count > 0 && path[^1].Name is null)
        {
            path[^1] = (null, path[^1].Index + 1);
        }
    }
}
