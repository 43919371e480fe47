using System.Text.Json.Nodes;
using AuditClient.Scale;

namespace AuditClient.Tests.Scale;

/// <summary>
/// The one catalog of the examples of Scale's fixless audit guide (scale-fixless-audits.txt), as JSON (the guide's
/// Python literals converted) and as the SDK's model. The guide's request and response are files of the wire corpus
/// (<c>WireCorpus/FixlessAuditCreate/spec-example-request.json</c>, <c>WireCorpus/FixlessAudit/spec-example-created.json</c>),
/// so the corpus tests run them too; every other test, and the benchmarks (which link this file), reach them here.
/// </summary>
internal static class FixlessAuditSpecExamples
{
    /// <summary>The guide's creation request ("Example"), exactly.</summary>
    public static string RequestBody { get; } = Corpus("FixlessAuditCreate", "spec-example-request.json");

    /// <summary>The guide's answer to that request (201).</summary>
    public static string ResponseBody { get; } = Corpus("FixlessAudit", "spec-example-created.json");

    /// <summary>The guide's creation request built with the SDK's model, as a user would write it.</summary>
    public static FixlessAuditCreate Request() => new()
    {
        Result = FixlessAuditResult.Rejected,
        TaskId = "task_id_here",
        Comments = "test reject comment",
        TargetResponseUrl = "value from task.response.annotations.url",
        FeedbackItems =
        [
            new FeedbackItemCreate
            {
                Type = FeedbackItemType.Comment,
                Scope = new FeedbackItemScopeAnnotation
                {
                    AnnotationId = "abc123",
                    SensorId = "789xyz",
                    Interval = new FeedbackItemInterval { Start = 0, End = 10 },
                },
                Severity = FeedbackItemSeverity.Mild,
                Description = "feedback 1",
            },
            new FeedbackItemCreate
            {
                Type = FeedbackItemType.Confirmation,
                Scope = new FeedbackItemScopeScene
                {
                    Attribute = "weather",
                    Interval = new FeedbackItemInterval { Start = 0, End = 100 },
                },
                Description = "feedback 2",
            },
        ],
        Metadata = new JsonObject { ["test"] = true },
    };

    /// <summary>The guide's creation request as JSON to edit, for <paramref name="taskId"/>.</summary>
    public static JsonObject RequestJson(string taskId)
    {
        var audit = JsonNode.Parse(RequestBody)!.AsObject();
        audit["task_id"] = taskId;
        return audit;
    }

    /// <summary>
    /// A response with every field of the guide's response types set, including those its example leaves out
    /// (<c>srn</c>, <c>category</c>, <c>grader_output</c>, <c>metadata</c> on an item) and every scope shape.
    /// </summary>
    public const string FullResponseBody = """
        {
          "id": "6594cfca95644b72685e76e1",
          "srn": "srn:scale:avcv:audit:6594cfca95644b72685e76e1",
          "type": "fixless",
          "task_id": "task_id_here",
          "task_type": "sensorfusion",
          "result": "accepted",
          "comments": "two issues",
          "target_response": { "url": "https://example.com/response.json" },
          "feedback_items": [
            {
              "id": "i1",
              "type": "error",
              "state": "disputed",
              "scope": {
                "type": "annotation",
                "annotation_id": "cuboid_1",
                "sensor_id": 3,
                "attribute": "occlusion",
                "interval": { "type": "frame_range", "start": 2, "end": 5 }
              },
              "category": "attribute",
              "severity": "severe",
              "description": "occlusion is wrong",
              "metadata": { "confidence_level": 0.83, "is_verified_by_human": true },
              "updated_at": "2024-01-03T03:08:58.200Z",
              "updated_by": "user_id_123456",
              "grader_output": { "conflict": true, "explanation": "attribute not on annotation" }
            },
            {
              "id": "i2",
              "type": "error",
              "state": "open",
              "scope": {
                "type": "polygon",
                "vertices": [[0, 0], [10.5, 0], [10.5, -4.25]],
                "missing_annotation_type": "polygon_2d",
                "stationary": false,
                "missing_annotation_class": "car",
                "sensor_id": "camera_front",
                "interval": { "type": "frame_range", "start": 0, "end": 0 }
              },
              "category": "missing",
              "severity": "standard",
              "description": "car missing",
              "updated_at": "2024-01-03T03:08:58.201Z",
              "updated_by": "user_id_123456",
              "grader_output": { "conflict": false, "explanation": "" }
            },
            {
              "id": "i3",
              "type": "flag",
              "state": "resolved",
              "scope": {
                "type": "point",
                "coordinates": [12.5, 3],
                "missing_annotation_type": "cuboid",
                "stationary": true,
                "missing_annotation_class": "pedestrian",
                "sensor_id": 12345678901234567890,
                "interval": { "type": "frame_range", "start": 7, "end": 9 }
              },
              "category": "missing",
              "severity": "mild",
              "description": "pedestrian missing",
              "updated_at": "2024-01-03T03:08:58.202Z",
              "updated_by": "user_id_123456"
            }
          ],
          "metadata": { "test": true, "nested": { "type": "not a scope", "list": [1, "two", null] } },
          "active": true,
          "source": "lidarlite",
          "created_by": "user_id_123456",
          "created_at": "2024-01-03T03:08:58.162Z",
          "updated_at": "2024-01-03T03:09:42.943Z"
        }
        """;

    private static string Corpus(string folder, string file) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WireCorpus", folder, file));
}
