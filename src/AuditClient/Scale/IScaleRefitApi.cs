using Refit;

namespace AuditClient.Scale;

/// <summary>Scale's HTTP endpoints, as Refit generates them. The public interfaces validate, then call these.</summary>
[Headers("Accept: application/json")]
internal interface IScaleRefitApi
{
    // Fixless audits. Create answers 201 with the stored audit; it is not repeat-safe (a repeat would store a second
    // audit). List filters by task_id and/or id; an SRN goes in id as is.

    [Put("/v1/audits")]
    Task<FixlessAudit?> CreateAuditAsync([Body] FixlessAuditCreate audit, CancellationToken cancellationToken);

    [Get("/v1/audits")]
    Task<List<FixlessAudit>?> ListAuditsAsync([AliasAs("task_id")] string? taskId, [AliasAs("id")] string? id, CancellationToken cancellationToken);

    // Tasks

    [Get("/v1/task/{taskId}")]
    Task<ScaleTask?> GetTaskAsync(string taskId, CancellationToken cancellationToken);
}
