using System.Text.Json;
using AuditClient.Core.Serialization;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// A Scale task with its audit fields (<c>GET /v1/task/{task_id}</c>, <c>GET /v1/tasks</c>, audit callbacks).
/// The audit fields appear once the completed task has been audited.
/// </summary>
public sealed class ScaleTask
{
    private LooseStrings? _customerReviewComments;

    /// <summary>The task id.</summary>
    [JsonPropertyName("task_id")]
    public string? TaskId { get; set; }

    /// <summary>When the task was created.</summary>
    [JsonPropertyName("created_at")]
    public DateTimeOffset? CreatedAt { get; set; }

    /// <summary>When the task was last updated.</summary>
    [JsonPropertyName("updated_at")]
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>When the task was completed.</summary>
    [JsonPropertyName("completed_at")]
    public DateTimeOffset? CompletedAt { get; set; }

    /// <summary>The task type, such as <c>imageannotation</c>.</summary>
    [JsonPropertyName("type")]
    public string? Type { get; set; }

    /// <summary>The task status, such as <c>completed</c>.</summary>
    [JsonPropertyName("status")]
    public ScaleTaskStatus? Status { get; set; }

    /// <summary>The parameters the task was created with, as Scale returns them (any JSON, kept unchanged).</summary>
    [JsonPropertyName("params")]
    public JsonElement? Params { get; set; }

    /// <summary>The task's response. After a fix it is the response of the most recent audit.</summary>
    [JsonPropertyName("response")]
    public JsonElement? Response { get; set; }

    /// <summary>The metadata the task was created with (any JSON, kept unchanged).</summary>
    [JsonPropertyName("metadata")]
    public JsonElement? Metadata { get; set; }

    /// <summary>The customer's unique id of the task.</summary>
    [JsonPropertyName("unique_id")]
    public string? UniqueId { get; set; }

    /// <summary>The task's tags.</summary>
    [JsonPropertyName("tags")]
    public IReadOnlyList<string>? Tags { get; set; }

    /// <summary>The project the task belongs to.</summary>
    [JsonPropertyName("project")]
    public string? Project { get; set; }

    /// <summary>The batch the task belongs to.</summary>
    [JsonPropertyName("batch")]
    public string? Batch { get; set; }

    /// <summary>The URL Scale posts callbacks to for this task.</summary>
    [JsonPropertyName("callback_url")]
    public string? CallbackUrl { get; set; }

    /// <summary>Reflects the result of the audit as accepted, rejected or fixed; after several audits, the most recent one.</summary>
    [JsonPropertyName("customer_review_status")]
    public CustomerReviewStatus? CustomerReviewStatus { get; set; }

    /// <summary>
    /// The comments saved during the audits, oldest first. Scale documents a string but appends to an array when a
    /// task is fixed through several audits: both shapes are read into this one list. An entry that is not a string
    /// is listed as its JSON text; null entries are left out. What Scale sent is kept as it came and written back
    /// unchanged until this property is set.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string>? CustomerReviewComments { get => _customerReviewComments?.View; set => _customerReviewComments = LooseStrings.Of(value); }

    // The JSON as sent (string or array, any entries); CustomerReviewComments is its view.
    [JsonInclude]
    [JsonPropertyName("customer_review_comments")]
    [JsonConverter(typeof(ReviewCommentsConverter))]
    internal LooseStrings? CustomerReviewCommentsJson { get => _customerReviewComments; set => _customerReviewComments = value; }

    /// <summary>
    /// If the task is fixed, all prior, original responses: the first is the oldest and the last is the newest.
    /// </summary>
    [JsonPropertyName("prior_responses")]
    public IReadOnlyList<JsonElement>? PriorResponses { get; set; }

    /// <summary>Denotes tasks the customer fixed, as opposed to prior responses Scale submitted.</summary>
    [JsonPropertyName("is_customer_fix")]
    public bool? IsCustomerFix { get; set; }

    /// <summary>
    /// The audit records; only for tasks that have been completed and audited. Scale sorts them by
    /// <c>audited_at</c>, most recent first; <see cref="LatestAudit"/> does not rely on that order.
    /// </summary>
    [JsonPropertyName("audits")]
    public IReadOnlyList<TaskAudit>? Audits { get; set; }

    /// <summary>
    /// The most recent audit: the greatest <see cref="TaskAudit.AuditedAt"/>, whatever the order of
    /// <see cref="Audits"/>; <see langword="null"/> when the task has no audit. An audit without a time loses to any
    /// audit with one; between equals, the first listed wins (Scale lists the most recent first).
    /// </summary>
    [JsonIgnore]
    public TaskAudit? LatestAudit
    {
        get
        {
            TaskAudit? latest = null;
            foreach (var audit in Audits ?? [])
            {
                if (latest is null || (audit.AuditedAt is { } at && (latest.AuditedAt is not { } best || at > best)))
                {
                    latest = audit;
                }
            }

            return latest;
        }
    }

    /// <summary>
    /// Every response the task has had, oldest first: <see cref="PriorResponses"/>, then the current
    /// <see cref="Response"/> (when present).
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<JsonElement> ResponseHistory
    {
        get
        {
            var history = new List<JsonElement>((PriorResponses?.Count ?? 0) + 1);
            if (PriorResponses is { } prior)
            {
                history.AddRange(prior);
            }

            if (Response is { } current)
            {
                history.Add(current);
            }

            return history;
        }
    }

    /// <summary>
    /// Whether you (the customer) fixed the task, as opposed to prior responses Scale submitted: Scale's
    /// <c>is_customer_fix</c>, and <see langword="null"/> when Scale did not send it. There is deliberately no fallback:
    /// <c>customer_review_status: fixed</c> says the task was fixed, not by whom (a fix Scale made looks the same).
    /// </summary>
    [JsonIgnore]
    public bool? IsFixedByCustomer => IsCustomerFix;

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
