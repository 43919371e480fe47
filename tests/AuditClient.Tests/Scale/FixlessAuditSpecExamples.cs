namespace AuditClient.Tests.Scale;

/// <summary>The examples of Scale's fixless audit guide, as JSON (the guide's Python literals converted).</summary>
internal static class FixlessAuditSpecExamples
{
    public const string RequestBody = """
        {
          "type": "fixless",
          "result": "rejected",
          "task_id": "task_id_here",
          "comments": "test reject comment",
          "target_response_url": "value from task.response.annotations.url",
          "feedback_items": [
            {
              "type": "comment",
              "scope": {
                "type": "annotation",
                "annotation_id": "abc123",
                "sensor_id": "789xyz",
                "interval": { "type": "frame_range", "start": 0, "end": 10 }
              },
              "severity": "mild",
              "description": "feedback 1"
            },
            {
              "type": "confirmation",
              "scope": {
                "type": "scene",
                "attribute": "weather",
                "interval": { "type": "frame_range", "start": 0, "end": 100 }
              },
              "description": "feedback 2"
            }
          ],
          "metadata": { "test": true }
        }
        """;

    public const string ResponseBody = """
        {
          "id": "6594cfca95644b72685e76e1",
          "type": "fixless",
          "task_id": "task_id_here",
          "task_type": "sensorfusion",
          "result": "rejected",
          "target_response": {
            "url": "value from task.response.annotations.url"
          },
          "comments": "test reject comment",
          "feedback_items": [
            {
              "id": "6594cfca95644b72685e76e5",
              "type": "comment",
              "state": "open",
              "scope": {
                "type": "annotation",
                "annotation_id": "abc123",
                "sensor_id": "789xyz",
                "interval": { "type": "frame_range", "start": 0, "end": 10 }
              },
              "severity": "mild",
              "description": "feedback 1",
              "updated_at": "2024-01-03T03:08:58.200Z",
              "updated_by": "user_id_123456"
            },
            {
              "id": "6594cfca95644b72685e76e6",
              "type": "confirmation",
              "state": "open",
              "scope": {
                "type": "scene",
                "attribute": "weather",
                "interval": { "type": "frame_range", "start": 0, "end": 100 }
              },
              "description": "feedback 2",
              "updated_at": "2024-01-03T03:08:58.201Z",
              "updated_by": "user_id_123456"
            }
          ],
          "metadata": { "test": true },
          "active": false,
          "source": "api",
          "created_by": "user_id_123456",
          "created_at": "2024-01-03T03:08:58.162Z",
          "updated_at": "2024-01-03T03:09:42.943Z"
        }
        """;

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
}
