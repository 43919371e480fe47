using System.Text.Json;
using System.Text.Json.Nodes;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.Scale;

/// <summary>
/// The rules checked before sending, under the default policy: every input Scale's schema refuses, and every error item
/// its grader would discard, is refused with its wire path and rule, and the server never sees a request; the same input
/// gives the same violation through <see cref="FixlessAuditCreate.Validate()"/>. Warnings: <see cref="GraderRulePolicyTests"/>.
/// </summary>
public sealed class FixlessAuditValidationTests
{
    private WireMockServer _server = null!;
    private AuditClients _clients = null!;

    /// <summary>A valid audit with one item of every kind: the cases below break one thing of it.</summary>
    internal static FixlessAuditCreate ValidAudit() => new()
    {
        TaskId = "5f127f6f26831d0010e985e5",
        Result = FixlessAuditResult.Rejected,
        TargetResponseUrl = "https://example.com/responses/5f127f6f26831d0010e985e5.json",
        FeedbackItems =
        [
            new FeedbackItemCreate
            {
                Type = FeedbackItemType.Error,
                Category = FeedbackItemCategory.Geometry,
                Severity = FeedbackItemSeverity.Standard,
                Scope = new FeedbackItemScopeAnnotation { AnnotationId = "cuboid_17", SensorId = 4, Interval = Frames(0, 40) },
            },
            new FeedbackItemCreate
            {
                Type = FeedbackItemType.Error,
                Category = FeedbackItemCategory.Missing,
                Scope = new FeedbackItemScopePolygon
                {
                    Vertices = [new Point2D(0, 0), new Point2D(4, 0), new Point2D(4, 3)],
                    MissingAnnotationType = AnnotationType.Cuboid,
                    Stationary = true,
                    Interval = Frames(5, 9),
                },
            },
            new FeedbackItemCreate
            {
                Type = FeedbackItemType.Error,
                Category = FeedbackItemCategory.Missing,
                Severity = FeedbackItemSeverity.Severe,
                Scope = new FeedbackItemScopePoint
                {
                    Coordinates = new Point2D(12.5, -3.25),
                    MissingAnnotationType = AnnotationType.Box2D,
                    Stationary = false,
                    SensorId = "camera_front",
                    Interval = Frames(10, 12),
                },
            },
            new FeedbackItemCreate
            {
                Type = FeedbackItemType.Error,
                Category = FeedbackItemCategory.Label,
                Severity = FeedbackItemSeverity.Mild,
                Scope = new FeedbackItemScopeAnnotation { AnnotationId = "box_3", Interval = Frames(2, 2) },
            },
            new FeedbackItemCreate
            {
                Type = FeedbackItemType.Flag,
                Category = FeedbackItemCategory.Attribute,
                Scope = new FeedbackItemScopeScene { Attribute = "weather", Interval = Frames(0, 100) },
            },
            new FeedbackItemCreate
            {
                Type = FeedbackItemType.Error,
                Category = FeedbackItemCategory.Attribute,
                Scope = new FeedbackItemScopeAnnotation { AnnotationId = "ped_9", Attribute = "occluded", Interval = Frames(1, 4) },
            },
        ],
    };

    private const int Geometry = 0, Polygon = 1, Point = 2, Label = 3, Scene = 4, Attribute = 5;

    /// <summary>Audit-level cases, then every item case placed in the audit.</summary>
    private static IEnumerable<TestCaseData> InvalidAudits()
    {
        var valid = ValidAudit();
        TestCaseData Case(string name, FixlessAuditCreate audit, string path, string rule) =>
            new TestCaseData(audit, path, rule).SetName($"{{m}}({name})");

        yield return Case("task_id missing", valid.With(c => c.TaskId = null), "task_id", "is required");
        yield return Case("task_id blank", valid.With(c => c.TaskId = "  "), "task_id", "is required");
        yield return Case("result missing", valid.With(c => c.Result = null), "result", "is required");
        yield return Case("result pending", valid.With(c => c.Result = "pending"), "result", "must be 'accepted' or 'rejected', not 'pending'");
        yield return Case("result fixed", valid.With(c => c.Result = "fixed"), "result", "must be 'accepted' or 'rejected', not 'fixed'");
        yield return Case("result misspelt", valid.With(c => c.Result = "rejectd"), "result", "must be 'accepted' or 'rejected', not 'rejectd' (did you mean 'rejected'?)");
        yield return Case("result capitalized", valid.With(c => c.Result = "Accepted"), "result", "must be 'accepted' or 'rejected', not 'Accepted' (did you mean 'accepted'?)");
        yield return Case("type standard, read from JSON", ReadWithType(valid, "\"standard\""), "type", "must be 'fixless'");
        yield return Case("target_response_url missing", valid.With(c => c.TargetResponseUrl = null), "target_response_url", "is required");
        yield return Case("a null feedback item", valid.With(c => c.FeedbackItems = [valid.FeedbackItems![0], null!]), "feedback_items[1]", "must not be null");

        foreach (var (name, index, item, path, rule) in ItemCases())
        {
            var items = valid.FeedbackItems!.ToArray();
            items[index] = item;
            yield return Case(name, valid.With(c => c.FeedbackItems = items), $"feedback_items[{index}].{path}", rule);
        }
    }

