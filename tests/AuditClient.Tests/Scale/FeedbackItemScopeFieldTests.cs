using System.Text.Json;
using AuditClient.Scale;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Scale;

/// <summary>
/// The <c>scope</c> union field by field, as the vendor documents it: each field of each kind read into its property
/// and written back in the same text, a field of the wrong JSON kind kept as it came until set, the errors a caller
/// sees and where.
/// </summary>
public sealed class FeedbackItemScopeFieldTests
{
    private const string Interval = """{"type":"frame_range","start":3,"end":8}""";

    private static FeedbackItemInterval Frames() => new() { Start = 3, End = 8 };

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static IDictionary<string, JsonElement>? ExtrasOf(FeedbackItemScope scope) => scope switch
    {
        FeedbackItemScopeAnnotation a => a.AdditionalProperties,
        FeedbackItemScopePolygon p => p.AdditionalProperties,
        FeedbackItemScopePoint p => p.AdditionalProperties,
        FeedbackItemScopeScene s => s.AdditionalProperties,
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    // The text is in the order the SDK writes: "type" first, then the documented fields in the vendor's order.
    public static IEnumerable<TestCaseData> EveryField()
    {
        yield return new TestCaseData(
            $$"""{"type":"annotation","annotation_id":"a1","sensor_id":"cam_2","attribute":"occluded","interval":{{Interval}}}""",
            new FeedbackItemScopeAnnotation { AnnotationId = "a1", SensorId = "cam_2", Attribute = "occluded", Interval = Frames() })
            .SetArgDisplayNames("annotation");
        yield return new TestCaseData(
            $$"""{"type":"annotation","annotation_id":"a1","sensor_id":12345678901234567890123,"interval":{{Interval}}}""",
            new FeedbackItemScopeAnnotation { AnnotationId = "a1", SensorId = SensorId.FromWire("12345678901234567890123", isNumber: true), Interval = Frames() })
            .SetArgDisplayNames("annotation with a numeric sensor id");
        yield return new TestCaseData(
            $$"""{"type":"polygon","vertices":[[1.5,-2],[3,400],[0,0]],"missing_annotation_type":"box_2d","stationary":true,"missing_annotation_class":"car","sensor_id":"cam_1","interval":{{Interval}}}""",
            new FeedbackItemScopePolygon
            {
                Vertices = [new Point2D(1.5, -2), new Point2D(3, 400), new Point2D(0, 0)],
                MissingAnnotationType = AnnotationType.Box2D,
                Stationary = true,
                MissingAnnotationClass = "car",
                SensorId = "cam_1",
                Interval = Frames(),
            })
            .SetArgDisplayNames("polygon");
        yield return new TestCaseData(
            $$"""{"type":"point","coordinates":[-7.25,0.125],"missing_annotation_type":"cuboid","stationary":false,"missing_annotation_class":"pedestrian","sensor_id":"cam_3","interval":{{Interval}}}""",
            new FeedbackItemScopePoint
            {
                Coordinates = new Point2D(-7.25, 0.125),
                MissingAnnotationType = AnnotationType.Cuboid,
                Stationary = false,
                MissingAnnotationClass = "pedestrian",
                SensorId = "cam_3",
                Interval = Frames(),
            })
            .SetArgDisplayNames("point");
        yield return new TestCaseData(
            $$"""{"type":"scene","attribute":"weather","interval":{{Interval}}}""",
            new FeedbackItemScopeScene { Attribute = "weather", Interval = Frames() })
            .SetArgDisplayNames("scene");
    }

    [TestCaseSource(nameof(EveryField))]
    public void Every_field_of_a_scope_reads_into_its_property_and_writes_back_as_the_same_text(string json, FeedbackItemScope expected)
    {
        var scope = ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope, Is.EqualTo(expected).Using(ModelEquality.Instance));
        Assert.That(ExtrasOf(scope), Is.Null);
        Assert.That(ScaleJson.Write(scope), Is.EqualTo(json));
        Assert.That(ScaleJson.Write(expected), Is.EqualTo(json));
    }

    [TestCaseSource(nameof(EveryField))]
    public void Every_field_of_a_scope_reads_in_reverse_order_with_the_type_last(string json, FeedbackItemScope expected)
    {
        var reversed = "{" + string.Join(",", Json(json).EnumerateObject().Reverse().Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}")) + "}";

        var scope = ScaleJson.Read<FeedbackItemScope>(reversed);

