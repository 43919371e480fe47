using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AuditClient.Benchmarks.CallOverhead;

// What an integrator would write by hand for the same two calls: flat DTOs, plain strings for enumerations, one flat
// class for every scope shape, the same JSON types as the SDK where the SDK keeps JSON as is (params, metadata...).
// The leanest reasonable baseline, so the SDK's ratio against it is an upper bound on what the SDK costs.

public sealed class HwTask
{
    [JsonPropertyName("task_id")] public string? TaskId { get; set; }
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }
    [JsonPropertyName("completed_at")] public DateTimeOffset? CompletedAt { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("status")] public string? Status { get; set; }
    [JsonPropertyName("params")] public JsonElement? Params { get; set; }
    [JsonPropertyName("response")] public JsonElement? Response { get; set; }
    [JsonPropertyName("metadata")] public JsonElement? Metadata { get; set; }
    [JsonPropertyName("unique_id")] public string? UniqueId { get; set; }
    [JsonPropertyName("tags")] public List<string>? Tags { get; set; }
    [JsonPropertyName("project")] public string? Project { get; set; }
    [JsonPropertyName("batch")] public string? Batch { get; set; }
    [JsonPropertyName("callback_url")] public string? CallbackUrl { get; set; }
    [JsonPropertyName("customer_review_status")] public string? CustomerReviewStatus { get; set; }
    [JsonPropertyName("customer_review_comments")] public string? CustomerReviewComments { get; set; }
    [JsonPropertyName("prior_responses")] public List<JsonElement>? PriorResponses { get; set; }
    [JsonPropertyName("is_customer_fix")] public bool? IsCustomerFix { get; set; }
    [JsonPropertyName("audits")] public List<HwTaskAudit>? Audits { get; set; }
}

public sealed class HwTaskAudit
{
    [JsonPropertyName("audited_by")] public string? AuditedBy { get; set; }
    [JsonPropertyName("audited_at")] public DateTimeOffset? AuditedAt { get; set; }
    [JsonPropertyName("audit_time_secs")] public double? AuditTimeSecs { get; set; }
    [JsonPropertyName("audit_active_time_secs")] public double? AuditActiveTimeSecs { get; set; }
    [JsonPropertyName("audit_result")] public string? AuditResult { get; set; }
    [JsonPropertyName("audit_source")] public string? AuditSource { get; set; }
    [JsonPropertyName("audit_per_annotation_errors")] public List<JsonElement>? AuditPerAnnotationErrors { get; set; }
}

public sealed class HwFixlessAuditCreate
{
    [JsonPropertyName("type")] public string Type { get; set; } = "fixless";
    [JsonPropertyName("result")] public string? Result { get; set; }
    [JsonPropertyName("task_id")] public string? TaskId { get; set; }
    [JsonPropertyName("comments")] public string? Comments { get; set; }
    [JsonPropertyName("target_response_url")] public string? TargetResponseUrl { get; set; }
    [JsonPropertyName("feedback_items")] public List<HwFeedbackItemCreate>? FeedbackItems { get; set; }
    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; set; }
}

public sealed class HwFeedbackItemCreate
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("scope")] public HwScope? Scope { get; set; }
    [JsonPropertyName("category")] public string? Category { get; set; }
    [JsonPropertyName("severity")] public string? Severity { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; set; }
}

/// <summary>Every scope shape in one class: what a hand-written client does when it does not model the union.</summary>
public sealed class HwScope
{
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("annotation_id")] public string? AnnotationId { get; set; }
    [JsonPropertyName("vertices")] public List<double[]>? Vertices { get; set; }
    [JsonPropertyName("coordinates")] public double[]? Coordinates { get; set; }
    [JsonPropertyName("missing_annotation_type")] public string? MissingAnnotationType { get; set; }
    [JsonPropertyName("stationary")] public bool? Stationary { get; set; }
    [JsonPropertyName("missing_annotation_class")] public string? MissingAnnotationClass { get; set; }
    [JsonPropertyName("sensor_id")] public string? SensorId { get; set; }
    [JsonPropertyName("attribute")] public string? Attribute { get; set; }
    [JsonPropertyName("interval")] public HwInterval? Interval { get; set; }
}

public sealed class HwInterval
{
    [JsonPropertyName("type")] public string Type { get; set; } = "frame_range";
    [JsonPropertyName("start")] public long? Start { get; set; }
    [JsonPropertyName("end")] public long? End { get; set; }
}

public sealed class HwFixlessAudit
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("srn")] public string? Srn { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("task_id")] public string? TaskId { get; set; }
    [JsonPropertyName("task_type")] public string? TaskType { get; set; }
    [JsonPropertyName("result")] public string? Result { get; set; }
    [JsonPropertyName("comments")] public string? Comments { get; set; }
    [JsonPropertyName("target_response")] public HwTargetResponse? TargetResponse { get; set; }
    [JsonPropertyName("feedback_items")] public List<HwFeedbackItem>? FeedbackItems { get; set; }
    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; set; }
    [JsonPropertyName("active")] public bool? Active { get; set; }
    [JsonPropertyName("source")] public string? Source { get; set; }
    [JsonPropertyName("created_by")] public string? CreatedBy { get; set; }
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }
}

