using System.Text.Json;
using AuditClient.Scale;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Scale;

/// <summary>The <c>scope</c> union: <c>type</c> anywhere, unknown types kept, bad <c>type</c> named.</summary>
public sealed class FeedbackItemScopeConverterTests
{
    private const string Interval = """{ "type": "frame_range", "start": 3, "end": 8 }""";

    [TestCase("""{ "type": "annotation", "annotation_id": "a1", "interval": INTERVAL }""", TestName = "type first")]
    [TestCase("""{ "annotation_id": "a1", "type": "annotation", "interval": INTERVAL }""", TestName = "type in the middle")]
    [TestCase("""{ "annotation_id": "a1", "interval": INTERVAL, "type": "annotation" }""", TestName = "type last, after a nested object with its own type")]
    public void An_annotation_scope_reads_wherever_its_type_sits_and_writes_back_as_an_equal_tree(string json)
    {
        json = json.Replace("INTERVAL", Interval, StringComparison.Ordinal);

        var scope = ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope, Is.EqualTo(new FeedbackItemScopeAnnotation
        {
            AnnotationId = "a1",
            Interval = new FeedbackItemInterval { Start = 3, End = 8 },
        }).Using(ModelEquality.Instance));
        ScaleJson.AssertSameTree(ScaleJson.Write(scope), json);
    }

    [Test]
    public void A_nested_object_whose_type_names_another_shape_does_not_decide_the_scope()
    {
        const string json = """
            { "extra": { "type": "polygon", "vertices": [[1, 2]] }, "interval": { "type": "frame_range", "start": 0, "end": 1 },
              "type": "scene", "attribute": "weather" }
            """;

        var scope = (FeedbackItemScopeScene)ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope.With(c => c.AdditionalProperties = null), Is.EqualTo(new FeedbackItemScopeScene
        {
            Attribute = "weather",
            Interval = new FeedbackItemInterval { Start = 0, End = 1 },
        }).Using(ModelEquality.Instance));
        Assert.That(scope.AdditionalProperties!.Keys, Is.EqualTo(new[] { "extra" }));
        ScaleJson.AssertSameTree(ScaleJson.Write<FeedbackItemScope>(scope), json);
    }

    [Test]
    public void Polygon_and_point_scopes_read_their_vertices_and_coordinates_in_any_order()
    {
        const string polygonJson = """
            { "stationary": true, "vertices": [[1.5, -2], [3, 4e2], [0, 0]], "sensor_id": "cam_1",
              "missing_annotation_class": "car", "interval": { "start": 1, "end": 2, "type": "frame_range" },
              "missing_annotation_type": "box_2d", "type": "polygon" }
            """;
        const string pointJson = """
            { "coordinates": [-7.25, 0.125], "type": "point", "missing_annotation_type": "point_topdown", "stationary": false,
              "interval": { "type": "frame_range", "start": 5, "end": 5 } }
            """;

        var polygon = (FeedbackItemScopePolygon)ScaleJson.Read<FeedbackItemScope>(polygonJson);
        var point = (FeedbackItemScopePoint)ScaleJson.Read<FeedbackItemScope>(pointJson);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(polygon.Vertices, Is.EqualTo(new[] { new Point2D(1.5, -2), new Point2D(3, 400), new Point2D(0, 0) }));
            Assert.That(polygon.MissingAnnotationType, Is.EqualTo(AnnotationType.Box2D));
            Assert.That(polygon.Stationary, Is.True);
            Assert.That(polygon.MissingAnnotationClass, Is.EqualTo("car"));
            Assert.That(polygon.SensorId, Is.EqualTo((SensorId)"cam_1"));
            Assert.That(polygon.Interval, Is.EqualTo(new FeedbackItemInterval { Start = 1, End = 2 }).Using(ModelEquality.Instance));
            Assert.That(point.Coordinates, Is.EqualTo(new Point2D(-7.25, 0.125)));
            Assert.That(point.MissingAnnotationType, Is.EqualTo(AnnotationType.PointTopdown));
            Assert.That(point.Stationary, Is.False);
            Assert.That(point.MissingAnnotationClass, Is.Null);
        }

        ScaleJson.AssertSameTree(ScaleJson.Write<FeedbackItemScope>(polygon), polygonJson);
        ScaleJson.AssertSameTree(ScaleJson.Write<FeedbackItemScope>(point), pointJson);
    }

    [Test]
    public void A_polygon_with_more_vertices_than_the_stack_buffer_keeps_them_all_in_order()
    {
        var vertices = Enumerable.Range(0, 100).Select(i => new Point2D(i, -i)).ToArray();
        var json = ScaleJson.Write<FeedbackItemScope>(new FeedbackItemScopePolygon { Vertices = vertices });

        var polygon = (FeedbackItemScopePolygon)ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(polygon.Vertices, Is.EqualTo(vertices));
    }

    [TestCase("""{ "type": "cuboid_3d", "box": { "type": "nested", "size": [1, 2, 3] }, "interval": { "type": "frame_range", "start": 0, "end": 4 } }""")]
    [TestCase("""{ "lanes": [{ "type": "annotation" }], "weird": null, "type": "lane_graph", "n": 12345678901234567890123 }""")]
    [TestCase("""{ "type": "ANNOTATION", "annotation_id": "case matters" }""")]
    public void An_unknown_scope_type_keeps_the_whole_object_and_writes_it_back_as_an_equal_tree(string json)
    {
        var scope = ScaleJson.Read<FeedbackItemScope>(json);

        var unknown = scope as FeedbackItemScopeUnknown;
        Assert.That(unknown, Is.Not.Null);
        Assert.That(unknown!.Type, Is.EqualTo(JsonDocument.Parse(json).RootElement.GetProperty("type").GetString()));
        ScaleJson.AssertSameTree(ScaleJson.Write(scope), json);
    }

    [Test]
    public void An_unknown_scope_inside_an_audit_survives_a_round_trip_of_the_whole_audit()
    {
        const string json = """
            { "id": "a", "feedback_items": [
              { "id": "i1", "scope": { "type": "lane", "points": [[0, 1, 2]], "interval": { "type": "frame_range", "start": 0, "end": 1 } } },
              { "id": "i2", "scope": { "type": "scene", "attribute": "weather" } } ] }
            """;

        var audit = ScaleJson.Read<FixlessAudit>(json);

        Assert.That(audit.FeedbackItems![0].Scope, Is.TypeOf<FeedbackItemScopeUnknown>());
        Assert.That(audit.FeedbackItems[1].Scope, Is.TypeOf<FeedbackItemScopeScene>());
        ScaleJson.AssertSameTree(ScaleJson.Write(audit), json);
    }

    [Test]
    public void A_scope_built_from_unknown_json_writes_that_json()
    {
        using var document = JsonDocument.Parse("""{ "type": "cuboid_3d", "size": [1, 2, 3] }""");

        var scope = new FeedbackItemScopeUnknown(document.RootElement);

        Assert.That(scope.Type, Is.EqualTo("cuboid_3d"));
        ScaleJson.AssertSameTree(ScaleJson.Write<FeedbackItemScope>(scope), """{ "size": [1, 2, 3], "type": "cuboid_3d" }""");
    }

    [TestCase("""{ "annotation_id": "a1", "interval": { "type": "frame_range", "start": 0, "end": 1 } }""", "scope.type: is required", TestName = "no type at all, only a nested one")]
    [TestCase("""{ "type": 3, "annotation_id": "a1" }""", "scope.type: must be a string", TestName = "a numeric type")]
    [TestCase("""{ "annotation_id": "a1", "type": null }""", "scope.type: is required", TestName = "a null type")]
    [TestCase("""{ "type": { "name": "annotation" } }""", "scope.type: must be a string", TestName = "an object type")]
    [TestCase("""[ "annotation" ]""", "scope: must be an object", TestName = "not an object")]
    public void A_scope_without_a_string_type_is_an_error_that_names_the_problem(string json, string problem)
    {
        var error = Assert.Throws<JsonException>(() => ScaleJson.Read<FeedbackItemScope>(json));

        Assert.That(error!.Message, Does.Contain(problem));
    }

    // Reading never fails on one odd field of a known scope: its typed property is null, and the value is kept in the
    // scope's additional properties and written back as it came.
    [TestCase("""{ "type": "point", "coordinates": [1, 2, 3] }""", "coordinates")]
    [TestCase("""{ "type": "polygon", "vertices": [[1, 2], [3]] }""", "vertices")]
    [TestCase("""{ "type": "annotation", "annotation_id": 7 }""", "annotation_id")]
    [TestCase("""{ "type": "point", "stationary": "yes" }""", "stationary")]
    [TestCase("""{ "type": "annotation", "sensor_id": true }""", "sensor_id")]
    [TestCase("""{ "type": "scene", "interval": [0, 1] }""", "interval")]
    public void A_known_scope_with_a_malformed_property_keeps_it_as_received(string json, string property)
    {
        var scope = ScaleJson.Read<FeedbackItemScope>(json);

        var extras = scope switch
        {
            FeedbackItemScopeAnnotation a => a.AdditionalProperties,
            FeedbackItemScopePolygon p => p.AdditionalProperties,
            FeedbackItemScopePoint p => p.AdditionalProperties,
            FeedbackItemScopeScene s => s.AdditionalProperties,
            _ => null,
        };
        Assert.That(extras!.Keys, Is.EqualTo(new[] { property }));
        ScaleJson.AssertSameTree(ScaleJson.Write(scope), json);
    }

    [Test]
    public void An_interval_with_fractional_or_non_numeric_frames_reads_and_is_written_back_as_it_came()
    {
        const string json = """{ "type": "annotation", "interval": { "start": 1.5, "end": "2", "type": 7 } }""";

        var scope = (FeedbackItemScopeAnnotation)ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope.Interval!.Start, Is.EqualTo(1.5));
        Assert.That(scope.Interval.End, Is.Null);
        Assert.That(scope.Interval.AdditionalProperties!.Keys, Is.EqualTo(new[] { "type" }));
        ScaleJson.AssertSameTree(ScaleJson.Write<FeedbackItemScope>(scope), json);
    }

    [Test]
    public void Properties_a_known_shape_does_not_have_are_kept_and_written_back()
    {
        const string json = """
            { "type": "scene", "future": { "deep": [{ "type": "x" }, [1, [2]]] }, "attribute": "weather", "flag": true }
            """;

        var scope = (FeedbackItemScopeScene)ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope.With(c => c.AdditionalProperties = null), Is.EqualTo(new FeedbackItemScopeScene { Attribute = "weather" }).Using(ModelEquality.Instance));
        Assert.That(scope.AdditionalProperties!.Keys, Is.EquivalentTo(new[] { "future", "flag" }));
        ScaleJson.AssertSameTree(ScaleJson.Write<FeedbackItemScope>(scope), json);
    }

    [Test]
    public void Null_optional_properties_read_as_absent_and_are_not_written()
    {
        const string json = """
            { "type": "point", "coordinates": null, "missing_annotation_type": null, "stationary": null,
              "missing_annotation_class": null, "sensor_id": null, "interval": null }
            """;

        var scope = ScaleJson.Read<FeedbackItemScope>(json);

        Assert.That(scope, Is.EqualTo(new FeedbackItemScopePoint()).Using(ModelEquality.Instance));
        Assert.That(ScaleJson.Write(scope), Is.EqualTo("""{"type":"point"}"""));
    }
}
