using AuditClient.Core.Http;
using Refit;

namespace AuditClient.Scale;

/// <summary>
/// Scale's HTTP endpoints, as Refit generates them. The public interfaces validate, then call these through
/// <see cref="ApiCall"/>, which reads and classifies the raw answer: every method returns it. Method and path are written here only; each client's <see cref="ApiOperation"/> repeats
/// them for telemetry, and a convention test proves the two agree.
/// </summary>
[Headers("Accept: application/json")]
internal interface IScaleRefitApi
{
    // Fixless audits. Create answers 201 with the stored audit; it is not repeat-safe (a repeat would store a second
    // audit). List filters by task_id and/or id; an SRN goes in id as is. The list path keeps the trailing slash of the
    // guide's only example (/v1/audits/?task_id=): a server that redirects the other form would not be followed.

    [Put("/v1/audits")]
    Task<HttpResponseMessage> CreateAuditAsync([Body] FixlessAuditCreate audit, CancellationToken cancellationToken);

    [Get("/v1/audits/")]
    Task<HttpResponseMessage> ListAuditsAsync([AliasAs("task_id")] string? taskId, [AliasAs("id")] string? id, CancellationToken cancellationToken);

    // Tasks

    [Get("/v1/task/{taskId}")]
    Task<HttpResponseMessage> GetTaskAsync(string taskId, CancellationToken cancellationToken);

    // Every filter arrives as the exact wire string (ScaleTaskQueryRules): Refit's own formatting follows the culture.
    [Get("/v1/tasks")]
    Task<HttpResponseMessage> ListTasksAsync(
        [AliasAs("project")] string? project,
        [AliasAs("batch")] string? batch,
        [AliasAs("status")] string? status,
        [AliasAs("type")] string? type,
        [AliasAs("start_time")] string? startTime,
        [AliasAs("end_time")] string? endTime,
        [AliasAs("completed_after")] string? completedAfter,
        [AliasAs("completed_before")] string? completedBefore,
        [AliasAs("updated_after")] string? updatedAfter,
        [AliasAs("updated_before")] string? updatedBefore,
        [AliasAs("customer_review_status")] string? customerReviewStatus,
        [AliasAs("unique_id")][Query(CollectionFormat.Multi)] IEnumerable<string>? uniqueId,
        [AliasAs("tags")][Query(CollectionFormat.Multi)] IEnumerable<string>? tags,
        [AliasAs("limit")] string? limit,
        [AliasAs("next_token")] string? nextToken,
        [AliasAs("include_attachment_url")] string? includeAttachmentUrl,
        CancellationToken cancellationToken);

    // Not marked repeat-safe: a repeated POST could record a second audit, so RetryRules retries it only when Scale
    // did not process it (429, 503, no connection).
    [Post("/v1/task/{taskId}/audit")]
    Task<HttpResponseMessage> AuditTaskAsync(string taskId, [Body] TaskAuditRequest audit, CancellationToken cancellationToken);
}
