using System.Text.Json;
using System.Text.Json.Nodes;
using AuditClient.Core.Wire;
using AuditClient.Testing.Http;

namespace AuditClient.Testing;

/// <summary>
/// What the fake refuses with 400 in a <c>PUT /v1/audits</c> body, read from the documented creation payload
/// (<c>FixlessAuditCreate</c> in specs/scale-fixless-audits.txt, lines 218-298): a required field that is absent, a
/// value outside a closed set (the audit type and result, the scope and interval discriminators), or a value of the
/// wrong JSON type. Nothing else: values of the extensible sets (item type, category, severity, annotation type) are
/// stored as sent, and items that are well-formed but invalid (an error without annotation id, a missing error without
/// a location...) are stored and marked later by <see cref="FakeGrader"/>, as the guide says Scale does. Scale
/// documents no error answer for this call; each check cites the schema line that backs it.
/// </summary>
internal static class FixlessAuditSchema
{
    /// <summary>Every problem found, each naming its field by path; empty when the body is acceptable.</summary>
    public static List<string> Check(JsonObject audit)
    {
        var problems = new List<string>();

        // Line 222 `type: 'fixless';` (required, one value).
        OneOf(audit, "type", [ScaleWire.FixlessAuditType], string.Empty, problems);

        // Line 223 `result: 'accepted' | 'rejected';` (required, closed).
        OneOf(audit, "result", ScaleWire.FixlessAuditResults, string.Empty, problems);

        // Line 224 `task_id: string;` and line 226 `target_response_url: string;` (required). The guide's own example
        // sends a placeholder ("value from task.response.annotations.url"), so any non-empty string is accepted.
        RequiredString(audit, "task_id", string.Empty, problems);
        RequiredString(audit, "target_response_url", string.Empty, problems);

        // Line 225 `comments?: string;`, line 228 `metadata?: { [key: string]: any };`.
        OptionalKind(audit, "comments", JsonValueKind.String, string.Empty, problems);
        OptionalKind(audit, "metadata", JsonValueKind.Object, string.Empty, problems);

        if (audit["feedback_items"] is { } items)
        {
            // Line 227 `feedback_items?: FeedbackItemCreate[];`.
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
        // Line 19 "Feedback Item Type (required)", line 232: any string (Scale may add types).
        RequiredString(item, "type", path, problems);

        // Line 46 "Feedback Item Category (required)", yet the guide's example (lines 341-381) leaves it out of both its
        // items and is answered 201: absent is accepted, and any string is stored (Scale may add categories).
        OptionalKind(item, "category", JsonValueKind.String, path, problems);

        // Line 241 `severity?: 'mild' | 'standard' | 'severe';`: optional, any string stored.
        OptionalKind(item, "severity", JsonValueKind.String, path, problems);

        // Lines 242-243 `description?: string;`, `metadata?: { [key: string]: any };`.
        OptionalKind(item, "description", JsonValueKind.String, path, problems);
        OptionalKind(item, "metadata", JsonValueKind.Object, path, problems);

        // Line 84 "Feedback Item Scope (required)", line 233 `scope: FeedbackItemScope;`.
        if (item["scope"] is not JsonObject scope)
        {
            problems.Add($"{path}scope is required and must be an object");
            return;
        }

        CheckScope(scope, path + "scope.", problems);
    }

    private static void CheckScope(JsonObject scope, string path, List<string> problems)
    {
        // Lines 86 and 245-249: four schemas, told apart by `type` (closed: Scale could not read another shape).
        OneOf(scope, "type", ScaleWire.ScopeTypes, path, problems);

        // Lines 259, 270, 281, 288 `interval: FeedbackItemTimestampRange;` (required in every scope).
        CheckInterval(scope, path, problems);

        // Lines 257, 269, 280 `sensor_id?: string | number` (string-only in point and polygon; numbers accepted there too).
        if (scope["sensor_id"] is { } sensor && sensor.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number))
        {
            problems.Add($"{path}sensor_id must be a string or a number");
        }

        switch (FakeJson.String(scope, "type"))
        {
            case ScaleWire.ScopeAnnotation:
                // Line 256 `annotation_id: string;`: required by the schema, but the guide says an error "where a valid
                // annotation ID is not provided" is marked invalid by the grader (line 189), so absence is stored.
                OptionalKind(scope, "annotation_id", JsonValueKind.String, path, problems);
                OptionalKind(scope, "attribute", JsonValueKind.String, path, problems); // line 258
                break;
            case ScaleWire.ScopePolygon:
                // Line 265 `vertices: [[x0, y0], [x1, y1], [x2, y2], ...];`: when given, number pairs. Absent (or too few
                // to enclose anything) is the grader's "point or polygon ... is not specified" (line 193).
                if (scope["vertices"] is { } vertices && (vertices is not JsonArray list || !list.All(IsPair)))
                {
                    problems.Add($"{path}vertices must be an array of [x, y] number pairs");
                }

                MissingAnnotationFields(scope, path, problems);
                break;
            case ScaleWire.ScopePoint:
                // Line 276 `coordinates: [x, y];`: when given, a number pair; absent is the grader's, as for vertices.
                if (scope["coordinates"] is { } coordinates && !IsPair(coordinates))
                {
                    problems.Add($"{path}coordinates must be an [x, y] number pair");
                }

                MissingAnnotationFields(scope, path, problems);
                break;
            case ScaleWire.ScopeScene:
                OptionalKind(scope, "attribute", JsonValueKind.String, path, problems); // line 287
                break;
        }
    }

    private static void MissingAnnotationFields(JsonObject scope, string path, List<string> problems)
    {
        // Lines 266/277 `missing_annotation_type: AnnotationType;`: a string, any value (Scale may add annotation types);
        // absent is the grader's business ("missing errors require ... a missing_annotation_type", lines 69-81).
        OptionalKind(scope, "missing_annotation_type", JsonValueKind.String, path, problems);

        // Lines 268/279 `missing_annotation_class?: string;`, lines 267/278 `stationary: boolean;` (checked when given:
        // it "only applies for cuboids").
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

        // Lines 291-295: `type: 'frame_range'; start: number; end: number;`. Any JSON number is a number (10.0 included);
        // the schema says nothing of order or sign, so those are stored as sent.
        path += "interval.";
        OneOf(interval, "type", [ScaleWire.IntervalFrameRange], path, problems);
        foreach (var name in (ReadOnlySpan<string>)["start", "end"])
        {
            if (!FakeJson.TryGetNumber(interval[name], out _))
            {
                problems.Add($"{path}{name} is required and must be a number (a frame index)");
            }
        }
    }

    private static bool IsPair(JsonNode? node) =>
        node is JsonArray { Count: 2 } pair && FakeJson.TryGetNumber(pair[0], out _) && FakeJson.TryGetNumber(pair[1], out _);

    private static void OneOf(JsonObject owner, string name, IReadOnlyCollection<string> allowed, string path, List<string> problems)
    {
        if (owner[name] is null)
        {
            problems.Add($"{path}{name} is required (one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))})");
            return;
        }

        if (FakeJson.String(owner, name) is not { } value || !allowed.Contains(value, StringComparer.Ordinal))
        {
            problems.Add($"{path}{name} must be one of: {string.Join(", ", allowed.Order(StringComparer.Ordinal))}");
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
