using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AuditClient.CloudFactory;
using AuditClient.Core.Serialization;
using AuditClient.Core.Validation;
using AuditClient.Scale;

namespace AuditClient.Tests.Core;

/// <summary>
/// A documented value of the wrong JSON kind (a review_score of "high", a stationary of "yes") is refused before
/// sending by its kind and wire path, in the words the vendors use ("review_duration must be a number"), never as
/// missing and never sent; a record read from a file reports all of its problems at once.
/// </summary>
public sealed class WrongKindTests
{
    private const string Review =
        """{"workstream_id":"ws","use_case_id":"uc","task_definition_id":"td","worker_id":"w@example.com","review_completed_at":"2026-01-05T10:13:24.127Z","review_score":0.5}""";

    private const string Audit =
        """{"type":"fixless","task_id":"t1","result":"rejected","target_response_url":"https://example.com/r.json","feedback_items":[{"type":"error","category":"missing","scope":{"type":"point","coordinates":[1,2],"missing_annotation_type":"cuboid","stationary":true,"interval":{"type":"frame_range","start":0,"end":4}}}]}""";

    private static string With(string json, string path, string value)
    {
        var root = JsonNode.Parse(json)!;
        var names = path.Split('.');
        var owner = root;
        foreach (var name in names[..^1])
        {
            owner = name.EndsWith(']') ? owner[name[..name.IndexOf('[')]]![int.Parse(name[(name.IndexOf('[') + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]! : owner[name]!;
        }

        owner[names[^1]] = JsonNode.Parse(value);
        return root.ToJsonString();
    }

    [TestCase("review_score", "\"high\"")]
    [TestCase("review_score", "\"0.5\"")]
    [TestCase("review_score", "true")]
    [TestCase("review_duration", "\"long\"")]
    [TestCase("task_review_count", "{}")]
    [TestCase("subtask_review_count", "[1]")]
    public void A_review_read_with_a_number_of_another_kind_is_refused_as_not_a_number(string field, string value)
    {
        var review = AuditClientJson.Deserialize<TaskReview>(With(Review, field, value))!;

        Assert.That(review.Validate().Select(v => v.ToString()), Is.EqualTo(new[] { $"{field}: must be a number" }));
    }

    [Test]
    public async Task A_review_duration_of_another_kind_is_never_sent()
    {
        await using var fakes = await AuditClient.Testing.AuditFakes.StartAsync();
        var review = AuditClientJson.Deserialize<TaskReview>(With(Review, "review_duration", "\"long\""))!;

        var refused = await Assert.ThrowsAsync<AuditValidationException>(() => fakes.Clients.CloudFactory.SubmitTaskReviewedAsync(review));

        Assert.That(refused!.Violations.Select(v => v.ToString()), Is.EqualTo(new[] { "review_duration: must be a number" }));
        Assert.That(fakes.Requests, Is.Empty);
    }

    [TestCase("""{"stationary":"yes"}""", "feedback_items[0].scope.stationary: must be a boolean")]
    [TestCase("""{"coordinates":[1,"b"]}""", "feedback_items[0].scope.coordinates[1]: must be a number")]
    [TestCase("""{"coordinates":[1,2,3]}""", "feedback_items[0].scope.coordinates: must be an array of two numbers, [x, y]")]
    [TestCase("""{"sensor_id":true}""", "feedback_items[0].scope.sensor_id: must be a string or a number")]
    [TestCase("""{"missing_annotation_type":5}""", "feedback_items[0].scope.missing_annotation_type: must be a string")]
    [TestCase("""{"interval":"all"}""", "feedback_items[0].scope.interval: must be an object")]
    [TestCase("""{"interval":{"type":1,"start":0,"end":4}}""", "feedback_items[0].scope.interval.type: must be a string")]
    [TestCase("""{"interval":{"type":"frame_range","start":"first","end":4}}""", "feedback_items[0].scope.interval.start: must be a number")]
    [TestCase("""{"interval":{"type":"frame_range","start":0,"end":null}}""", "feedback_items[0].scope.interval.end: is required")]
    public void A_scope_read_with_a_member_of_another_kind_is_refused_by_its_kind_not_as_missing(string change, string expected)
    {
        var json = JsonNode.Parse(Audit)!;
        var scope = json["feedback_items"]![0]!["scope"]!.AsObject();
        foreach (var (name, value) in JsonNode.Parse(change)!.AsObject())
        {
            scope[name] = value?.DeepClone();
        }

        var audit = AuditClientJson.Deserialize<FixlessAuditCreate>(json.ToJsonString())!;

        Assert.That(audit.Validate(GraderRulePolicy.Warn).Select(v => v.ToString()), Is.EqualTo(new[] { expected }));
    }

    [Test]
    public void A_line_reports_every_problem_kinds_first_and_a_wrong_kind_is_not_also_missing()
    {
        var json = With(With(With(Review, "review_score", "\"high\""), "worker_id", "null"), "replace_duplicate", "\"yes\"");

        var read = TaskReviewRules.Read(json);

        Assert.That(read.Item, Is.Not.Null);
        Assert.That(read.Problems.Select(v => v.ToString()), Is.EqualTo(new[]
        {
            "review_score: must be a number",
            "replace_duplicate: must be a boolean",
            "worker_id: is required",
        }));
    }

    [Test]
    public void A_record_read_from_a_file_reports_every_nested_wrong_kind_and_reads_the_rest()
    {
        var items = JsonNode.Parse(Audit)!["feedback_items"]!.AsArray();
        var second = items[0]!.DeepClone();
        second["scope"]!["stationary"] = "yes";
        second["description"] = 7;
        items.Add(second);
        items.Add(5);
        var audit = JsonNode.Parse(Audit)!.AsObject();
        audit["feedback_items"] = items.DeepClone();
        audit["result"] = true;

        var read = FixlessAuditRules.Read(audit.ToJsonString(), GraderRulePolicy.RefuseErrorItems, ScaleValueSets.None);

        Assert.That(read.Problems.Select(v => v.ToString()), Is.EqualTo(new[]
        {
            "result: must be a string",
            "feedback_items[1].scope.stationary: must be a boolean",
            "feedback_items[1].description: must be a string",
            "feedback_items[2]: must be an object",
        }));
        Assert.That(read.Item!.FeedbackItems, Has.Count.EqualTo(3));
    }

    [TestCase("[1,2,3]")]
    [TestCase("null")]
    [TestCase("\"x\"")]
    [TestCase("42")]
    public void A_record_that_is_not_an_object_is_one_problem_and_no_item(string json)
    {
        var read = TaskReviewRules.Read(json);

        Assert.That(read.Item, Is.Null);
        Assert.That(read.Problems.Select(v => v.ToString()), Is.EqualTo(new[] { "$: must be an object" }));
    }

    [TestCase("""{"\ud800":1,"review_score":0.5}""")]
    [TestCase("""{"\ud800":1,"review_score":"x"}""")]
    [TestCase("""{"a":1,"a":2,"review_score":"x"}""")]
    [TestCase("""{"review_score":"x","review_score":0.5}""")]
    public void A_record_with_a_name_that_cannot_be_read_or_given_twice_is_reported_not_thrown(string json)
    {
        var read = TaskReviewRules.Read(json);

        Assert.That(read.Problems, Is.Not.Empty);
        Assert.That(read.Problems.Select(p => p.ToString()), Has.None.Contains("System."));
    }

    [TestCase("""{"review_score":0.5""", "review_score")]
    [TestCase("""{"errors":{"a":1,}}""", "errors.a")]
    [TestCase("""{"review_score":0.5} x""", "$")]
    [TestCase("", "$")]
    public void Malformed_json_is_one_problem_at_the_value_it_breaks_off_in(string json, string path)
    {
        var read = TaskReviewRules.Read(json);

        Assert.That(read.Item, Is.Null);
        Assert.That(read.Problems.Select(p => p.Path), Is.EqualTo(new[] { path }));
        Assert.That(read.Problems[0].Rule, Does.StartWith("malformed JSON: ").And.Not.Contains("LineNumber"));
    }

    [Test]
    public void A_valid_record_reads_as_the_serializer_reads_it_with_no_problem()
    {
        var read = FixlessAuditRules.Read(Audit, GraderRulePolicy.Refuse, ScaleValueSets.None);

        Assert.That(read.Problems, Is.Empty);
        Assert.That(AuditClientJson.Serialize(read.Item), Is.EqualTo(AuditClientJson.Serialize(AuditClientJson.Deserialize<FixlessAuditCreate>(Audit))));
    }

    [Test]
    public void A_category_outside_the_documented_set_gives_no_scope_rule()
    {
        var audit = AuditClientJson.Deserialize<FixlessAuditCreate>(With(Audit, "feedback_items[0].category", "\"spelling\""))!;

        Assert.That(audit.Validate(GraderRulePolicy.Refuse).Select(v => v.Path), Has.None.EqualTo("feedback_items[0].scope.type"));
    }

    [TestCase("""{"review_completed_at":"yesterday"}""", JsonShape.DateTimeRule)]
    [TestCase("""{"review_completed_at":5}""", JsonShape.DateTimeRule)]
    [TestCase("""{"review_type":5}""", "must be a string")]
    public void The_sdks_own_converters_say_what_a_value_must_be_in_the_vendors_words(string json, string message)
    {
        var error = Assert.Throws<JsonException>(() => AuditClientJson.Deserialize<TaskReview>(json));

        Assert.That(error!.Message, Is.EqualTo(message));
    }

    [Test]
    public void The_sensor_id_converter_says_what_it_must_be()
    {
        var error = Assert.Throws<JsonException>(() => SensorIdOf("{}"));

        Assert.That(error!.Message, Is.EqualTo("sensor_id: must be a string or a number"));
    }

    private static string SensorIdOf(string json)
    {
        var reader = new Utf8JsonReader(System.Text.Encoding.UTF8.GetBytes(json));
        reader.Read();
        return SensorIdConverter.ReadValue(ref reader).ToString();
    }

    // A field added to a model and forgotten in its shape would go unchecked: each shape names exactly the model's wire
    // members, as the serializer (or, for the scopes, the converter's [JsonPropertyName]s) knows them.
    [Test]
    public void Each_shape_names_exactly_its_models_wire_members()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Names(TaskReviewShape.Review), Is.EquivalentTo(WireNames(AuditClientJsonContext.Wire.TaskReview)), "TaskReview");
            Assert.That(Names(FixlessAuditShape.Audit), Is.EquivalentTo(WireNames(AuditClientJsonContext.Wire.FixlessAuditCreate)), "FixlessAuditCreate");
            Assert.That(Names(FixlessAuditShape.Item), Is.EquivalentTo(WireNames(AuditClientJsonContext.Wire.GetTypeInfo(typeof(FeedbackItemCreate))!)), "FeedbackItemCreate");
            Assert.That(Names(FixlessAuditShape.Interval), Is.EquivalentTo(AttributeNames(typeof(FeedbackItemInterval))), "FeedbackItemInterval");
            Assert.That(FixlessAuditShape.Scope.Cases.Select(c => c.Value), Is.EquivalentTo(new[] { "annotation", "polygon", "point", "scene" }));
            foreach (var (type, model) in new[] { ("annotation", typeof(FeedbackItemScopeAnnotation)), ("polygon", typeof(FeedbackItemScopePolygon)), ("point", typeof(FeedbackItemScopePoint)), ("scene", typeof(FeedbackItemScopeScene)) })
            {
                var shape = FixlessAuditShape.Scope.Cases.Single(c => c.Value == type).Shape;
                Assert.That(Names(shape).Append("type").Distinct(), Is.EquivalentTo(AttributeNames(model).Append("type").Distinct()), model.Name);
            }
        }
    }

    private static IEnumerable<string> Names(JsonShape shape) => shape.Members.Select(m => m.Name);

    private static IEnumerable<string> WireNames(System.Text.Json.Serialization.Metadata.JsonTypeInfo info) =>
        info.Properties.Where(p => !p.IsExtensionData && p.Get is not null).Select(p => p.Name);

    private static IEnumerable<string> AttributeNames(Type model) =>
        model.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
            .Select(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name)
            .OfType<string>()
            .Distinct();
}
