using System.Text.Json.Nodes;
using AuditClient.Cli.Input;
using AuditClient.CloudFactory;
using AuditClient.Scale;

namespace AuditClient.Cli.Tests;

/// <summary>
/// Whatever a line holds, what the tool prints about it speaks of the wire (a path, a rule in the vendor's words) and
/// never of the CLR: every value of every field of a complete review and a complete audit is replaced by each JSON kind
/// in turn, the records are given roots of each kind, and CSV cells of each kind are read, all through the tool's parse
/// path (which runs the SDK's rules); every message is scanned for a CLR type name.
/// </summary>
public sealed class WrongKindMessageTests
{
    private const string FullReview =
        """{"workstream_id":"ws","use_case_id":"uc","task_definition_id":"td","dataset_id":"d","asset_id":"a","task_id":"t","unique_id":"u","replace_duplicate":true,"task_url":"https://example.com/t","task_completed_at":"2020-12-22T10:13:24.127Z","worker_id":"w@example.com","review_completed_at":"2020-12-22T10:13:24.127Z","review_duration":120,"reviewed_by":"r@example.com","review_score":0.78,"review_explanation":"x","errors":{"missing_label":24},"review_type":"QA","task_review_count":120,"subtask_review_count":240,"review_metadata":{"Person accuracy":"0.9"},"review_measurements":{"attribute_1_count":0.5,"attribute_1_label":"Header"}}""";

    private const string Interval = """{"type":"frame_range","start":0,"end":4}""";

    private static readonly string FullAudit =
        """{"type":"fixless","task_id":"t1","result":"rejected","comments":"c","target_response_url":"https://example.com/r.json","metadata":{"k":1},"feedback_items":["""
        + """{"type":"error","category":"geometry","severity":"standard","description":"d","metadata":{"k":1},"scope":{"type":"annotation","annotation_id":"box_1","sensor_id":"cam","attribute":"occluded","interval":""" + Interval + "}},"
        + """{"type":"error","category":"missing","scope":{"type":"polygon","vertices":[[1,2],[3,4],[5,6]],"missing_annotation_type":"cuboid","stationary":true,"missing_annotation_class":"car","sensor_id":"cam","interval":""" + Interval + "}},"
        + """{"type":"error","category":"missing","scope":{"type":"point","coordinates":[1,2],"missing_annotation_type":"cuboid","stationary":false,"missing_annotation_class":"car","sensor_id":7,"interval":""" + Interval + "}},"
        + """{"type":"error","category":"attribute","scope":{"type":"scene","attribute":"weather","interval":""" + Interval + "}}]}";

    private static readonly string[] Kinds = ["\"x\"", "\"2024-13-45\"", "5", "-1.5", "1e999", "true", "false", "null", "{}", "{\"a\":[1]}", "[]", "[1,2,3]", "[\"a\",{}]"];

    private static readonly string[] ClrNames =
    [
        "System.", "AuditClient.", "`1", "`2", "Nullable", "IReadOnlyList", "IReadOnlyDictionary", "IDictionary", "JsonElement", "JsonObject",
        "JsonNode", "DateTimeOffset", "Double", "Int32", "Int64", "String", "Boolean", "StartArray", "StartObject", "PropertyName", "EndArray",
        nameof(TaskReview), nameof(FixlessAuditCreate), nameof(FeedbackItemCreate), nameof(FeedbackItemScope), nameof(FeedbackItemInterval),
        nameof(Point2D), nameof(SensorId), nameof(MeasurementValue), "WireNumber", nameof(FeedbackItemType), nameof(FeedbackItemCategory),
        nameof(FeedbackItemSeverity), nameof(AnnotationType), nameof(FixlessAuditResult), nameof(ReviewType),
    ];

    [Test]
    public void No_message_about_a_review_or_an_audit_of_any_kinds_names_a_clr_type()
    {
        var messages = new List<string>();
        var lines = 0;
        foreach (var (kind, record) in new[] { (RecordKind.Reviews, FullReview), (RecordKind.Audits, FullAudit) })
        {
            foreach (var json in Variants(record).Concat(["[1,2,3]", "null", "\"x\"", "42", "true", "{}", "[]"]))
            {
                lines++;
                var parsed = kind.Parse(new InputRecord(1, json, null), new AuditRules(GraderRulePolicy.Refuse, ScaleValueSets.None));
                messages.AddRange(parsed.Problems.Select(p => $"{p.Path}: {p.Rule}"));
            }
        }

        Assert.That(lines, Is.GreaterThan(1_000), "every value of both records, in every kind");
        Assert.That(messages, Is.Not.Empty);
        Assert.That(messages.Where(m => ClrNames.Any(name => m.Contains(name, StringComparison.Ordinal))).Distinct(), Is.Empty);
    }

