using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Scale;

namespace AuditClient.Tests.Testing;

/// <summary>
/// Raw HTTP against the fakes, for what the SDK cannot send yet (full bodies, the task listing, the audit action).
/// These requests are the vendors' wire format, so the tests using them stay valid as the SDK grows.
/// </summary>
internal static class FakeHttp
{
    public static HttpClient Scale(AuditFakes fakes, string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = fakes.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes((apiKey ?? fakes.ScaleApiKey) + ":")));
        return client;
    }

    public static HttpClient CloudFactory(AuditFakes fakes, string? apiKey = null)
    {
        var client = new HttpClient { BaseAddress = fakes.BaseAddress };
        client.DefaultRequestHeaders.Add("x-api-key", apiKey ?? fakes.CloudFactoryApiKey);
        return client;
    }

    public static Task<Answer> GetAsync(HttpClient client, string pathAndQuery) => SendAsync(client, HttpMethod.Get, pathAndQuery, null);

    public static Task<Answer> PutAsync(HttpClient client, string path, string json) => SendAsync(client, HttpMethod.Put, path, json);

    public static Task<Answer> PostAsync(HttpClient client, string path, string json) => SendAsync(client, HttpMethod.Post, path, json);

    public static async Task<Answer> SendAsync(HttpClient client, HttpMethod method, string pathAndQuery, string? json)
    {
        using var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/'));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response.Headers.RetryAfter?.Delta, response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>The spec's fixless-audit creation example, for <paramref name="taskId"/>.</summary>
    public static JsonObject SpecAudit(string taskId = ScaleFake.ExampleTaskId) => FixlessAuditSpecExamples.RequestJson(taskId);

    /// <summary>An audit with one feedback item.</summary>
    public static JsonObject AuditWith(JsonObject item, string taskId = ScaleFake.ExampleTaskId)
    {
        var audit = SpecAudit(taskId);
        audit["feedback_items"] = new JsonArray(item);
        return audit;
    }

    public static JsonObject Interval(int start, int end) => new() { ["type"] = "frame_range", ["start"] = start, ["end"] = end };

    /// <summary>The CloudFactory spec's example request, for <paramref name="workstreamId"/>.</summary>
    public static JsonObject SpecReview(string workstreamId = "345d6802-0efa-46de-a73c-6c24f094dfcf") => new()
    {
        ["workstream_id"] = workstreamId,
        ["use_case_id"] = "rr3d6802-0efa-46de-a73c-6c24f094dfcf",
        ["task_definition_id"] = "032d6802-0efa-46de-a73c-6c24f094dfcf",
        ["dataset_id"] = "6c24f094dfcf",
        ["asset_id"] = "6c24f094dfcf",
        ["task_id"] = "032d6802-0efa-46de-a73c-6c24f094dfcf",
        ["unique_id"] = "032d6802-0efa-46de-a73c-6c24f094dfcf",
        ["replace_duplicate"] = true,
        ["task_url"] = "https://taskus.com/annotate/123412",
        ["task_completed_at"] = "2020-12-22T10:13:24.127Z",
        ["worker_id"] = "test_worker@cf.com",
        ["review_completed_at"] = "2020-12-22T10:13:24.127Z",
        ["review_duration"] = 120,
        ["reviewed_by"] = "test_worker@cf.com",
        ["review_score"] = 0.78,
        ["review_explanation"] = "Some of the fields are filled wrong",
        ["errors"] = new JsonObject { ["missing_label"] = 24, ["incorrect_label"] = 12, ["boundary_not_captured"] = 1 },
        ["review_type"] = "QA",
        ["task_review_count"] = 120,
        ["subtask_review_count"] = 240,
        ["review_metadata"] = new JsonObject { ["Person accuracy"] = "0.9", ["Date accuracy"] = "1" },
        ["review_measurements"] = new JsonObject { ["attribute_1_count"] = 0.5, ["attribute_1_label"] = "Header" },
    };

    /// <summary>
    /// The SDK's creation model for an audit of <paramref name="taskId"/>. The one place to fill in once
    /// FixlessAuditCreate has its full fields (today it only carries the task id, which the fake refuses with 400).
    /// </summary>
    public static FixlessAuditCreate SdkAudit(string taskId = ScaleFake.ExampleTaskId) => new()
    {
        TaskId = taskId,
        Result = FixlessAuditResult.Rejected,
        TargetResponseUrl = "https://example.test/responses/" + taskId + ".json",
        FeedbackItems =
        [
            new FeedbackItemCreate
            {
                Type = FeedbackItemType.Error,
                Category = FeedbackItemCategory.Label,
                Scope = new FeedbackItemScopeAnnotation
                {
                    AnnotationId = "abc123",
                    Interval = new FeedbackItemInterval { Type = FeedbackItemIntervalType.FrameRange, Start = 0, End = 10 },
                },
            },
        ],
    };

    public static AuditClient.CloudFactory.TaskReview SdkReview(string workstreamId) => new()
    {
        WorkstreamId = workstreamId,
        UseCaseId = "use-case-1",
        TaskDefinitionId = "task-def-1",
        WorkerId = "worker@example.com",
        ReviewCompletedAt = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
        ReviewScore = 0.75,
    };

    public static string Path(string path, params (string Name, string Value)[] query) =>
        query.Length == 0 ? path : path + "?" + string.Join("&", query.Select(q => $"{q.Name}={Uri.EscapeDataString(q.Value)}"));

    internal sealed record Answer(HttpStatusCode Status, JsonNode? Body, TimeSpan? RetryAfter, string? MediaType)
    {
        public JsonObject Object => Body as JsonObject ?? throw new AssertionException($"Expected a JSON object, got: {Body?.ToJsonString() ?? "nothing"}");

        public JsonArray Array => Body as JsonArray ?? throw new AssertionException($"Expected a JSON array, got: {Body?.ToJsonString() ?? "nothing"}");
    }
}
