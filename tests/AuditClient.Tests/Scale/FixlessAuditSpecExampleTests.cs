using System.Text.Json.Nodes;
using AuditClient.Scale;

namespace AuditClient.Tests.Scale;

/// <summary>The examples of Scale's fixless audit guide go through the SDK's types unchanged.</summary>
public sealed class FixlessAuditSpecExampleTests
{
    [Test]
    public void The_guides_example_request_built_with_the_sdk_serializes_to_the_guides_body()
    {
        ScaleJson.AssertSameTree(ScaleJson.Write(FixlessAuditSpecExamples.Request()), FixlessAuditSpecExamples.RequestBody);
    }

    [Test]
    public void The_consumer_checks_copy_of_the_guides_request_is_the_catalogs_byte_for_byte()
    {
        // tests/ConsumerSmoke runs from a copied folder against the packed packages and cannot reach this catalog.
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AuditClient.sln")))
        {
            root = root.Parent;
        }

        Assert.That(root, Is.Not.Null, "the repository root (with AuditClient.sln) is above the test output");
        var copy = File.ReadAllText(Path.Combine(root!.FullName, "tests", "ConsumerSmoke", "fixless-guide-example-request.json"));

        Assert.That(copy, Is.EqualTo(FixlessAuditSpecExamples.RequestBody));
    }

    [Test]
    public void The_guides_example_request_body_reads_and_writes_back_unchanged()
    {
        ScaleJson.AssertSameTree(ScaleJson.RoundTrip<FixlessAuditCreate>(FixlessAuditSpecExamples.RequestBody), FixlessAuditSpecExamples.RequestBody);
    }

    [Test]
    public void The_guides_example_response_reads_with_every_field_set()
    {
        var audit = ScaleJson.Read<FixlessAudit>(FixlessAuditSpecExamples.ResponseBody);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(audit.Id, Is.EqualTo("6594cfca95644b72685e76e1"));
            Assert.That(audit.Type, Is.EqualTo(FixlessAuditType.Fixless));
            Assert.That(audit.TaskId, Is.EqualTo("task_id_here"));
            Assert.That(audit.TaskType, Is.EqualTo("sensorfusion"));
            Assert.That(audit.Result, Is.EqualTo(FixlessAuditResult.Rejected));
            Assert.That(audit.TargetResponse?.Url, Is.EqualTo("value from task.response.annotations.url"));
            Assert.That(audit.Comments, Is.EqualTo("test reject comment"));
            Assert.That(audit.Metadata?["test"]?.GetValue<bool>(), Is.True);
            Assert.That(audit.Active, Is.False);
            Assert.That(audit.Source, Is.EqualTo(FixlessAuditSource.Api));
            Assert.That(audit.CreatedBy, Is.EqualTo("user_id_123456"));
            Assert.That(audit.CreatedAt, Is.EqualTo(new DateTimeOffset(2024, 1, 3, 3, 8, 58, 162, TimeSpan.Zero)));
            Assert.That(audit.UpdatedAt, Is.EqualTo(new DateTimeOffset(2024, 1, 3, 3, 9, 42, 943, TimeSpan.Zero)));
            Assert.That(audit.FeedbackItems, Has.Count.EqualTo(2));
        }

