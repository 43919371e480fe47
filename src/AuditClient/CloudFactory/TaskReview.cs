using AuditClient.Core.Serialization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AuditClient.Core.Validation;

namespace AuditClient.CloudFactory;

/// <summary>
/// A reviewed task, as the CloudFactory Quality API receives it: the attributes of a reviewed unit of work of a
/// workstream. Required: <see cref="WorkstreamId"/>, <see cref="UseCaseId"/>, <see cref="TaskDefinitionId"/>,
/// <see cref="WorkerId"/>, <see cref="ReviewCompletedAt"/> and <see cref="ReviewScore"/>; they are nullable only so
/// that a missing one is reported by <see cref="Validate"/> instead of being sent.
/// </summary>
public sealed class TaskReview
{
    private IReadOnlyDictionary<string, int>? _errors;
    private JsonObject? _errorsJson;
    private IReadOnlyDictionary<string, string>? _reviewMetadata;
    private JsonObject? _reviewMetadataJson;

    private WireNumber? _subtaskReviewCount;

    private WireNumber? _taskReviewCount;

    private WireNumber? _reviewScore;

    private WireNumber? _reviewDuration;

    /// <summary>ID of the workstream that the task belongs to. Also the workstream of the request's path.</summary>
    [JsonPropertyName("workstream_id")]
    public string? WorkstreamId { get; set; }

    /// <summary>The ID of the Use Case to which the task belongs. It is validated against the WorkStream configuration.</summary>
    [JsonPropertyName("use_case_id")]
    public string? UseCaseId { get; set; }

    /// <summary>The ID of the Task Definition to which the task belongs. It is validated against the WorkStream configuration.</summary>
    [JsonPropertyName("task_definition_id")]
    public string? TaskDefinitionId { get; set; }

    /// <summary>The ID of the dataset to which the task belongs. Useful for AI/ML WorkStreams.</summary>
    [JsonPropertyName("dataset_id")]
    public string? DatasetId { get; set; }

    /// <summary>
    /// The ID of the parent asset to which the task belongs; for an image/frame annotation task, for example, the ID of
    /// the video clip from which the image/frame was taken.
    /// </summary>
    [JsonPropertyName("asset_id")]
    public string? AssetId { get; set; }

    /// <summary>Identifier (ID) of the original task.</summary>
    [JsonPropertyName("task_id")]
    public string? TaskId { get; set; }

    /// <summary>
    /// Any unique identifier that, if sent, is checked for uniqueness in the system for the given WorkStream, use case
    /// and task definition. With <see cref="ReplaceDuplicate"/> true or absent, it also makes the submission safe to
    /// retry after a server error or a timeout, and the SDK does so.
    /// </summary>
    [JsonPropertyName("unique_id")]
    public string? UniqueId { get; set; }

    /// <summary>
    /// If true (the default when absent), the attributes sent in the previous call with the same <see cref="UniqueId"/>
    /// are replaced by those of this call. If false, in CloudFactory's words, "the attributes sent in the previous API
    /// call are ignored"; such a review is never retried by the SDK after an ambiguous failure.
    /// </summary>
    [JsonPropertyName("replace_duplicate")]
    public bool? ReplaceDuplicate { get; set; }

    /// <summary>The URL of the original task, if available. Must be an absolute URL.</summary>
    [JsonPropertyName("task_url")]
    public string? TaskUrl { get; set; }

    /// <summary>When the original task was completed. Sent in ISO 8601, in UTC.</summary>
    [JsonPropertyName("task_completed_at")]
    public DateTimeOffset? TaskCompletedAt { get; set; }

    /// <summary>Email address or any other identifier of the worker who completed the original task.</summary>
    [JsonPropertyName("worker_id")]
    public string? WorkerId { get; set; }

    /// <summary>When the task review was completed. Sent in ISO 8601, in UTC.</summary>
    [JsonPropertyName("review_completed_at")]
    public DateTimeOffset? ReviewCompletedAt { get; set; }