    /// <summary>One broken rule per item: (name, index of the item it replaces, item, path relative to the item, rule).</summary>
    private static IEnumerable<(string Name, int Index, FeedbackItemCreate Item, string Path, string Rule)> ItemCases()
    {
        var items = ValidAudit().FeedbackItems!;
        var geometry = items[Geometry];
        var polygon = items[Polygon];
        var point = items[Point];
        var label = items[Label];
        var scene = items[Scene];
        var attribute = items[Attribute];
        FeedbackItemCreate WithAnnotation(FeedbackItemCreate item, Func<FeedbackItemScopeAnnotation, FeedbackItemScopeAnnotation> change) =>
            item.With(c => c.Scope = change((FeedbackItemScopeAnnotation)item.Scope!));
        FeedbackItemCreate WithPolygon(Func<FeedbackItemScopePolygon, FeedbackItemScopePolygon> change) =>
            polygon.With(c => c.Scope = change((FeedbackItemScopePolygon)polygon.Scope!));
        FeedbackItemCreate WithPoint(Func<FeedbackItemScopePoint, FeedbackItemScopePoint> change) =>
            point.With(c => c.Scope = change((FeedbackItemScopePoint)point.Scope!));
        FeedbackItemCreate WithInterval(FeedbackItemInterval? interval) =>
            WithAnnotation(geometry, s => s.With(c => c.Interval = interval));
        var pointScope = (FeedbackItemScopePoint)point.Scope!;
        var polygonScope = (FeedbackItemScopePolygon)polygon.Scope!;
        using var lane = JsonDocument.Parse("""{ "type": "lane", "lane_id": "l1" }""");
        using var polgon = JsonDocument.Parse("""{ "type": "polgon", "vertices": [[0, 0], [1, 0], [1, 1]] }""");

        // Item fields.
        yield return ("item type missing", Geometry, geometry.With(c => c.Type = null), "type", "is required");
        yield return ("item type without value", Geometry, geometry.With(c => c.Type = default(FeedbackItemType)), "type", "is required");
        yield return ("category missing", Label, label.With(c => c.Category = null), "category", "is required");
        yield return ("category blank", Label, label.With(c => c.Category = " "), "category", "is required");
        yield return ("severity without value", Label, label.With(c => c.Severity = default(FeedbackItemSeverity)), "severity", "must have a value when given");
        yield return ("scope missing", Geometry, geometry.With(c => c.Scope = null), "scope", "is required");
        yield return (
            "scope of an unknown type",
            Geometry,
            geometry.With(c => c.Scope = new FeedbackItemScopeUnknown(lane.RootElement)),
            "scope.type",
            "must be one of 'annotation', 'polygon', 'point' or 'scene', not 'lane'");
        yield return (
            "scope of a misspelt type",
            Geometry,
            geometry.With(c => c.Scope = new FeedbackItemScopeUnknown(polgon.RootElement)),
            "scope.type",
            "must be one of 'annotation', 'polygon', 'point' or 'scene', not 'polgon' (did you mean 'polygon'?)");

        // Closed value sets of the creation payload: a value outside is refused, naming the nearest when it is a typo.
        yield return ("item type misspelt", Geometry, geometry.With(c => c.Type = "eror"), "type", "must be one of 'comment', 'error', 'flag' or 'confirmation', not 'eror' (did you mean 'error'?)");
        yield return ("item type capitalized", Geometry, geometry.With(c => c.Type = "Error"), "type", "must be one of 'comment', 'error', 'flag' or 'confirmation', not 'Error' (did you mean 'error'?)");
        yield return ("item type unknown", Geometry, geometry.With(c => c.Type = "suggestion"), "type", "must be one of 'comment', 'error', 'flag' or 'confirmation', not 'suggestion'");
        yield return ("category misspelt", Geometry, geometry.With(c => c.Category = "geometery"), "category", "must be one of 'attribute', 'extraneous', 'geometry', 'label', 'missing' or 'position', not 'geometery' (did you mean 'geometry'?)");
        yield return ("category with letters swapped", Label, label.With(c => c.Category = "lable"), "category", "must be one of 'attribute', 'extraneous', 'geometry', 'label', 'missing' or 'position', not 'lable' (did you mean 'label'?)");
        yield return ("category unknown", Label, label.With(c => c.Category = "occlusion"), "category", "must be one of 'attribute', 'extraneous', 'geometry', 'label', 'missing' or 'position', not 'occlusion'");

        // A refused category is not also matched against the scope: "mising" on a point is one violation, not two.
        yield return ("category misspelt on a point", Point, point.With(c => c.Category = "mising"), "category", "must be one of 'attribute', 'extraneous', 'geometry', 'label', 'missing' or 'position', not 'mising' (did you mean 'missing'?)");
        yield return ("severity misspelt", Geometry, geometry.With(c => c.Severity = "sever"), "severity", "must be one of 'mild', 'standard' or 'severe', not 'sever' (did you mean 'severe'?)");
        yield return ("severity unknown", Label, label.With(c => c.Severity = "critical"), "severity", "must be one of 'mild', 'standard' or 'severe', not 'critical'");
        yield return (
            "polygon missing_annotation_type misspelt",
            Polygon,
            WithPolygon(s => s.With(c => c.MissingAnnotationType = "cuboidd")),
            "scope.missing_annotation_type",
            "must be one of 'cuboid', 'box_2d', 'polygon_2d', 'polyline_2d', 'point_2d', 'event', 'polygon_topdown', 'polyline' or 'point_topdown', not 'cuboidd' (did you mean 'cuboid'?)");
        yield return (
            "point missing_annotation_type unknown",
            Point,
            WithPoint(s => s.With(c => c.MissingAnnotationType = "lane_3d")),
            "scope.missing_annotation_type",
            "must be one of 'cuboid', 'box_2d', 'polygon_2d', 'polyline_2d', 'point_2d', 'event', 'polygon_topdown', 'polyline' or 'point_topdown', not 'lane_3d'");

        // Category decides the scope.
        yield return ("label error on a point", Label, label.With(c => c.Scope = pointScope), "scope.type", "must be 'annotation' when category is 'label'");
        yield return ("geometry error on a polygon", Geometry, geometry.With(c => c.Scope = polygonScope), "scope.type", "must be 'annotation' when category is 'geometry'");
        yield return (
            "extraneous error on the scene",
            Scene,
            scene.With(c => { c.Type = FeedbackItemType.Error; c.Category = FeedbackItemCategory.Extraneous; }),
            "scope.type",
            "must be 'annotation' when category is 'extraneous'");
        yield return (
            "position error on the scene",
            Scene,
            scene.With(c => { c.Type = FeedbackItemType.Error; c.Category = FeedbackItemCategory.Position; }),
            "scope.type",
            "must be 'annotation' when category is 'position'");
        yield return (
            "attribute error on a polygon",
            Polygon,
            polygon.With(c => c.Category = FeedbackItemCategory.Attribute),
            "scope.type",
            "must be 'annotation' or 'scene' when category is 'attribute'");
        yield return (
            "missing annotation on an annotation scope",
            Geometry,
            geometry.With(c => c.Category = FeedbackItemCategory.Missing),
            "scope.type",
            "must be 'point' or 'polygon' when category is 'missing'");
        yield return (
            "missing annotation on the scene",
            Scene,
            scene.With(c => { c.Type = FeedbackItemType.Error; c.Category = FeedbackItemCategory.Missing; }),
            "scope.type",
            "must be 'point' or 'polygon' when category is 'missing'");

        // Annotation scopes.
        yield return ("annotation_id missing", Label, WithAnnotation(label, s => s.With(c => c.AnnotationId = null)), "scope.annotation_id", "is required");
        yield return ("annotation_id empty", Geometry, WithAnnotation(geometry, s => s.With(c => c.AnnotationId = "")), "scope.annotation_id", "is required");
        yield return (
            "attribute error without the attribute",
            Attribute,
            WithAnnotation(attribute, s => s.With(c => c.Attribute = null)),
            "scope.attribute",
            "is required when category is 'attribute'");
        yield return (
            "sensor_id without value",
            Geometry,
            WithAnnotation(geometry, s => s.With(c => c.SensorId = default(SensorId))),
            "scope.sensor_id",
            "must have a value when given");

        // Polygon scopes.
        yield return ("polygon without vertices", Polygon, WithPolygon(s => s.With(c => c.Vertices = null)), "scope.vertices", "is required");
        yield return ("polygon with no vertex", Polygon, WithPolygon(s => s.With(c => c.Vertices = [])), "scope.vertices", "must have at least 3 vertices");
        yield return (
            "polygon with 2 vertices",
            Polygon,
            WithPolygon(s => s.With(c => c.Vertices = [new Point2D(0, 0), new Point2D(1, 1)])),
            "scope.vertices",
            "must have at least 3 vertices");
        yield return (
            "polygon vertex x NaN",
            Polygon,
            WithPolygon(s => s.With(c => c.Vertices = [new Point2D(0, 0), new Point2D(double.NaN, 0), new Point2D(1, 1)])),
            "scope.vertices[1][0]",
            "must be a finite number");
        yield return (
            "polygon vertex y infinite",
            Polygon,
            WithPolygon(s => s.With(c => c.Vertices = [new Point2D(0, 0), new Point2D(1, 0), new Point2D(1, double.PositiveInfinity)])),
            "scope.vertices[2][1]",
            "must be a finite number");
        yield return (
            "polygon without missing_annotation_type",
            Polygon,
            WithPolygon(s => s.With(c => c.MissingAnnotationType = null)),
            "scope.missing_annotation_type",
            "is required");
        yield return ("polygon without stationary", Polygon, WithPolygon(s => s.With(c => c.Stationary = null)), "scope.stationary", "is required");

        // Point scopes.
        yield return ("point without coordinates", Point, WithPoint(s => s.With(c => c.Coordinates = null)), "scope.coordinates", "is required");
        yield return (
            "point x NaN",
            Point,
            WithPoint(s => s.With(c => c.Coordinates = new Point2D(double.NaN, 1))),
            "scope.coordinates[0]",
            "must be a finite number");
        yield return (
            "point y negative infinity",
            Point,
            WithPoint(s => s.With(c => c.Coordinates = new Point2D(1, double.NegativeInfinity))),
            "scope.coordinates[1]",
            "must be a finite number");
        yield return (
            "point missing_annotation_type without value",
            Point,
            WithPoint(s => s.With(c => c.MissingAnnotationType = default(AnnotationType))),
            "scope.missing_annotation_type",
            "is required");
        yield return ("point without stationary", Point, WithPoint(s => s.With(c => c.Stationary = null)), "scope.stationary", "is required");

        // Frame ranges.
        yield return ("annotation scope without interval", Geometry, WithInterval(null), "scope.interval", "is required");
        yield return (
            "scene scope without interval",
            Scene,
            scene.With(c => c.Scope = new FeedbackItemScopeScene { Attribute = "weather" }),
            "scope.interval",
            "is required");
        yield return (
            "point scope without interval",
            Point,
            WithPoint(s => s.With(c => c.Interval = null)),
            "scope.interval",
            "is required");
        yield return (
            "interval of another type, read from JSON",
            Geometry,
            WithInterval(IntervalOfType("timestamp_range")),
            "scope.interval.type",
            "must be 'frame_range', not 'timestamp_range'");
        yield return (
            "interval of a misspelt type, read from JSON",
            Geometry,
            WithInterval(IntervalOfType("frame-range")),
            "scope.interval.type",
            "must be 'frame_range', not 'frame-range' (did you mean 'frame_range'?)");
        yield return ("interval without start", Geometry, WithInterval(new FeedbackItemInterval { End = 4 }), "scope.interval.start", "is required");
        yield return ("interval without end", Geometry, WithInterval(new FeedbackItemInterval { Start = 0 }), "scope.interval.end", "is required");
        yield return ("interval start negative", Geometry, WithInterval(Frames(-1, 4)), "scope.interval.start", "must not be negative");
        yield return ("interval end negative", Geometry, WithInterval(Frames(0, -2)), "scope.interval.end", "must not be negative");
        yield return (
            "interval start after end",
            Polygon,
            WithPolygon(s => s.With(c => c.Interval = Frames(9, 5))),
            "scope.interval.start",
            "must not be greater than end");
    }