        var first = audit.FeedbackItems![0];
        var annotation = (FeedbackItemScopeAnnotation)first.Scope!;
        var second = audit.FeedbackItems[1];
        var scene = (FeedbackItemScopeScene)second.Scope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Id, Is.EqualTo("6594cfca95644b72685e76e5"));
            Assert.That(first.Type, Is.EqualTo(FeedbackItemType.Comment));
            Assert.That(first.State, Is.EqualTo(FeedbackItemState.Open));
            Assert.That(first.Severity, Is.EqualTo(FeedbackItemSeverity.Mild));
            Assert.That(first.Description, Is.EqualTo("feedback 1"));
            Assert.That(first.UpdatedAt, Is.EqualTo(new DateTimeOffset(2024, 1, 3, 3, 8, 58, 200, TimeSpan.Zero)));
            Assert.That(first.UpdatedBy, Is.EqualTo("user_id_123456"));
            Assert.That(annotation.AnnotationId, Is.EqualTo("abc123"));
            Assert.That(annotation.SensorId, Is.EqualTo((SensorId)"789xyz"));
            Assert.That(annotation.Interval, Is.EqualTo(new FeedbackItemInterval { Start = 0, End = 10 }));

            Assert.That(second.Id, Is.EqualTo("6594cfca95644b72685e76e6"));
            Assert.That(second.Type, Is.EqualTo(FeedbackItemType.Confirmation));
            Assert.That(second.State, Is.EqualTo(FeedbackItemState.Open));
            Assert.That(second.Description, Is.EqualTo("feedback 2"));
            Assert.That(second.UpdatedAt, Is.EqualTo(new DateTimeOffset(2024, 1, 3, 3, 8, 58, 201, TimeSpan.Zero)));
            Assert.That(second.UpdatedBy, Is.EqualTo("user_id_123456"));
            Assert.That(scene.Attribute, Is.EqualTo("weather"));
            Assert.That(scene.Interval, Is.EqualTo(new FeedbackItemInterval { Type = FeedbackItemIntervalType.FrameRange, Start = 0, End = 100 }));
        }
    }

    [Test]
    public void The_guides_example_response_writes_back_as_an_equal_tree()
    {
        ScaleJson.AssertSameTree(ScaleJson.RoundTrip<FixlessAudit>(FixlessAuditSpecExamples.ResponseBody), FixlessAuditSpecExamples.ResponseBody);
    }

    [Test]
    public void A_response_with_every_field_of_the_guide_reads_each_one_and_writes_back_as_an_equal_tree()
    {
        var audit = ScaleJson.Read<FixlessAudit>(FixlessAuditSpecExamples.FullResponseBody);

        var items = audit.FeedbackItems!;
        var annotation = (FeedbackItemScopeAnnotation)items[0].Scope!;
        var polygon = (FeedbackItemScopePolygon)items[1].Scope!;
        var point = (FeedbackItemScopePoint)items[2].Scope!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(audit.Srn, Is.EqualTo("srn:scale:avcv:audit:6594cfca95644b72685e76e1"));
            Assert.That(audit.Source, Is.EqualTo(FixlessAuditSource.LidarLite));
            Assert.That(audit.Active, Is.True);
            Assert.That(items[0].Category, Is.EqualTo(FeedbackItemCategory.Attribute));
            Assert.That(items[0].GraderOutput, Is.EqualTo(new FeedbackItemGraderOutput { Conflict = true, Explanation = "attribute not on annotation" }));
            Assert.That(items[0].Metadata?["confidence_level"]?.GetValue<double>(), Is.EqualTo(0.83));
            Assert.That(items[0].State, Is.EqualTo(FeedbackItemState.Disputed));
            Assert.That(annotation.SensorId, Is.EqualTo((SensorId)3L));
            Assert.That(annotation.Attribute, Is.EqualTo("occlusion"));
            Assert.That(polygon.Vertices, Is.EqualTo(new[] { new Point2D(0, 0), new Point2D(10.5, 0), new Point2D(10.5, -4.25) }));
            Assert.That(polygon.MissingAnnotationType, Is.EqualTo(AnnotationType.Polygon2D));
            Assert.That(polygon.Stationary, Is.False);
            Assert.That(polygon.MissingAnnotationClass, Is.EqualTo("car"));
            Assert.That(polygon.SensorId, Is.EqualTo((SensorId)"camera_front"));
            Assert.That(point.Coordinates, Is.EqualTo(new Point2D(12.5, 3)));
            Assert.That(point.MissingAnnotationType, Is.EqualTo(AnnotationType.Cuboid));
            Assert.That(point.Stationary, Is.True);
            Assert.That(point.SensorId?.Value, Is.EqualTo("12345678901234567890"));
            Assert.That(point.Interval?.End, Is.EqualTo(9));
        }

        ScaleJson.AssertSameTree(ScaleJson.Write(audit), FixlessAuditSpecExamples.FullResponseBody);
    }
}