    /// <summary>The time taken to review the task, in seconds. Not negative.</summary>
    [JsonIgnore]
    public double? ReviewDuration { get => _reviewDuration?.Number; set => _reviewDuration = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; ReviewDuration is its view.
    [JsonInclude]
    [JsonPropertyName("review_duration")]
    internal WireNumber? ReviewDurationJson { get => _reviewDuration; set => _reviewDuration = value; }

    /// <summary>Email address of the reviewer.</summary>
    [JsonPropertyName("reviewed_by")]
    public string? ReviewedBy { get; set; }

    /// <summary>
    /// Review score between 0 and 1 denoting the accuracy with which the task was completed: 0 means the task was
    /// completed incorrectly, 1.0 that it was completed 100% correctly.
    /// </summary>
    [JsonIgnore]
    public double? ReviewScore { get => _reviewScore?.Number; set => _reviewScore = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; ReviewScore is its view.
    [JsonInclude]
    [JsonPropertyName("review_score")]
    internal WireNumber? ReviewScoreJson { get => _reviewScore; set => _reviewScore = value; }

    /// <summary>Any text explaining or justifying the review score, and/or feedback for the original CloudWorker(s).</summary>
    [JsonPropertyName("review_explanation")]
    public string? ReviewExplanation { get; set; }

    /// <summary>
    /// The errors found: each key is the name of an error type (such as <c>missing_label</c>), each value the number of
    /// occurrences of that error type (not negative). A review read from JSON lists here the entries that are whole
    /// numbers (<c>24</c> or <c>24.0</c>); every entry, of any kind, is kept as it came and sent unchanged until this
    /// property is set.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, int>? Errors
    {
        get => _errors;
        set
        {
            _errors = value;
            _errorsJson = null;
        }
    }

    // The object as read, any values and digits; Errors is its view. A caller's dictionary is written from the view.
    [JsonInclude]
    [JsonPropertyName("errors")]
    internal JsonObject? ErrorsJson
    {
        get => _errorsJson ?? (_errors is null ? null : JsonViews.ObjectOf(_errors, count => JsonValue.Create(count)));
        set
        {
            _errorsJson = value;
            _errors = value is null ? null : JsonViews.WholeNumbers(value);
        }
    }

    // The object as read from JSON, when it was (not a caller's dictionary): its entries of any kind.
    internal JsonObject? ErrorsJsonAsRead => _errorsJson;

    /// <summary>The type of review: <c>QA</c>, <c>QC</c>, <c>Spot Check</c> or <c>Others</c>.</summary>
    [JsonPropertyName("review_type")]
    public ReviewType? ReviewType { get; set; }

    /// <summary>The total number of tasks that were reviewed. Not negative.</summary>
    [JsonIgnore]
    public int? TaskReviewCount { get => _taskReviewCount?.Int32; set => _taskReviewCount = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; TaskReviewCount is its view.
    [JsonInclude]
    [JsonPropertyName("task_review_count")]
    internal WireNumber? TaskReviewCountJson { get => _taskReviewCount; set => _taskReviewCount = value; }

    /// <summary>The total number of subtasks that were reviewed. Not negative.</summary>
    [JsonIgnore]
    public int? SubtaskReviewCount { get => _subtaskReviewCount?.Int32; set => _subtaskReviewCount = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; SubtaskReviewCount is its view.
    [JsonInclude]
    [JsonPropertyName("subtask_review_count")]
    internal WireNumber? SubtaskReviewCountJson { get => _subtaskReviewCount; set => _subtaskReviewCount = value; }

    /// <summary>
    /// Key-value pairs that further define the review, such as <c>"Person accuracy": "0.9"</c>. CloudFactory documents an
    /// object without a value type: a review read from JSON lists string values as they are and other values (numbers,
    /// objects) as their JSON text, leaving out nulls; every entry is kept as it came and sent unchanged until this
    /// property is set.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyDictionary<string, string>? ReviewMetadata
    {
        get => _reviewMetadata;
        set
        {
            _reviewMetadata = value;
            _reviewMetadataJson = null;
        }
    }

    // The object as read, any values; ReviewMetadata is its view. A caller's dictionary is written from the view.
    [JsonInclude]
    [JsonPropertyName("review_metadata")]
    internal JsonObject? ReviewMetadataJson
    {
        get => _reviewMetadataJson ?? (_reviewMetadata is null ? null : JsonViews.ObjectOf(_reviewMetadata, text => JsonValue.Create(text)));
        set
        {
            _reviewMetadataJson = value;
            _reviewMetadata = value is null ? null : JsonViews.StringValues(value);
        }
    }

    /// <summary>
    /// Measurements of the review, each a string or a number, such as <c>"attribute_1_count": 0.5</c>. Present in
    /// CloudFactory's example request although not in its field list.
    /// </summary>
    [JsonPropertyName("review_measurements")]
    public IReadOnlyDictionary<string, MeasurementValue>? ReviewMeasurements { get; set; }

    /// <summary>
    /// Checks the review against the rules of the API without sending it; the same check runs before every submission.
    /// </summary>
    /// <returns>Every broken rule, each naming its wire field (such as <c>errors.missing_label</c>); empty when valid.</returns>
    public IReadOnlyList<ValidationViolation> Validate()
    {
        var violations = new Violations();
        TaskReviewRules.Collect(this, violations);
        return violations.Items;
    }

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
