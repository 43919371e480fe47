using System.Text;
using AuditClient.Tests.Scale;

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

    /// <summary>scale-fixless-audits.txt, "Example": the 201 answer to the example creation, verbatim (shared with the tests).</summary>
    public static readonly byte[] FixlessAuditCreated = Encoding.UTF8.GetBytes(FixlessAuditSpecExamples.ResponseBody);

    public static readonly byte[] TaskReviewAccepted = Encoding.UTF8.GetBytes("""{"message":"Data successfully received."}""");
}
