using System.Text.Json;
using AuditClient.Scale;

namespace AuditClient.Tests.Scale;

/// <summary>Values Scale may extend or spell in more than one way are read and written back exactly.</summary>
public sealed class FixlessAuditValueTests
{
    [Test]
    public void Unknown_enum_values_are_kept_and_written_back_unchanged()
    {
        const string json = """
            { "type": "fixless_v2", "result": "needs_review", "source": "webhook", "feedback_items": [
              { "type": "praise", "state": "archived", "category": "tracking", "severity": "catastrophic",
                "scope": { "type": "point", "coordinates": [1, 2], "missing_annotation_type": "cuboid_4d",
                           "interval": { "type": "timestamp_range", "start": 100, "end": 200 } } } ] }
            """;

        var audit = ScaleJson.Read<FixlessAudit>(json);

        var item = audit.FeedbackItems![0];
        var point = (FeedbackItemScopePoint)item.Scope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(audit.Type, Is.EqualTo("fixless_v2"));
            Assert.That(audit.Result?.ToString(), Is.EqualTo("needs_review"));
            Assert.That(audit.Source?.ToString(), Is.EqualTo("webhook"));
            Assert.That(item.Type?.ToString(), Is.EqualTo("praise"));
            Assert.That(item.State?.ToString(), Is.EqualTo("archived"));
            Assert.That(item.Category?.ToString(), Is.EqualTo("tracking"));
            Assert.That(item.Severity?.ToString(), Is.EqualTo("catastrophic"));
            Assert.That(point.MissingAnnotationType?.ToString(), Is.EqualTo("cuboid_4d"));
            Assert.That(point.Interval?.Type, Is.EqualTo("timestamp_range"));
        }

        ScaleJson.AssertSameTree(ScaleJson.Write(audit), json);
    }

    [Test]
    public void Known_enum_values_compare_equal_to_the_same_string_read_from_the_wire()
    {
        var item = ScaleJson.Read<FixlessAudit>("""{ "feedback_items": [{ "category": "missing", "state": "escalated" }] }""").FeedbackItems![0];

        Assert.That(item.Category, Is.EqualTo(FeedbackItemCategory.Missing));
        Assert.That(item.State, Is.EqualTo(FeedbackItemState.Escalated));
        Assert.That(item.Category == "missing", Is.True);
    }

    [TestCase("\"789xyz\"", false, "789xyz", TestName = "a string")]
    [TestCase("\"42\"", false, "42", TestName = "a string of digits stays a string")]
    [TestCase("42", true, "42", TestName = "a number")]
    [TestCase("-7", true, "-7", TestName = "a negative number")]
    [TestCase("12345678901234567890", true, "12345678901234567890", TestName = "a 20-digit number")]
    [TestCase("123456789012345678901234567890", true, "123456789012345678901234567890", TestName = "a 30-digit number")]
    public void A_sensor_id_keeps_its_form_and_exact_text(string wire, bool isNumber, string text)
    {
        var json = $$"""{"type":"annotation","annotation_id":"a","sensor_id":{{wire}}}""";

        var scope = (FeedbackItemScopeAnnotation)ScaleJson.Read<FeedbackItemScope>(json);
        var written = ScaleJson.Write<FeedbackItemScope>(scope);

        Assert.That(scope.SensorId!.Value.IsNumber, Is.EqualTo(isNumber));
        Assert.That(scope.SensorId.Value.Value, Is.EqualTo(text));
        Assert.That(written, Is.EqualTo(json), "the same bytes, not only an equal tree: a 20-digit number must not be rounded");
    }

    [Test]
    public void A_sensor_id_made_in_code_writes_the_form_it_was_made_with()
    {
        var scopes = new FeedbackItemScope[]
        {
            new FeedbackItemScopeAnnotation { SensorId = "cam_front" },
            new FeedbackItemScopeAnnotation { SensorId = 3 },
            new FeedbackItemScopeAnnotation { SensorId = long.MaxValue },
            new FeedbackItemScopeAnnotation { SensorId = SensorId.FromNumber("98765432109876543210") },
        };

        var written = scopes.Select(s => ScaleJson.Write(s)).ToArray();

        Assert.That(written, Is.EqualTo(new[]
        {
            """{"type":"annotation","sensor_id":"cam_front"}""",
            """{"type":"annotation","sensor_id":3}""",
            """{"type":"annotation","sensor_id":9223372036854775807}""",
            """{"type":"annotation","sensor_id":98765432109876543210}""",
        }));
    }

    [Test]
    public void Sensor_ids_are_equal_only_in_the_same_form()
    {
        Assert.That((SensorId)7, Is.Not.EqualTo((SensorId)"7"));
        Assert.That((SensorId)7, Is.EqualTo(SensorId.FromNumber("7")));
        Assert.That(((SensorId)7).TryGetInt64(out var seven) && seven == 7, Is.True);
        Assert.That(SensorId.FromNumber("12345678901234567890").TryGetInt64(out _), Is.False);
    }

    [TestCase("12a")]
    [TestCase("")]
    [TestCase("\"7\"")]
    [TestCase("7 8")]
    public void A_sensor_id_from_text_that_is_not_a_json_number_is_refused(string text)
    {
        Assert.Throws<ArgumentException>(() => SensorId.FromNumber(text));
    }

    [TestCase("2024-01-03T03:08:58.162Z")]
    [TestCase("2024-01-03T03:08:58.000Z")]
    [TestCase("2024-01-03T03:08:58.1234567Z")]
    public void Timestamps_are_written_back_as_scale_writes_them(string timestamp)
    {
        var json = $$"""{"created_at":"{{timestamp}}"}""";

        Assert.That(ScaleJson.RoundTrip<FixlessAudit>(json), Is.EqualTo(json));
    }

    [Test]
    public void A_timestamp_with_an_offset_is_written_as_the_same_instant_in_utc()
    {
        Assert.That(
            ScaleJson.RoundTrip<FixlessAudit>("""{"created_at":"2024-01-03T05:08:58.162+02:00"}"""),
            Is.EqualTo("""{"created_at":"2024-01-03T03:08:58.162Z"}"""));
    }

    [Test]
    public void Metadata_of_any_shape_round_trips()
    {
        const string json = """
            { "metadata": { "is_verified_by_human": true, "confidence_level": 0.83, "tags": ["a", 1, null, { "type": "x" }],
                            "nested": { "deep": { "deeper": [[]] } }, "big": 123456789012345678901234567890 },
              "feedback_items": [{ "metadata": { "k": "v" } }] }
            """;

        var audit = ScaleJson.Read<FixlessAudit>(json);

        Assert.That(audit.Metadata!["confidence_level"]!.GetValue<double>(), Is.EqualTo(0.83));
        ScaleJson.AssertSameTree(ScaleJson.Write(audit), json);
    }

    [Test]
    public void A_default_enum_value_is_not_written_as_anything()
    {
        var audit = new FixlessAuditCreate { TaskId = "t", Result = default(FixlessAuditResult) };

        Assert.Throws<JsonException>(() => ScaleJson.Write(audit));
    }
}