public sealed class HwTargetResponse
{
    [JsonPropertyName("url")] public string? Url { get; set; }
}

public sealed class HwFeedbackItem
{
    [JsonPropertyName("id")] public string? Id { get; set; }
    [JsonPropertyName("type")] public string? Type { get; set; }
    [JsonPropertyName("state")] public string? State { get; set; }
    [JsonPropertyName("scope")] public HwScope? Scope { get; set; }
    [JsonPropertyName("category")] public string? Category { get; set; }
    [JsonPropertyName("severity")] public string? Severity { get; set; }
    [JsonPropertyName("description")] public string? Description { get; set; }
    [JsonPropertyName("metadata")] public JsonObject? Metadata { get; set; }
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }
    [JsonPropertyName("updated_by")] public string? UpdatedBy { get; set; }
    [JsonPropertyName("grader_output")] public HwGraderOutput? GraderOutput { get; set; }
}

public sealed class HwGraderOutput
{
    [JsonPropertyName("conflict")] public bool? Conflict { get; set; }
    [JsonPropertyName("explanation")] public string? Explanation { get; set; }
}

// HwTask again as immutable records with init-only properties, the SDK models' convention, to isolate what that
// convention costs: the source generator treats init-only properties as constructor parameters, so every object is
// read into an object[] (value types boxed) and built at its end.

public sealed record HwTaskInit
{
    [JsonPropertyName("task_id")] public string? TaskId { get; init; }
    [JsonPropertyName("created_at")] public DateTimeOffset? CreatedAt { get; init; }
    [JsonPropertyName("updated_at")] public DateTimeOffset? UpdatedAt { get; init; }
    [JsonPropertyName("completed_at")] public DateTimeOffset? CompletedAt { get; init; }
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("status")] public string? Status { get; init; }
    [JsonPropertyName("params")] public JsonElement? Params { get; init; }
    [JsonPropertyName("response")] public JsonElement? Response { get; init; }
    [JsonPropertyName("metadata")] public JsonElement? Metadata { get; init; }
    [JsonPropertyName("unique_id")] public string? UniqueId { get; init; }
    [JsonPropertyName("tags")] public IReadOnlyList<string>? Tags { get; init; }
    [JsonPropertyName("project")] public string? Project { get; init; }
    [JsonPropertyName("batch")] public string? Batch { get; init; }
    [JsonPropertyName("callback_url")] public string? CallbackUrl { get; init; }
    [JsonPropertyName("customer_review_status")] public string? CustomerReviewStatus { get; init; }
    [JsonPropertyName("customer_review_comments")] public string? CustomerReviewComments { get; init; }
    [JsonPropertyName("prior_responses")] public IReadOnlyList<JsonElement>? PriorResponses { get; init; }
    [JsonPropertyName("is_customer_fix")] public bool? IsCustomerFix { get; init; }
    [JsonPropertyName("audits")] public IReadOnlyList<HwTaskAuditInit>? Audits { get; init; }
}

public sealed record HwTaskAuditInit
{
    [JsonPropertyName("audited_by")] public string? AuditedBy { get; init; }
    [JsonPropertyName("audited_at")] public DateTimeOffset? AuditedAt { get; init; }
    [JsonPropertyName("audit_time_secs")] public double? AuditTimeSecs { get; init; }
    [JsonPropertyName("audit_active_time_secs")] public double? AuditActiveTimeSecs { get; init; }
    [JsonPropertyName("audit_result")] public string? AuditResult { get; init; }
    [JsonPropertyName("audit_source")] public string? AuditSource { get; init; }
    [JsonPropertyName("audit_per_annotation_errors")] public IReadOnlyList<JsonElement>? AuditPerAnnotationErrors { get; init; }
}

// A page of GET /v1/tasks, for the paging benchmark.
public sealed class HwTaskPage
{
    [JsonPropertyName("docs")] public List<HwTask>? Docs { get; set; }
    [JsonPropertyName("total")] public long? Total { get; set; }
    [JsonPropertyName("limit")] public int? Limit { get; set; }
    [JsonPropertyName("next_token")] public string? NextToken { get; set; }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(HwTask))]
[JsonSerializable(typeof(HwTaskPage))]
[JsonSerializable(typeof(HwTaskInit))]
[JsonSerializable(typeof(HwFixlessAuditCreate))]
[JsonSerializable(typeof(HwFixlessAudit))]
public sealed partial class HandWrittenJson : JsonSerializerContext;
