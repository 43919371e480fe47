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
/// nothing more at a path already reported for its kind).
/// </summary>
internal static class CheckedRecords
{
    /// <exception cref="JsonException"><paramref name="json"/> is not well-formed JSON.</exception>
    public static CheckedRecord<T> Read<T>(string json, JsonShape shape, JsonTypeInfo<T> type, Action<T, Violations> rules)
        where T : class
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new CheckedRecord<T>(null, [new ValidationViolation("$", shape.Rule)]);
        }

        var violations = new Violations();
        var wrong = JsonKindCheck.Check(root, shape);
        T? item;
        try
        {
            if (wrong.Count == 0)
            {
                item = root.Deserialize(type);
            }
            else
            {
                var record = JsonObject.Create(root)!;
                foreach (var problem in wrong)
                {
                    violations.WrongKind(problem.Path, problem.Rule, problem.CutPath);
                    JsonKindCheck.CutOut(record, problem);
                }

                item = record.Deserialize(type);
            }
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
}
