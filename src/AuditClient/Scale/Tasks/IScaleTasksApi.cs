namespace AuditClient.Scale;

/// <summary>
/// Scale tasks with their audit fields, and the task audit action. Thread-safe: one instance serves concurrent
/// callers. <see cref="ScaleTasksApiExtensions.ListAllTasksAsync"/> pages through a whole listing.
/// </summary>
public interface IScaleTasksApi
{
    /// <summary>Gets a task with its audit fields (<c>GET /v1/task/{task_id}</c>).</summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="taskId"/> is <see langword="null"/>.</exception>
    /// <exception cref="AuditValidationException">The task id is empty or cannot be sent in a URL path; nothing was sent.</exception>
    /// <exception cref="AuditNotFoundException">No task has this id.</exception>
    /// <exception cref="AuditApiException">The call failed.</exception>
    Task<ScaleTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gets one page of the tasks matching <paramref name="query"/> (<c>GET /v1/tasks</c>). Pass the page's
    /// <see cref="ScaleTaskPage.NextToken"/> as <see cref="ScaleTaskQuery.NextToken"/> to get the next page, or let
    /// <see cref="ScaleTasksApiExtensions.ListAllTasksAsync"/> do it.
    /// </summary>
    /// <param name="query">The filters; <c>new ScaleTaskQuery()</c> lists every task.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    /// <exception cref="AuditValidationException">
    /// A filter is invalid (a limit outside 1..100, an "after" time later than its "before" time, an empty value);
    /// nothing was sent.
    /// </exception>
    /// <exception cref="AuditApiException">The call failed.</exception>
    Task<ScaleTaskPage> ListTasksAsync(ScaleTaskQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Audits a completed task: accepts or rejects it (<c>POST /v1/task/{task_id}/audit</c>). Not repeated blindly after
    /// a 5xx answer, a timeout or a lost connection, since a repeat could record a second audit: unless
    /// <see cref="ScaleOptions.ReconcileWrites"/> is off, the task is read first and the call is sent again only when it
    /// holds no customer audit with this result since the call was sent. Retried at once after 429 or 503, which mean
    /// Scale did not process it.
    /// </summary>
    /// <param name="taskId">The task id.</param>
    /// <param name="accepted"><see langword="true"/> to accept the task, <see langword="false"/> to reject it.</param>
    /// <param name="comments">The audit comments; not sent when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The task, as Scale returns it after the audit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="taskId"/> is <see langword="null"/>.</exception>
    /// <exception cref="AuditValidationException">The task id is empty or cannot be sent in a URL path; nothing was sent.</exception>
    /// <exception cref="AuditNotFoundException">No task has this id.</exception>
    /// <exception cref="AuditApiException">The call failed (for instance, the task cannot be audited); when it may have
    /// taken effect and reading the task failed too, <see cref="AuditApiException.ReconcileToken"/> is
    /// <c>{task_id}:{accepted|rejected}:{send time}</c>.</exception>
    Task<ScaleTask> AuditTaskAsync(string taskId, bool accepted, string? comments = null, CancellationToken cancellationToken = default);
}