        Assert.That(scope, Is.EqualTo(expected).Using(ModelEquality.Instance));
        Assert.That(ScaleJson.Write(scope), Is.EqualTo(json));
    }

    // For each documented field of each kind, values of a JSON kind or shape it cannot have.
    public static IEnumerable<TestCaseData> WrongKinds()
    {
        var fields = new (string Type, string Field, string[] Wrong)[]
        {
            ("annotation", "annotation_id", ["7", "true", "{\"id\":\"a1\"}", "[\"a1\"]"]),
            ("annotation", "sensor_id", ["true", "false", "{\"id\":1}", "[\"cam\"]"]),
            ("annotation", "attribute", ["0", "false", "{}", "[]"]),
            ("annotation", "interval", ["0", "\"0-8\"", "true", "[0,8]"]),
            ("polygon", "vertices", ["1", "\"[[1,2]]\"", "true", "{\"x\":1}", "[1,2]", "[[1,2],[3]]", "[[1,2],[3,4,5]]", "[[1,\"2\"]]", "[[1,2],{\"x\":[4]}]"]),
            ("polygon", "missing_annotation_type", ["1", "true", "{\"type\":\"cuboid\"}", "[\"cuboid\"]"]),
            ("polygon", "stationary", ["\"yes\"", "1", "{}", "[true]"]),
            ("polygon", "missing_annotation_class", ["1", "true", "{}", "[\"car\"]"]),
            ("polygon", "sensor_id", ["true", "{}", "[]"]),
            ("polygon", "interval", ["1", "\"x\"", "[]"]),
            ("point", "coordinates", ["1", "\"1,2\"", "true", "{\"x\":1,\"y\":2}", "[]", "[1]", "[1,2,3]", "[\"1\",2]", "[[1,2]]"]),
            ("point", "missing_annotation_type", ["2", "false", "{}", "[]"]),
            ("point", "stationary", ["\"false\"", "0", "{\"v\":true}", "[]"]),
            ("point", "missing_annotation_class", ["2", "false", "{}", "[]"]),
            ("point", "sensor_id", ["false", "{\"a\":[1]}", "[1]"]),
            ("point", "interval", ["2", "false", "[{\"start\":1}]"]),
            ("scene", "attribute", ["3", "true", "{\"name\":\"weather\"}", "[\"weather\"]"]),
            ("scene", "interval", ["3", "\"all\"", "true", "[0,1]"]),
        };
        foreach (var (type, field, wrong) in fields)
        {
            foreach (var value in wrong)
            {
                yield return new TestCaseData(type, field, value).SetArgDisplayNames($"{type}.{field} = {value}");
            }
        }
    }

    [TestCaseSource(nameof(WrongKinds))]
    public void A_field_of_the_wrong_kind_is_kept_as_it_came_and_the_fields_after_it_still_read(string type, string field, string value)
    {
        var json = $$"""{"type":"{{type}}","{{field}}":{{value}},"next":"read"}""";

        var scope = ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope.Type, Is.EqualTo(type));
        var extras = ExtrasOf(scope)!;
        Assert.That(extras.Keys, Is.EqualTo(new[] { field, "next" }));
        Assert.That(extras[field].GetRawText(), Is.EqualTo(value));
        Assert.That(extras["next"].GetString(), Is.EqualTo("read"));
        Assert.That(ScaleJson.Write(scope), Is.EqualTo(json));
    }

    // A value for each documented field, set after the field arrived unreadable, with the text it is written as.
    public static IEnumerable<TestCaseData> Settings()
    {
        static TestCaseData Case(string type, string field, Action<FeedbackItemScope> set, string written) =>
            new TestCaseData(type, field, set, written).SetArgDisplayNames($"{type}.{field}");

        yield return Case("annotation", "annotation_id", s => ((FeedbackItemScopeAnnotation)s).AnnotationId = "a2", "\"a2\"");
        yield return Case("annotation", "sensor_id", s => ((FeedbackItemScopeAnnotation)s).SensorId = "cam_9", "\"cam_9\"");
        yield return Case("annotation", "attribute", s => ((FeedbackItemScopeAnnotation)s).Attribute = "color", "\"color\"");
        yield return Case("annotation", "interval", s => ((FeedbackItemScopeAnnotation)s).Interval = Frames(), Interval);
        yield return Case("polygon", "vertices", s => ((FeedbackItemScopePolygon)s).Vertices = [new Point2D(1, 2)], "[[1,2]]");
        yield return Case("polygon", "missing_annotation_type", s => ((FeedbackItemScopePolygon)s).MissingAnnotationType = AnnotationType.Polygon2D, "\"polygon_2d\"");
        yield return Case("polygon", "stationary", s => ((FeedbackItemScopePolygon)s).Stationary = false, "false");
        yield return Case("polygon", "missing_annotation_class", s => ((FeedbackItemScopePolygon)s).MissingAnnotationClass = "bus", "\"bus\"");
        yield return Case("polygon", "sensor_id", s => ((FeedbackItemScopePolygon)s).SensorId = "cam_9", "\"cam_9\"");
        yield return Case("polygon", "interval", s => ((FeedbackItemScopePolygon)s).Interval = Frames(), Interval);
        yield return Case("point", "coordinates", s => ((FeedbackItemScopePoint)s).Coordinates = new Point2D(5, 6), "[5,6]");
        yield return Case("point", "missing_annotation_type", s => ((FeedbackItemScopePoint)s).MissingAnnotationType = AnnotationType.Cuboid, "\"cuboid\"");
        yield return Case("point", "stationary", s => ((FeedbackItemScopePoint)s).Stationary = true, "true");
        yield return Case("point", "missing_annotation_class", s => ((FeedbackItemScopePoint)s).MissingAnnotationClass = "bus", "\"bus\"");
        yield return Case("point", "sensor_id", s => ((FeedbackItemScopePoint)s).SensorId = "cam_9", "\"cam_9\"");
        yield return Case("point", "interval", s => ((FeedbackItemScopePoint)s).Interval = Frames(), Interval);
        yield return Case("scene", "attribute", s => ((FeedbackItemScopeScene)s).Attribute = "weather", "\"weather\"");
        yield return Case("scene", "interval", s => ((FeedbackItemScopeScene)s).Interval = Frames(), Interval);
    }

    [TestCaseSource(nameof(Settings))]
    public void A_field_unreadable_on_arrival_is_written_once_with_the_value_set_since(string type, string field, Action<FeedbackItemScope> set, string written)
    {
        var scope = ScaleJson.Read<FeedbackItemScope>($$"""{"type":"{{type}}","{{field}}":[true],"note":1}""");
        Assert.That(ScaleJson.Write(scope), Is.EqualTo($$"""{"type":"{{type}}","{{field}}":[true],"note":1}"""));

        set(scope);

        Assert.That(ScaleJson.Write(scope), Is.EqualTo($$"""{"type":"{{type}}","{{field}}":{{written}},"note":1}"""));
    }

    [TestCase("annotation")]
    [TestCase("polygon")]
    [TestCase("point")]
    [TestCase("scene")]
    public void A_type_among_the_additional_properties_of_a_known_scope_is_not_written_over_its_kind(string type)
    {
        var scope = ScaleJson.Read<FeedbackItemScope>($$"""{"type":"{{type}}"}""");
        var extras = new Dictionary<string, JsonElement> { ["type"] = Json("\"lane\""), ["note"] = Json("1") };
        switch (scope)
        {
            case FeedbackItemScopeAnnotation a: a.AdditionalProperties = extras; break;
            case FeedbackItemScopePolygon p: p.AdditionalProperties = extras; break;
            case FeedbackItemScopePoint p: p.AdditionalProperties = extras; break;
            case FeedbackItemScopeScene s: s.AdditionalProperties = extras; break;
        }

        Assert.That(ScaleJson.Write(scope), Is.EqualTo($$"""{"type":"{{type}}","note":1}"""));
    }

    [Test]
    public void The_type_of_a_known_scope_is_not_kept_among_its_additional_properties_wherever_it_sits()
    {
        var first = ScaleJson.Read<FeedbackItemScope>("""{"type":"scene","attribute":"weather"}""");
        var last = ScaleJson.Read<FeedbackItemScope>("""{"attribute":"weather","type":"scene"}""");
        var twice = ScaleJson.Read<FeedbackItemScope>("""{"type":"scene","attribute":"weather","type":"scene"}""");

        Assert.That(ExtrasOf(first), Is.Null);
        Assert.That(ExtrasOf(last), Is.Null);
        Assert.That(ExtrasOf(twice), Is.Null);
        Assert.That(ScaleJson.Write(twice), Is.EqualTo("""{"type":"scene","attribute":"weather"}"""));
    }

    [TestCase("annotation", """{"type":"annotation","annotation_id":null,"sensor_id":null,"attribute":null,"interval":null}""")]
    [TestCase("polygon", """{"type":"polygon","vertices":null,"missing_annotation_type":null,"stationary":null,"missing_annotation_class":null,"sensor_id":null,"interval":null}""")]
    [TestCase("point", """{"coordinates":null,"missing_annotation_type":null,"stationary":null,"missing_annotation_class":null,"sensor_id":null,"interval":null,"type":"point"}""")]
    [TestCase("scene", """{"attribute":null,"type":"scene","interval":null}""")]
    public void Null_fields_read_as_absent_and_are_not_written(string type, string json)
    {
        var scope = ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(ExtrasOf(scope), Is.Null);
        Assert.That(ScaleJson.Write(scope), Is.EqualTo($$"""{"type":"{{type}}"}"""));
    }

    [Test]
    public void The_last_of_two_fields_of_the_same_name_wins()
    {
        var scope = (FeedbackItemScopeScene)ScaleJson.Read<FeedbackItemScope>(
            """{"type":"scene","attribute":"first","note":1,"attribute":"second","note":2}""");

        Assert.That(scope.Attribute, Is.EqualTo("second"));
        Assert.That(scope.AdditionalProperties!["note"].GetInt32(), Is.EqualTo(2));
        Assert.That(ScaleJson.Write<FeedbackItemScope>(scope), Is.EqualTo("""{"type":"scene","attribute":"second","note":2}"""));
    }

    [Test]
    public void An_empty_vertex_list_reads_as_no_vertices_and_is_written_as_an_empty_array()
    {
        var scope = (FeedbackItemScopePolygon)ScaleJson.Read<FeedbackItemScope>("""{"type":"polygon","vertices":[]}""");

        Assert.That(scope.Vertices, Is.Empty);
        Assert.That(ScaleJson.Write<FeedbackItemScope>(scope), Is.EqualTo("""{"type":"polygon","vertices":[]}"""));
    }

    [TestCase(1)]
    [TestCase(15)]
    [TestCase(16)]
    [TestCase(17)]
    [TestCase(32)]
    [TestCase(33)]
    [TestCase(1000)]
    public void A_polygon_of_any_number_of_vertices_keeps_them_all_in_order_with_their_digits(int count)
    {
        var points = Enumerable.Range(0, count).Select(i => $"[{i}.0,-{i}e0]").ToArray();
        var json = $$"""{"type":"polygon","vertices":[{{string.Join(",", points)}}],"stationary":true}""";

        var scope = (FeedbackItemScopePolygon)ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope.Vertices, Is.EqualTo(Enumerable.Range(0, count).Select(i => new Point2D(i, -i))));
        Assert.That(scope.Stationary, Is.True);
        Assert.That(ScaleJson.Write<FeedbackItemScope>(scope), Is.EqualTo(json));
    }

    [TestCase("0", 0d)]
    [TestCase("-1", -1d)]
    [TestCase("10.0", 10d)]
    [TestCase("1.5", 1.5)]
    [TestCase("9007199254740992", 9007199254740992d)]
    [TestCase("9007199254740993", 9007199254740992d)]
    [TestCase("1e308", 1e308)]
    [TestCase("-0", 0d)]
    [TestCase("2147483648", 2147483648d)]
    public void A_frame_number_reads_as_its_value_and_is_written_back_with_its_digits(string digits, double value)
    {
        var json = $$$"""{"type":"scene","interval":{"type":"frame_range","start":{{{digits}}},"end":{{{digits}}}}}""";

        var scope = (FeedbackItemScopeScene)ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope.Interval!.Start, Is.EqualTo(value));
        Assert.That(scope.Interval.End, Is.EqualTo(value));
        Assert.That(ScaleJson.Write<FeedbackItemScope>(scope), Is.EqualTo(json));
    }

    [Test]
    public void A_frame_number_set_after_reading_is_written_with_the_new_value()
    {
        var scope = (FeedbackItemScopeScene)ScaleJson.Read<FeedbackItemScope>(
            """{"type":"scene","interval":{"type":"frame_range","start":"one","end":10.0}}""");

        scope.Interval!.Start = 1;
        scope.Interval.End = 20;

        Assert.That(ScaleJson.Write<FeedbackItemScope>(scope), Is.EqualTo("""{"type":"scene","interval":{"type":"frame_range","start":1,"end":20}}"""));
    }

    [TestCase("\"2\"")]
    [TestCase("true")]
    [TestCase("{\"frame\":2}")]
    [TestCase("[2]")]
    public void A_frame_number_of_another_kind_reads_as_no_number_and_is_written_back_as_it_came(string value)
    {
        var json = $$$"""{"type":"point","interval":{"type":"frame_range","start":{{{value}}},"end":{{{value}}}}}""";

        var scope = (FeedbackItemScopePoint)ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope.Interval!.Start, Is.Null);
        Assert.That(scope.Interval.End, Is.Null);
        Assert.That(scope.Interval.AdditionalProperties, Is.Null);
        Assert.That(ScaleJson.Write<FeedbackItemScope>(scope), Is.EqualTo(json));
    }

    [Test]
    public void Null_frame_numbers_and_a_null_interval_type_read_as_absent_and_are_not_written()
    {
        var scope = (FeedbackItemScopeScene)ScaleJson.Read<FeedbackItemScope>(
            """{"type":"scene","interval":{"type":null,"start":null,"end":null}}""");

        Assert.That(scope.Interval!.Start, Is.Null);
        Assert.That(scope.Interval.End, Is.Null);
        Assert.That(scope.Interval.Type, Is.EqualTo("frame_range"));
        Assert.That(scope.Interval.AdditionalProperties, Is.Null);
        Assert.That(ScaleJson.Write<FeedbackItemScope>(scope), Is.EqualTo("""{"type":"scene","interval":{}}"""));
    }

    [TestCase("""{"start":0,"end":1}""", "frame_range", TestName = "no interval type: frame_range, and none written")]
    [TestCase("""{"end":1,"type":"time_range","start":0}""", "time_range", TestName = "another interval type, kept")]
    [TestCase("""{"type":"frame_range","start":0,"end":1}""", "frame_range", TestName = "frame_range")]
    public void An_interval_type_reads_as_it_came_and_is_written_back_only_if_it_came(string interval, string type)
    {
        var json = $$"""{"type":"annotation","interval":{{interval}}}""";

        var scope = (FeedbackItemScopeAnnotation)ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope.Interval!.Type, Is.EqualTo(type));
        Assert.That(scope.Interval.AdditionalProperties, Is.Null);
        ScaleJson.AssertSameTree(ScaleJson.Write<FeedbackItemScope>(scope), json);
    }

    [TestCase("7")]
    [TestCase("true")]
    [TestCase("{\"type\":\"frame_range\"}")]
    [TestCase("[\"frame_range\"]")]
    public void An_interval_type_of_the_wrong_kind_is_kept_with_the_members_after_it(string value)
    {
        var json = $$$"""{"type":"scene","interval":{"type":{{{value}}},"start":0,"end":1,"step":2}}""";

        var scope = (FeedbackItemScopeScene)ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope.Interval!.Type, Is.EqualTo("frame_range"));
        Assert.That(scope.Interval.Start, Is.EqualTo(0));
        Assert.That(scope.Interval.End, Is.EqualTo(1));
        Assert.That(scope.Interval.AdditionalProperties!.Keys, Is.EqualTo(new[] { "type", "step" }));
        Assert.That(ScaleJson.Write<FeedbackItemScope>(scope), Is.EqualTo("""{"type":"scene","interval":{"start":0,"end":1,"type":""" + value + ""","step":2}}"""));
    }

    [Test]
    public void Members_of_an_interval_set_as_additional_properties_do_not_repeat_the_fields_it_writes()
    {
        var interval = new FeedbackItemInterval
        {
            End = 4,
            AdditionalProperties = new Dictionary<string, JsonElement>
            {
                ["type"] = Json("\"time_range\""),
                ["start"] = Json("1"),
                ["end"] = Json("2"),
                ["step"] = Json("3"),
            },
        };

        var json = ScaleJson.Write<FeedbackItemScope>(new FeedbackItemScopeScene { Interval = interval });

        Assert.That(json, Is.EqualTo("""{"type":"scene","interval":{"type":"frame_range","end":4,"start":1,"step":3}}"""));
    }

    [Test]
    public void An_interval_read_with_another_kind_of_type_writes_that_type_from_its_additional_properties_once()
    {
        var scope = (FeedbackItemScopeScene)ScaleJson.Read<FeedbackItemScope>("""{"type":"scene","interval":{"type":1,"start":0}}""");
        scope.Interval!.End = 5;

        Assert.That(ScaleJson.Write<FeedbackItemScope>(scope), Is.EqualTo("""{"type":"scene","interval":{"start":0,"end":5,"type":1}}"""));
    }

    [TestCase("{}", "scope.type: is required ('annotation', 'polygon', 'point' or 'scene')", TestName = "an empty object")]
    [TestCase("""{"annotation_id":"a1","interval":{"type":"frame_range","start":0,"end":1},"vertices":[[1,{"type":"point"}]]}""", "scope.type: is required ('annotation', 'polygon', 'point' or 'scene')", TestName = "types only in nested values")]
    [TestCase("""{"note":[1,2],"type":false}""", "scope.type: must be a string", TestName = "a boolean type after another member")]
    [TestCase("""{"type":[]}""", "scope.type: must be a string", TestName = "an array type")]
    [TestCase("\"annotation\"", "scope: must be an object", TestName = "a string scope")]
    [TestCase("7", "scope: must be an object", TestName = "a number scope")]
    public void A_scope_that_cannot_be_told_apart_is_refused_with_a_message_that_says_why(string json, string message)
    {
        var error = Assert.Throws<JsonException>(() => ScaleJson.Read<FeedbackItemScope>(json));

        Assert.That(error!.Message, Does.StartWith(message));
    }

    [TestCase("""{"annotation_id":"a1"}""", "scope.type: is required")]
    [TestCase("""{"type":null}""", "scope.type: is required")]
    [TestCase("""[]""", "scope: must be an object")]
    public void A_malformed_scope_in_an_audit_names_its_path_on_the_wire(string scope, string problem)
    {
        var json = $$$"""{"id":"audit_1","feedback_items":[{"id":"i0","scope":{"type":"scene"}},{"id":"i1","scope":{{{scope}}}}]}""";

        var error = Assert.Throws<JsonException>(() => ScaleJson.Read<FixlessAudit>(json));

        Assert.That(error!.Message, Does.Contain(problem));
        Assert.That(error.Path, Is.EqualTo("$.feedback_items[1].scope"));
    }

    [Test]
    public void A_null_scope_in_an_audit_reads_as_no_scope_and_is_not_an_error()
    {
        var audit = ScaleJson.Read<FixlessAudit>("""{"id":"audit_1","feedback_items":[{"id":"i0","scope":null}]}""");

        Assert.That(audit.FeedbackItems![0].Scope, Is.Null);
    }

    [TestCase("""{"note":{"type":"annotation","deep":[{"type":"scene"}]},"list":[[{"type":"point"}]],"type":"polygon","vertices":[[1,2]]}""")]
    [TestCase("""{"a":"type","b":["type"],"type":"polygon","vertices":[[1,2]]}""")]
    public void The_type_after_other_members_is_found_past_nested_values_that_have_their_own(string json)
    {
        var scope = ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope, Is.TypeOf<FeedbackItemScopePolygon>());
        Assert.That(((FeedbackItemScopePolygon)scope).Vertices, Is.EqualTo(new[] { new Point2D(1, 2) }));
        ScaleJson.AssertSameTree(ScaleJson.Write(scope), json);
    }

    // UTF-16 text cannot hold half a pair: an audit carrying one in a scope field or member name is refused, at its scope.
    [TestCase("""{"type":"annotation","annotation_id":"\ud800"}""", TestName = "a lone high surrogate in a field")]
    [TestCase("""{"type":"scene","attribute":"a\udc00b"}""", TestName = "a lone low surrogate in a field")]
    [TestCase("""{"type":"point","\ud800":1}""", TestName = "a lone surrogate in a member name")]
    public void A_lone_surrogate_in_a_scope_read_from_the_wire_is_refused_naming_the_scope(string scope)
    {
        var json = $"{{\"id\":\"audit_1\",\"feedback_items\":[{{\"id\":\"i0\",\"scope\":{scope}}}]}}";

        var error = Assert.Throws<JsonException>(() => ScaleJson.Read<FixlessAudit>(json));

        Assert.That(error!.Path, Is.EqualTo("$.feedback_items[0].scope"));
        Assert.That(error.InnerException, Is.InstanceOf<InvalidOperationException>().With.Message.Contains("UTF-16"));
    }

    [Test]
    public void A_scope_of_a_class_the_sdk_does_not_know_is_refused_when_written_naming_the_class()
    {
        var error = Assert.Throws<JsonException>(() => ScaleJson.Write<FeedbackItemScope>(new ForeignScope()));

        Assert.That(error!.Message, Does.StartWith("ForeignScope is not a feedback item scope this SDK can write."));
    }

    // Only an assembly that sees the SDK's internals can derive a scope: the SDK writes the kinds it has.
    private sealed class ForeignScope : FeedbackItemScope
    {
        public override string Type => "foreign";
    }
}
