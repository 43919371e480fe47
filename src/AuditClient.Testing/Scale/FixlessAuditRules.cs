using System.Text.Json;
using System.Text.Json.Nodes;
using AuditClient.Testing.Http;

namespace AuditClient.Testing;

/// <summary>
/// What Scale's request validation refuses with 400 in a <c>PUT /v1/audits</c> body: the shape of the creation payload
/// (required fields, the closed value sets, intervals, coordinates). Items that are well-formed but meaningless (a
/// <c>missing</c> error on an annotation...) are accepted and marked by the grader instead, as Scale does.
/// </summary>
internal static class FixlessAuditRules
{
    private static readonly string[] AuditTypes = ["fixless"];
    private static readonly string[] Results = ["accepted", "rejected"];
    private static readonly string[] ItemTypes = ["comment", "error", "flag", "confirmation"];
    private static readonly string[] Categories = ["attribute", "extraneous", "geometry", "label", "missing", "position"];
    private static readonly string[] Severities = ["mild", "standard", "severe"];
    private static readonly string[] ScopeTypes = ["annotation", "polygon", "point", "scene"];

    /// <summary>Every problem found, each naming its field by path; empty when the body is acceptable.</summary>
    public static List<string> Check(JsonObject audit)
    {
        var problems = new List<string>();
        OneOf(audit, "type", AuditTypes, required: true, string.Empty, problems);
        OneOf(audit, "result", Results, required: true, string.Empty, problems);
        RequiredString(audit, "task_id", string.Empty, problems);
        RequiredString(audit, "target_response_url", string.Empty, problems);
        OptionalKind(audit, "comments", JsonValueKind.String, string.Empty, problems);
        OptionalKind(audit, "metadata", JsonValueKind.Object, string.Empty, problems);

        if (audit["feedback_items"] is { } items)
        {
            if (items is not JsonArray array)
            {
                problems.Add("feedback_items must be an array");
                return problems;
            }

            for (var i = 0; i < array.Count; i++)
            {
                var path = $"feedback_items[{i}].";
                if (array[i] is not JsonObject item)
                {
                    problems.Add($"feedback_items[{i}] must be an object");
                    continue;
                }

                CheckItem(item, path, problems);
            }
        }

        return problems;
    }

    private static void CheckItem(JsonObject item, string path, List<string> problems)
    {
        OneOf(item, "type", ItemTypes, required: true, path, problems);

        // Required by the schema, yet the spec's own creation example leaves it out and is answered 201: accepted when absent.
        OneOf(item, "category", Categories, required: false, path, problems);
        OneOf(item, "severity", Severities, required: false, path, problems);
        OptionalKind(item, "description", JsonValueKind.String, path, problems);
        OptionalKind(item, "metadata", JsonValueKind.Object, path, problems);

        if (item["scope"] is not JsonObject scope)
        {
            problems.Add($"{path}scope is required and must be an object");
            return;
        }

        CheckScope(scope, path + "scope.", problems);
    }

    private static void CheckScope(JsonObject scope, string path, List<string> problems)
    {
        OneOf(scope, "type", ScopeTypes, required: true, path, problems);
        CheckInterval(scope, path, problems);
        SensorId(scope, path, problems);

        switch (FakeJson.String(scope, "type"))
        {
            case "annotation":
                // A missing annotation_id is the grader's business (the item is stored and marked invalid).
                OptionalKind(scope, "annotation_id", JsonValueKind.String, path, problems);
                OptionalKind(scope, "attribute", JsonValueKind.String, path, problems);
                break;
            case "polygon":
                if (scope["vertices"] is not JsonArray vertices || vertices.Count < 3 || !vertices.All(IsPair))
                {
                    problems.Add($"{path}vertices must be an array of at least 3 [x, y] number pairs");
                }

                MissingAnnotationFields(scope, path, problems);
                break;
            case "point":
                if (!IsPair(scope["coordinates"]))
                {
                    problems.Add($"{path}coordinates must be an [x, y] number pair");
                }

                MissingAnnotationFields(scope, path, problems);
                break;
            case "scene":
                OptionalKind(scope, "attribute", JsonValueKind.String, path, problems);
                break;
        }
    }

    private static void MissingAnnotationFields(JsonObject scope, string path, List<string> problems)
    {
        // Absent missing_annotation_type is the grader's business; its values are Scale's to extend.
        OptionalKind(scope, "missing_annotation_type", JsonValueKind.String, path, problems);
        OptionalKind(scope, "missing_annotation_class", JsonValueKind.String, path, problems);
        if (scope["stationary"] is { } stationary && !FakeJson.IsBoolean(stationary))
        {
            problems.Add($"{path}stationary must be a boolean");
        }
    }

    private static void CheckInterval(JsonObject scope, string path, List<string> problems)
    {
        if (scope["interval"] is not JsonObject interval)
        {
            problems.Add($"{path}interval is required and must be an object");
            return;
        }

        path += "interval.";
        OneOf(interval, "type", ["frame_range"], required: true, path, problems);
        var hasStart = FrameIndex(interval, "start", path, problems, out var start);
        var hasEnd = FrameIndex(interval, "end", path, problems, out var end);
        if (hasStart && hasEnd && start > end)
        {
            problems.Add($"{path}start must not be greater than end ({start} > {end})");
        }
    }

    private static bool FrameIndex(JsonObject interval, string name, string path, List<string> problems, out long index)
    {
        if (FakeJson.TryGetInteger(interval[name], out index) && index >= 0)
        {
            return true;
        }

        problems.Add($"{path}{name} is required and must be a frame index (an integer >= 0)");
        return false;
    }

    private static void SensorId(JsonObject scope, string path, List<string> problems)
    {
        if (scope["sensor_id"] is { } sensor && sensor.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number))
        {
            problems.Add($"{path}sensor_id must be a string or a number");
        }
    }

    private static bool IsPair(JsonNode? node) =>
        node is JsonArray { Count: 2 } pair && FakeJson.TryGetNumber(pair[0], out _) && FakeJson.TryGetNumber(pair[1], out _);

    private static void OneOf(JsonObject owner, string name, string[] allowed, bool required, string path, List<string> problems)
    {
        if (owner[name] is null)
        {
            if (required)
            {
                problems.Add($"{path}{name} is required (one of: {string.Join(", ", allowed)})");
            }

            return;
        }

        if (FakeJson.String(owner, name) is not { } value || !allowed.Contains(value, StringComparer.Ordinal))
        {
            problems.Add($"{path}{name} must be one of: {string.Join(", ", allowed)}");
        }
    }

    private static void RequiredString(JsonObject owner, string name, string path, List<string> problems)
    {
        if (FakeJson.NonBlank(owner, name) is null)
        {
            problems.Add($"{path}{name} is required and must be a non-empty string");
        }
    }

    private static void OptionalKind(JsonObject owner, string name, JsonValueKind kind, string path, List<string> problems)
    {
        if (owner[name] is { } value && value.GetValueKind() != kind)
        {
            problems.Add($"{path}{name} must be {(kind == JsonValueKind.Object ? "an object" : "a " + kind.ToString().ToLowerInvariant())}");
        }
    }
}
