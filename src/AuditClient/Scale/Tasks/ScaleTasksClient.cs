using AuditClient.Core.Http;
using AuditClient.Core.Validation;

namespace AuditClient.Scale;

/// <summary>Validates input, then calls Scale's task endpoints through the generated client.</summary>
internal sealed class ScaleTasksClient(IScaleRefitApi api) : IScaleTasksApi
{
    private static readonly ApiOperation Get = new(ScaleProfile.Instance, "scale.tasks.get", "GET", "/v1/task/{task_id}");
    private static readonly ApiOperation List = new(ScaleProfile.Instance, "scale.tasks.list", "GET", "/v1/tasks");
    private static readonly ApiOperation Audit = new(ScaleProfile.Instance, "scale.tasks.audit", "POST", "/v1/task/{task_id}/audit");

    public Task<ScaleTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var violations = new Violations();
        violations.Required(taskId, "task_id");
        violations.ThrowIfAny();
        return ApiCall.SendAsync(Get, (api, taskId), static (s, ct) => s.api.GetTaskAsync(s.taskId, ct), cancellationToken);
    }

    public Task<ScaleTaskPage> ListTasksAsync(ScaleTaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var violations = new Violations();
        ScaleTaskQueryRules.Validate(query, violations);
        violations.ThrowIfAny();

        var status = query.Status?.ToString();
        var startTime = ScaleTaskQueryRules.Time(query.StartTime);
        var endTime = ScaleTaskQueryRules.Time(query.EndTime);
        var completedAfter = ScaleTaskQueryRules.Time(query.CompletedAfter);
        var completedBefore = ScaleTaskQueryRules.Time(query.CompletedBefore);
        var updatedAfter = ScaleTaskQueryRules.Time(query.UpdatedAfter);
        var updatedBefore = ScaleTaskQueryRules.Time(query.UpdatedBefore);
        var reviewStatuses = ScaleTaskQueryRules.ReviewStatuses(query.CustomerReviewStatuses);
        var uniqueIds = query.UniqueIds is { Count: > 0 } u ? u : null;
        var tags = query.Tags is { Count: > 0 } t ? t : null;
        var limit = ScaleTaskQueryRules.Number(query.Limit);
        var includeAttachmentUrl = ScaleTaskQueryRules.Boolean(query.IncludeAttachmentUrl);

        return ApiCall.SendAsync(
            List,
            ct => api.ListTasksAsync(
                query.Project,
                query.Batch,
                status,
                query.Type,
                startTime,
                endTime,
                completedAfter,
                completedBefore,
                updatedAfter,
                updatedBefore,
                reviewStatuses,
                uniqueIds,
                tags,
                limit,
                query.NextToken,
                includeAttachmentUrl,
                ct),
            cancellationToken);
    }

    public Task<ScaleTask> AuditTaskAsync(string taskId, bool accepted, string? comments = null, CancellationToken cancellationToken = default)
    {
        var violations = new Violations();
        violations.Required(taskId, "task_id");
        violations.ThrowIfAny();
        var body = new TaskAuditRequest { Accepted = accepted, Comments = comments };
        return ApiCall.SendAsync(Audit, (api, taskId, body), static (s, ct) => s.api.AuditTaskAsync(s.taskId, s.body, ct), cancellationToken);
    }
}
