namespace AuditClient.Tests.Scale;

/// <summary>Task bodies as Scale sends them.</summary>
internal static class ScaleTaskJson
{
    /// <summary>The spec's audit example, its elided parts filled in, with every field of the task-audit spec set.</summary>
    public const string SpecExample = """
        {
          "task_id": "576ba74eec471ff9b01557cc",
          "created_at": "2021-06-22T09:09:34.752Z",
          "updated_at": "2021-06-24T15:32:04.001Z",
          "completed_at": "2021-06-23T09:10:02.798Z",
          "type": "imageannotation",
          "status": "completed",
          "params": { "attachment": "https://example.com/cow.jpg", "geometries": { "box": { "objects_to_annotate": ["cow"] } } },
          "response": { "category": "big" },
          "metadata": { "batch_owner": "ml-team", "shard": 7 },
          "unique_id": "cow-0001",
          "tags": ["cows", "audit-sample"],
          "project": "cow_detection",
          "batch": "cow_batch_3",
          "callback_url": "https://example.com/scale/callbacks",
          "customer_review_status": "fixed",
          "customer_review_comments": "Was small, actually is big",
          "prior_responses": [ { "category": "small" } ],
          "is_customer_fix": true,
          "audits": [
            {
              "audited_by": "reviewer@example.com",
              "audited_at": "2021-06-24T15:32:03.585Z",
              "audit_time_secs": 120,
              "audit_active_time_secs": 95.5,
              "audit_result": "accepted",
              "audit_source": "customer",
              "audit_per_annotation_errors": [
                {
                  "uuid": "0f8e6c5a-9a57-4c1b-8a0e-2d3c7b1f4e21",
                  "severity": "critical",
                  "error_type": "geometry",
                  "comment": "Box misses the tail",
                  "attribute": "occluded",
                  "is_fixed": true,
                  "original_label": "small",
                  "audit_label": "big",
                  "frame_num": 12,
                  "tagged_reasons": ["loose box", "tail cut"],
                  "original_box": { "left": 10.5, "top": 20, "width": 100, "height": 50, "rotation": 0 },
                  "audit_box": { "left": 8, "top": 18.25, "width": 130, "height": 55, "rotation": 0.1 },
                  "label_index": 3,
                  "pixel_location": [[1, 2], [3, 4]],
                  "is_without_annotation": false
                }
              ]
            },
            {
              "audited_by": "reviewer@example.com",
              "audited_at": "2021-06-23T10:01:02.352Z",
              "audit_time_secs": 511,
              "audit_active_time_secs": 511,
              "audit_result": "fixed",
              "audit_source": "customer"
            }
          ]
        }
        """;

    public static string Task(string id, string extraFields = "") =>
        $$"""{"task_id":"{{id}}","status":"completed","type":"imageannotation"{{extraFields}}}""";
}
