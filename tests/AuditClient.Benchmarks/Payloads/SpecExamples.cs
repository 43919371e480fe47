using System.Text;

namespace AuditClient.Benchmarks.Payloads;

/// <summary>
/// The vendors' own examples (/work/shared/specs), as the canned requests and answers of the call-overhead suite.
/// Where a spec elides part of an example (<c>"params": {...}</c>, a trailing <c>...</c>), it is filled with values of
/// the documented shape so that the JSON is valid; nothing else is changed.
/// </summary>
internal static class SpecExamples
{
    public const string TaskId = "576ba74eec471ff9b01557cc";

    /// <summary>scale-task-audits-with-json.txt, "Audit Example", with <c>params</c> filled in.</summary>
    public static readonly byte[] Task = Encoding.UTF8.GetBytes("""
        {
          "task_id": "576ba74eec471ff9b01557cc",
          "created_at": "2021-06-22T09:09:34.752Z",
          "completed_at": "2021-06-23T09:10:02.798Z",
          "type": "imageannotation",
          "status": "completed",
          "params": {
            "attachment_type": "image",
            "attachment": "https://example.com/images/576ba74eec471ff9b01557cc.jpg",
            "categories": ["big", "small"]
          },
          "response": {
            "category": "big"
          },
          "customer_review_status": "fixed",
          "customer_review_comments": "Was small, actually is big",
          "prior_responses": [
            {
              "category": "small"
            }
          ],
          "audits": [
            {
              "audited_by": "customer@example.com",
              "audited_at": "2021-06-24T15:32:03.585Z",
              "audit_time_secs": 120,
              "audit_result": "accepted",
              "audit_source": "customer"
            },
            {
              "audited_by": "customer@example.com",
              "audited_at": "2021-06-23T10:01:02.352Z",
              "audit_time_secs": 511,
              "audit_result": "fixed",
              "audit_source": "customer"
            }
          ]
        }
        """);

    /// <summary>scale-fixless-audits.txt, "Example": the 201 answer to the example creation, verbatim.</summary>
    public static readonly byte[] FixlessAuditCreated = Encoding.UTF8.GetBytes("""
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
        """);

    /// <summary>cloudfactory-quality-api.txt: the 202 answer.</summary>
    public static readonly byte[] TaskReviewAccepted = Encoding.UTF8.GetBytes("""{"message":"Data successfully received."}""");
}
