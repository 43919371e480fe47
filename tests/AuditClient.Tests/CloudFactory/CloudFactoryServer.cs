using System.Text.Json.Nodes;
using AuditClient.CloudFactory;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.CloudFactory;

/// <summary>The spec's example review, and a WireMock CloudFactory that accepts reviews.</summary>
internal static class CloudFactoryServer
{
    public const string WorkstreamId = "345d6802-0efa-46de-a73c-6c24f094dfcf";
    public const string ReviewPath = "/v1/workstreams/" + WorkstreamId + "/task_reviewed";
    public const string AcceptedBody = """{"message": "Data successfully received."}""";

    /// <summary>The request body of CloudFactory's Quality API example, verbatim.</summary>
    public const string SpecExampleJson = """
        {
          "workstream_id": "345d6802-0efa-46de-a73c-6c24f094dfcf",
          "use_case_id": "rr3d6802-0efa-46de-a73c-6c24f094dfcf",
          "task_definition_id": "032d6802-0efa-46de-a73c-6c24f094dfcf",
          "dataset_id": "6c24f094dfcf",
          "asset_id": "6c24f094dfcf",
          "task_id": "032d6802-0efa-46de-a73c-6c24f094dfcf",
          "unique_id": "032d6802-0efa-46de-a73c-6c24f094dfcf",
          "replace_duplicate": true,
          "task_url": "https://taskus.com/annotate/123412",
          "task_completed_at": "2020-12-22T10:13:24.127Z",
          "worker_id": "test_worker@cf.com",
          "review_completed_at": "2020-12-22T10:13:24.127Z",
          "review_duration": 120,
          "reviewed_by": "test_worker@cf.com",
          "review_score": 0.78,
          "review_explanation": "Some of the fields are filled wrong",
          "errors": {
            "missing_label": 24,
            "incorrect_label": 12,
            "boundary_not_captured": 1
          },
          "review_type": "QA",
          "task_review_count": 120,
          "subtask_review_count": 240,
          "review_metadata": {
            "Person accuracy": "0.9",
            "Date accuracy": "1",
            "Organization accuracy": "0.85",
            "Address accuracy": "0.25",
            "Vendor accuracy": "0.9"
          },
          "review_measurements": {
            "attribute_1_count": 0.5,
            "attribute_1_label": "Header"
          }
        }
        """;

    /// <summary>The spec's example, built through the SDK's types.</summary>
    public static TaskReview SpecExample() => new()
    {
        WorkstreamId = WorkstreamId,
        UseCaseId = "rr3d6802-0efa-46de-a73c-6c24f094dfcf",
        TaskDefinitionId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
        DatasetId = "6c24f094dfcf",
        AssetId = "6c24f094dfcf",
        TaskId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
        UniqueId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
        ReplaceDuplicate = true,
        TaskUrl = "https://taskus.com/annotate/123412",
        TaskCompletedAt = new DateTimeOffset(2020, 12, 22, 10, 13, 24, 127, TimeSpan.Zero),
        WorkerId = "test_worker@cf.com",
        ReviewCompletedAt = new DateTimeOffset(2020, 12, 22, 10, 13, 24, 127, TimeSpan.Zero),
        ReviewDuration = 120,
        ReviewedBy = "test_worker@cf.com",
        ReviewScore = 0.78,
        ReviewExplanation = "Some of the fields are filled wrong",
        Errors = new Dictionary<string, int> { ["missing_label"] = 24, ["incorrect_label"] = 12, ["boundary_not_captured"] = 1 },
        ReviewType = ReviewType.QA,
        TaskReviewCount = 120,
        SubtaskReviewCount = 240,
        ReviewMetadata = new Dictionary<string, string>
        {
            ["Person accuracy"] = "0.9",
            ["Date accuracy"] = "1",
            ["Organization accuracy"] = "0.85",
            ["Address accuracy"] = "0.25",
            ["Vendor accuracy"] = "0.9",
        },
        ReviewMeasurements = new Dictionary<string, MeasurementValue> { ["attribute_1_count"] = 0.5, ["attribute_1_label"] = "Header" },
    };

    /// <summary>The smallest valid review: the required fields only, no unique_id (so not repeat-safe).</summary>
    public static TaskReview Minimal(string? taskId = null) => new()
    {
        WorkstreamId = WorkstreamId,
        UseCaseId = "use-case-1",
        TaskDefinitionId = "task-def-1",
        TaskId = taskId,
        WorkerId = "worker@example.com",
        ReviewCompletedAt = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
        ReviewScore = 0.5,
    };

    /// <summary>Answers every review with 202 and CloudFactory's message, unless a stub of higher priority (below 10) matches.</summary>
    public static void AcceptReviews(WireMockServer server) =>
        server.Given(ReviewRequest()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(202).WithHeader("Content-Type", "application/json").WithBody(AcceptedBody));

    public static IRequestBuilder ReviewRequest() =>
        Request.Create().WithPath(new WildcardMatcher("/v1/workstreams/*/task_reviewed")).UsingPost();

    /// <summary>The value of a top-level string property of a request body the server received.</summary>
    public static string? BodyProperty(WireMock.Logging.ILogEntry entry, string name) =>
        JsonNode.Parse(entry.RequestMessage.Body!)![name]?.GetValue<string>();
}
