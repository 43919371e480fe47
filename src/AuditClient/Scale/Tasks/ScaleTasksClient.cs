using AuditClient.Core.Http;
using AuditClient.Core.Serialization;
using AuditClient.Core.Validation;

namespace AuditClient.Scale;

/// <summary>Validates input, then calls Scale's task endpoints through the generated client.</summary>
internal sealed class ScaleTasksClient(IScaleRefitApi api) : IScaleTasksApi
{
    private static readonly ApiOperation Get = new(ScaleProfile.Instance, "scale.tasks.get", "GET", "/v1/task/{taskId}");
    private static readonly ApiOperation List = new(ScaleProfile.Instance, "scale.tasks.list", "GET", "/v1/tasks");

    // Not repeat-safe: a repeated POST could record a second audit, so it is retried only when Scale did not process it
    // (429, 503, no connection).
    private static readonly ApiOperation Audit = new(ScaleProfile.Instance, "scale.tasks.audit", "POST", "/v1/task/{taskId}/audit");

    private static readonly Func<HttpContent, CancellationToken, Task<ScaleTask?>> TaskBody = ApiCall.Json(AuditClientJsonContext.Wire.ScaleTask);
    private static readonly Func<HttpContent, CancellationToken, Task<ScaleTaskPage?>> PageBody = ApiCall.Json(AuditClientJsonContext.Wire.ScaleTaskPage);

    public Task<ScaleTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var violations = new Violations();
        violations.Required(taskId, "task_id");
        violations.ThrowIfAny();
        return ApiCall.SendAsync(Get, (api, taskId), static (s, call, ct) => s.api.GetTaskAsync(s.taskId, call, ct), TaskBody, cancellationToken)!;
    }

    public Task<ScaleTaskPage> ListTasksAsync(ScaleTaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var violations = new Violations();
        ScaleTaskQueryRules.Validate(query, violations);
        violations.ThrowIfAny();

        return ApiCall.SendAsync(
            List,
            (api, query),
            static (s, call, ct) => s.api.ListTasksAsync(
                s.query.Project,
                s.query.Batch,
                s.query.Status?.ToString(),
                s.query.Type,
                ScaleTaskQueryRules.Time(s.query.StartTime),
                ScaleTaskQueryRules.Time(s.query.EndTime),
                ScaleTaskQueryRules.Time(s.query.CompletedAfter),
                ScaleTaskQueryRules.Time(s.query.CompletedBefore),
                ScaleTaskQueryRules.Time(s.query.UpdatedAfter),
                ScaleTaskQueryRules.Time(s.query.UpdatedBefore),
                ScaleTaskQueryRules.ReviewStatuses(s.query.CustomerReviewStatuses),
                s.query.UniqueIds is { Count: > 0 } u ? u : null,
                s.query.Tags is { Count: > 0 } t ? t : null,
                ScaleTaskQueryRules.Number(s.query.Limit),
                s.query.NextToken,
                ScaleTaskQueryRules.Boolean(s.query.IncludeAttachmentUrl),
                call,
                ct),
            PageBody,
            cancellationToken)!;
    }

    public Task<ScaleTask> AuditTaskAsync(string taskId, bool accepted, string? comments = null, CancellationToken cancellationToken = default)
    {
        var violations = new Violations();
        violations.Required(taskId, "task_id");
        violations.ThrowIfAny();
        var body = new TaskAuditRequest { Accepted = accepted, Comments = comments };
        return ApiCall.SendAsync(Audit, (api, taskId, body), static (s, call, ct) => s.api.AuditTaskAsync(s.taskId, s.body, call, ct), TaskBody, cancellationToken)!;
    }
}