    private static IEnumerable<TestCaseData> InvalidItems() =>
        ItemCases().Select(c => new TestCaseData(c.Item, c.Path, c.Rule).SetName($"{{m}}({c.Name})"));

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = Loopback.StartServer();
        _server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(FixlessAuditSpecExamples.ResponseBody));
        _clients = Loopback.Clients(_server);
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        _clients.Dispose();
        _server.Dispose();
    }

    [SetUp]
    public void ForgetRequests() => _server.ResetLogEntries();

    [Test]
    public void There_are_at_least_30_distinct_invalid_inputs()
    {
        var cases = InvalidAudits().Select(c => (FixlessAuditCreate)c.Arguments[0]!).ToList();

        Assert.That(cases, Has.Count.GreaterThanOrEqualTo(30));
        Assert.That(cases.Select(AuditClientJsonOrDescription).Distinct().Count(), Is.EqualTo(cases.Count), "two cases send the same input");
    }

    [TestCaseSource(nameof(InvalidAudits))]
    public async Task An_invalid_audit_is_refused_naming_the_path_and_rule_and_nothing_is_sent(FixlessAuditCreate audit, string path, string rule)
    {
        var error = await Assert.ThrowsAsync<AuditValidationException>(() => _clients.ScaleAudits.CreateAuditAsync(audit));

        Assert.That(error!.Violations, Is.EqualTo(new[] { new ValidationViolation(path, rule) }));
        Assert.That(error.Message, Does.Contain($"{path}: {rule}"));
        Assert.That(_server.LogEntries, Is.Empty);
    }

    [TestCaseSource(nameof(InvalidAudits))]
    public void Validate_reports_the_same_violation_without_sending(FixlessAuditCreate audit, string path, string rule)
    {
        Assert.That(audit.Validate(), Is.EqualTo(new[] { new ValidationViolation(path, rule) }));
        Assert.That(_server.LogEntries, Is.Empty);
    }

    [TestCaseSource(nameof(InvalidItems))]
    public void An_item_validated_alone_reports_paths_relative_to_the_item(FeedbackItemCreate item, string path, string rule)
    {
        Assert.That(item.Validate(), Is.EqualTo(new[] { new ValidationViolation(path, rule) }));
    }

    [Test]
    public async Task Every_violation_of_an_audit_is_reported_at_once_in_order()
    {
        var audit = new FixlessAuditCreate
        {
            Result = "maybe",
            TargetResponseUrl = "task.response.annotations.url",
            FeedbackItems =
            [
                new FeedbackItemCreate
                {
                    Type = FeedbackItemType.Error,
                    Category = FeedbackItemCategory.Label,
                    Scope = new FeedbackItemScopeAnnotation { Interval = Frames(0, 1) },
                },
                new FeedbackItemCreate
                {
                    Type = FeedbackItemType.Error,
                    Category = FeedbackItemCategory.Missing,
                    Scope = new FeedbackItemScopePolygon { Vertices = [new Point2D(0, 0)], Interval = Frames(3, 2) },
                },
            ],
        };

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => _clients.ScaleAudits.CreateAuditAsync(audit));

        Assert.That(error!.Violations, Is.EqualTo(new[]
        {
            new ValidationViolation("result", "must be 'accepted' or 'rejected', not 'maybe'"),
            new ValidationViolation("task_id", "is required"),
            new ValidationViolation("feedback_items[0].scope.annotation_id", "is required"),
            new ValidationViolation("feedback_items[1].scope.vertices", "must have at least 3 vertices"),
            new ValidationViolation("feedback_items[1].scope.missing_annotation_type", "is required"),
            new ValidationViolation("feedback_items[1].scope.stationary", "is required"),
            new ValidationViolation("feedback_items[1].scope.interval.start", "must not be greater than end"),
        }));
        Assert.That(error.Message, Does.StartWith("Invalid input, nothing was sent (7 problems): result: must be 'accepted' or 'rejected', not 'maybe'; task_id: is required;"));
        Assert.That(_server.LogEntries, Is.Empty);
    }

    [Test]
    public void An_item_of_an_audit_and_the_same_item_alone_differ_only_by_the_prefix()
    {
        var item = new FeedbackItemCreate
        {
            Type = FeedbackItemType.Error,
            Category = FeedbackItemCategory.Label,
            Scope = new FeedbackItemScopeAnnotation { Interval = Frames(0, 1) },
        };
        var audit = ValidAudit().With(c => c.FeedbackItems = [.. ValidAudit().FeedbackItems!.Take(3), item]);

        Assert.That(item.Validate(), Is.EqualTo(new[] { new ValidationViolation("scope.annotation_id", "is required") }));
        Assert.That(audit.Validate(), Is.EqualTo(new[] { new ValidationViolation("feedback_items[3].scope.annotation_id", "is required") }));
    }

    private static IEnumerable<TestCaseData> ValidEdgeCases()
    {
        var valid = ValidAudit();
        var items = valid.FeedbackItems!;
        TestCaseData Case(string name, FixlessAuditCreate audit) => new TestCaseData(audit).SetName($"{{m}}({name})");
        FixlessAuditCreate Only(FeedbackItemCreate item) => valid.With(c => c.FeedbackItems = [item]);

        yield return Case("every kind of item", valid);
        yield return Case("a null type read from JSON, which reads as fixless", ReadWithType(valid, "null"));
        yield return Case("no feedback items", valid.With(c => c.FeedbackItems = null));
        yield return Case("an empty feedback item list", valid.With(c => { c.FeedbackItems = []; c.Result = FixlessAuditResult.Accepted; }));
        yield return Case("a scene attribute scope", Only(items[Scene]));
        yield return Case(
            "a scene attribute scope without an attribute name",
            Only(items[Scene].With(c => c.Scope = new FeedbackItemScopeScene { Interval = Frames(0, 0) })));
        yield return Case("a mild error", Only(items[Label]));
        yield return Case("an error without severity", Only(items[Attribute]));
        yield return Case("a point missing item", Only(items[Point]));
        yield return Case("a polygon with exactly 3 vertices", Only(items[Polygon]));
        yield return Case(
            "start equal to end",
            Only(items[Geometry].With(c => c.Scope = ((FeedbackItemScopeAnnotation)items[Geometry].Scope!).With(c => c.Interval = Frames(7, 7)))));
        yield return Case("a comment on an annotation", Only(items[Label].With(c => { c.Type = FeedbackItemType.Comment; c.Severity = null; })));
        yield return Case(
            "a numeric sensor id of 20 digits",
            Only(items[Geometry].With(c => c.Scope = ((FeedbackItemScopeAnnotation)items[Geometry].Scope!).With(c => c.SensorId = SensorId.FromNumber("12345678901234567890")))));
    }

    [TestCaseSource(nameof(ValidEdgeCases))]
    public async Task A_valid_edge_case_passes_and_is_sent(FixlessAuditCreate audit)
    {
        Assert.That(audit.Validate(), Is.Empty);

        await _clients.ScaleAudits.CreateAuditAsync(audit);

        Assert.That(_server.LogEntries.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task An_absent_severity_is_not_written_on_the_wire()
    {
        await _clients.ScaleAudits.CreateAuditAsync(ValidAudit().With(c => c.FeedbackItems = [ValidAudit().FeedbackItems![Attribute]]));

        var sent = ScaleJson.Tree(_server.LogEntries.Single().RequestMessage.Body!);
        Assert.That(sent["feedback_items"]![0]!.AsObject().ContainsKey("severity"), Is.False);
    }

    [Test]
    public async Task A_users_json_with_a_bad_item_is_refused_before_sending()
    {
        var json = """
            {
              "type": "fixless", "result": "rejected", "task_id": "t-1",
              "target_response_url": "https://example.com/r/t-1.json",
              "feedback_items": [
                { "type": "error", "category": "geometry",
                  "scope": { "type": "annotation", "annotation_id": "a1", "interval": { "type": "frame_range", "start": 0, "end": 3 } } },
                { "type": "error", "category": "missing",
                  "scope": { "interval": { "start": 0, "end": 3, "type": "frame_range" }, "annotation_id": "a2", "type": "annotation" } },
                { "category": "label", "type": "error",
                  "scope": { "type": "annotation", "interval": { "type": "frame_range", "start": 8, "end": 2 } } }
              ]
            }
            """;
        var audit = AuditClientJson.Deserialize<FixlessAuditCreate>(json)!;

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => _clients.ScaleAudits.CreateAuditAsync(audit));

        Assert.That(error!.Violations, Is.EqualTo(new[]
        {
            new ValidationViolation("feedback_items[1].scope.type", "must be 'point' or 'polygon' when category is 'missing'"),
            new ValidationViolation("feedback_items[2].scope.annotation_id", "is required"),
            new ValidationViolation("feedback_items[2].scope.interval.start", "must not be greater than end"),
        }));
        Assert.That(_server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task A_users_json_with_an_unknown_scope_type_is_refused_before_sending()
    {
        var json = """
            { "type": "fixless", "result": "accepted", "task_id": "t-1", "target_response_url": "https://example.com/r.json",
              "feedback_items": [ { "type": "error", "category": "geometry", "scope": { "type": "lane", "lane_id": "l7" } } ] }
            """;
        var audit = AuditClientJson.Deserialize<FixlessAuditCreate>(json)!;

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => _clients.ScaleAudits.CreateAuditAsync(audit));

        Assert.That(error!.Violations, Is.EqualTo(new[]
        {
            new ValidationViolation("feedback_items[0].scope.type", "must be one of 'annotation', 'polygon', 'point' or 'scene', not 'lane'"),
        }));
        Assert.That(_server.LogEntries, Is.Empty);
    }

    // A point is a typed pair: JSON with another number of coordinates is read (reading never fails on one odd field)
    // into a scope without coordinates, keeping the JSON as received, and validation refuses to send it.
    [TestCase("[1]", "coordinates: must be an array of two numbers, [x, y]")]
    [TestCase("[1, 2, 3]", "coordinates: must be an array of two numbers, [x, y]")]
    [TestCase("[]", "coordinates: must be an array of two numbers, [x, y]")]
    [TestCase("[1, \"2\"]", "coordinates[1]: must be a number")]
    public void A_users_json_with_a_point_of_the_wrong_shape_is_read_and_refused_before_sending(string coordinates, string problem)
    {
        var json = $$"""
            { "type": "fixless", "result": "accepted", "task_id": "t-1", "target_response_url": "https://example.com/r.json",
              "feedback_items": [ { "type": "error", "category": "missing",
                "scope": { "type": "point", "coordinates": {{coordinates}}, "missing_annotation_type": "cuboid", "stationary": true,
                           "interval": { "type": "frame_range", "start": 0, "end": 1 } } } ] }
            """;

        var audit = AuditClientJson.Deserialize<FixlessAuditCreate>(json)!;

        Assert.That(((FeedbackItemScopePoint)audit.FeedbackItems![0].Scope!).Coordinates, Is.Null);
        Assert.That(audit.Validate().Select(v => v.ToString()), Is.EqualTo(new[] { "feedback_items[0].scope." + problem }));
    }

    [TestCase("[[0, 0], [1, 0], [1, 1, 1]]", "vertices[2]")]
    [TestCase("[[0, 0], [1], [1, 1]]", "vertices[1]")]
    public void A_users_json_with_a_vertex_of_the_wrong_shape_is_read_and_refused_before_sending(string vertices, string path)
    {
        var json = $$"""
            { "type": "fixless", "result": "accepted", "task_id": "t-1", "target_response_url": "https://example.com/r.json",
              "feedback_items": [ { "type": "error", "category": "missing",
                "scope": { "type": "polygon", "vertices": {{vertices}}, "missing_annotation_type": "cuboid", "stationary": true,
                           "interval": { "type": "frame_range", "start": 0, "end": 1 } } } ] }
            """;

        var audit = AuditClientJson.Deserialize<FixlessAuditCreate>(json)!;

        Assert.That(((FeedbackItemScopePolygon)audit.FeedbackItems![0].Scope!).Vertices, Is.Null);
        Assert.That(audit.Validate().Select(v => v.ToString()), Is.EqualTo(new[] { $"feedback_items[0].scope.{path}: must be an array of two numbers, [x, y]" }));
    }

    [Test]
    public async Task A_users_json_with_numbers_too_large_for_a_double_is_read_as_infinite_and_refused_before_sending()
    {
        // JSON has no NaN or infinity, but 1e999 is read as infinity: the finite-number rule is what stops it.
        var json = """
            { "type": "fixless", "result": "accepted", "task_id": "t-1", "target_response_url": "https://example.com/r.json",
              "feedback_items": [
                { "type": "error", "category": "missing",
                  "scope": { "type": "point", "coordinates": [1e999, 2], "missing_annotation_type": "cuboid", "stationary": true,
                             "interval": { "type": "frame_range", "start": 0, "end": 1 } } },
                { "type": "error", "category": "missing",
                  "scope": { "type": "polygon", "vertices": [[0, 0], [1, 0], [1, -1e400]], "missing_annotation_type": "cuboid",
                             "stationary": false, "interval": { "type": "frame_range", "start": 0, "end": 1 } } } ] }
            """;
        var audit = AuditClientJson.Deserialize<FixlessAuditCreate>(json)!;

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => _clients.ScaleAudits.CreateAuditAsync(audit));

        Assert.That(error!.Violations, Is.EqualTo(new[]
        {
            new ValidationViolation("feedback_items[0].scope.coordinates[0]", "must be a finite number"),
            new ValidationViolation("feedback_items[1].scope.vertices[2][1]", "must be a finite number"),
        }));
        Assert.That(_server.LogEntries, Is.Empty);
    }

    [Test]
    public void A_users_json_polygon_with_two_vertices_is_read_and_then_refused_by_validation()
    {
        var json = """
            { "type": "fixless", "result": "accepted", "task_id": "t-1", "target_response_url": "https://example.com/r.json",
              "feedback_items": [ { "type": "error", "category": "missing",
                "scope": { "type": "polygon", "vertices": [[0, 0], [1, 1]], "missing_annotation_type": "cuboid", "stationary": true,
                           "interval": { "type": "frame_range", "start": 0, "end": 1 } } } ] }
            """;

        var audit = AuditClientJson.Deserialize<FixlessAuditCreate>(json)!;

        Assert.That(audit.Validate(), Is.EqualTo(new[] { new ValidationViolation("feedback_items[0].scope.vertices", "must have at least 3 vertices") }));
    }

    [Test]
    public void An_unknown_member_of_an_item_without_metadata_is_checked_for_a_lone_surrogate()
    {
        using var member = JsonDocument.Parse("\"ab\\ud800\"");
        var item = ValidAudit().FeedbackItems![Label].With(c =>
        {
            c.Metadata = null;
            c.AdditionalProperties = new Dictionary<string, JsonElement> { ["note"] = member.RootElement.Clone() };
        });

        var violations = ValidAudit().With(c => c.FeedbackItems = [item]).Validate();

        Assert.That(violations.Select(v => v.Path), Is.EqualTo(new[] { "feedback_items[0].note" }));
        Assert.That(violations[0].Rule, Does.Contain("lone surrogate"));
    }

    [TestCase(double.PositiveInfinity, 5d, "scope.interval.start", TestName = "an infinite start before a finite end")]
    [TestCase(9d, double.NaN, "scope.interval.end", TestName = "a finite start before a NaN end")]
    public void A_frame_that_is_not_a_finite_number_is_reported_once_and_not_compared_with_the_other(double start, double end, string path)
    {
        var item = ValidAudit().FeedbackItems![Polygon].With(c =>
            c.Scope = ((FeedbackItemScopePolygon)c.Scope!).With(s => s.Interval = new FeedbackItemInterval { Start = start, End = end }));

        var violations = ValidAudit().With(c => c.FeedbackItems = [item]).Validate();

        Assert.That(violations, Is.EqualTo(new[] { new ValidationViolation($"feedback_items[0].{path}", "must be a finite number") }));
    }

    private static FeedbackItemInterval Frames(long start, long end) => new() { Start = start, End = end };

    // The audit and interval types are not settable: only JSON (a file the CLI reads, a stored request) carries another.
    private static FixlessAuditCreate ReadWithType(FixlessAuditCreate audit, string typeJson)
    {
        var json = JsonNode.Parse(AuditClientJson.Serialize(audit))!.AsObject();
        json["type"] = JsonNode.Parse(typeJson);
        return AuditClientJson.Deserialize<FixlessAuditCreate>(json.ToJsonString())!;
    }

    private static FeedbackItemInterval IntervalOfType(string type)
    {
        var scope = AuditClientJson.Deserialize<FeedbackItemScope>(
            $$"""{ "type": "scene", "interval": { "type": "{{type}}", "start": 0, "end": 4 } }""")!;
        return ((FeedbackItemScopeScene)scope).Interval!;
    }

    // Two cases are the same input when they serialize alike; the ones that cannot be serialized (a default enum or
    // sensor id, a null item, a NaN) are told apart by the violation they are meant to cause.
    private static string AuditClientJsonOrDescription(FixlessAuditCreate audit)
    {
        try
        {
            return AuditClientJson.Serialize(audit);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or NullReferenceException)
        {
            return "unserializable: " + string.Join("; ", audit.Validate());
        }
    }
}
