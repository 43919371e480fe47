using AuditClient.Core.Http;
using AuditClient.Core.Validation;

namespace AuditClient.Scale;

/// <summary>Validates input, then calls Scale's task endpoints through the generated client.</summary>
internal sealed class ScaleTasksClient(IScaleRefitApi api) : IScaleTasksApi
{
    private static readonly ApiOperation Get = new(AuditVendor.Scale, "scale.tasks.get", "GET", "/v1/task/{task_id}");

    public Task<ScaleTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var violations = new Violations();
        violations.Required(taskId, "task_id");
        violations.ThrowIfAny();
        return ApiCall.SendAsync(Get, ct => api.GetTaskAsync(taskId, ct), cancellationToken);
    }
}
