namespace AuditClient.Scale;

/// <summary>
/// Scale tasks with their audit fields. Thread-safe: one instance serves concurrent callers.
/// </summary>
public interface IScaleTasksApi
{
    /// <summary>Gets a task with its audit fields (<c>GET /v1/task/{task_id}</c>).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task.</returns>
    /// <exception cref="AuditValidationException">The task id is empty; nothing was sent.</exception>
    /// <exception cref="AuditNotFoundException">No task has this id.</exception>
    /// <exception cref="AuditApiException">The call failed.</exception>
    Task<ScaleTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default);
}