    [Test]
    public void A_value_of_the_wrong_kind_is_reported_by_its_path_and_never_as_missing()
    {
        // Each documented value of the full review replaced by a kind it cannot be: reported at its own path, not required.
        foreach (var (path, value) in new[]
        {
            ("review_score", "\"high\""), ("review_score", "\"0.5\""), ("review_score", "true"), ("review_completed_at", "\"yesterday\""),
            ("worker_id", "5"), ("replace_duplicate", "\"yes\""), ("errors", "[1]"), ("review_measurements", "\"m\""),
        })
        {
            var json = JsonNode.Parse(FullReview)!;
            json[path] = JsonNode.Parse(value);

            var problems = RecordKind.Reviews.Parse(new InputRecord(1, json.ToJsonString(), null), new AuditRules(GraderRulePolicy.Refuse, ScaleValueSets.None)).Problems;

            Assert.That(problems.Select(p => (p.Path, p.IsError)), Is.EqualTo(new[] { (path, true) }), $"{path} = {value}");
            Assert.That(problems[0].Rule, Does.StartWith("must be a").And.Not.Contains("required"), $"{path} = {value}");
        }
    }

    [Test]
    public void No_message_about_a_csv_cell_of_any_kind_names_a_clr_type()
    {
        string[] columns =
        [
            "workstream_id", "use_case_id", "task_definition_id", "task_id", "unique_id", "replace_duplicate", "task_url", "task_completed_at",
            "worker_id", "review_completed_at", "review_duration", "review_score", "errors.missing_label", "review_type", "task_review_count",
            "subtask_review_count", "review_metadata.Person accuracy", "review_measurements.attribute_1_count",
        ];
        string[] cells = ["x", "yes", "true", "1.5", "-3", "1e999", "[1,2]", "{}", "2024-13-45", "\"quoted\"", "null"];
        var rows = cells.Select(cell => string.Join(',', columns.Select(_ => cell.Contains(',', StringComparison.Ordinal) || cell.Contains('"', StringComparison.Ordinal) ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell)));
        var path = Cli.Temp("cells.csv", string.Join(',', columns) + "\n" + string.Join('\n', rows) + "\n");

        var messages = ReviewCsv.Read(path)
            .Select(record => RecordKind.Reviews.Parse(record, new AuditRules(GraderRulePolicy.Refuse, ScaleValueSets.None)))
            .SelectMany(parsed => parsed.Problems.Select(p => $"{p.Path}: {p.Rule}"))
            .ToList();

        Assert.That(messages, Has.Some.EqualTo("review_score: must be a number"));
        Assert.That(messages.Where(m => ClrNames.Any(name => m.Contains(name, StringComparison.Ordinal))).Distinct(), Is.Empty);
    }

    // The record with each value (at any depth: members, items, coordinates) replaced by each kind in turn.
    private static IEnumerable<string> Variants(string record)
    {
        var root = JsonNode.Parse(record)!;
        foreach (var location in Locations(root, []))
        {
            foreach (var kind in Kinds)
            {
                var copy = root.DeepClone();
                var owner = copy;
                foreach (var step in location[..^1])
                {
                    owner = step is int index ? owner[index]! : owner[(string)step]!;
                }

                if (location[^1] is int at)
                {
                    owner[at] = JsonNode.Parse(kind);
                }
                else
                {
                    owner[(string)location[^1]] = JsonNode.Parse(kind);
                }

                yield return copy.ToJsonString();
            }
        }
    }

    private static IEnumerable<object[]> Locations(JsonNode node, object[] at)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    object[] here = [.. at, name];
                    yield return here;
                    if (value is not null)
                    {
                        foreach (var inner in Locations(value, here))
                        {
                            yield return inner;
                        }
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    object[] here = [.. at, i];
                    yield return here;
                    foreach (var inner in Locations(array[i]!, here))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}
