using AuditClient.Scale;

namespace AuditClient.Samples.Snippets;

/// <summary>
/// 3. Read a task's audit history: its latest audit with the per-annotation errors, the responses it went through, and
/// a summary of every audit (results over time, audit time, errors by type, how many were fixed).
/// </summary>
internal static class ReadTaskAuditHistory
{
    public static async Task<TaskAuditHistory> RunAsync(IScaleTasksApi tasks, string taskId, TextWriter output, CancellationToken cancellationToken)
    {
        var task = await tasks.GetTaskAsync(taskId, cancellationToken);
        output.WriteLine($"task {task.TaskId} ({task.Type}, {task.Status}): review status {task.CustomerReviewStatus}, fixed by the customer: {task.IsFixedByCustomer}");
        foreach (var comment in task.CustomerReviewComments ?? [])
        {
            output.WriteLine($"  comment: {comment}");
        }

        if (task.LatestAudit is { } audit)
        {
            output.WriteLine($"latest audit: {audit.AuditResult} by {audit.AuditedBy} at {audit.AuditedAt:u} ({audit.AuditSource})");
            foreach (var error in audit.AuditPerAnnotationErrors ?? [])
            {
                output.WriteLine($"  {error.Severity} {error.ErrorType} on {error.Uuid}, fixed: {error.IsFixed ?? false}");
            }
        }

        // Prior responses oldest first, then the current response.
        output.WriteLine($"{task.ResponseHistory.Count} response(s) over the task's life");

        var history = TaskAuditHistory.From(task);
        output.WriteLine($"history: {string.Join(" -> ", history.Results)}; {history.Audits.Count} audit(s), "
            + $"{history.AuditTime.TotalMinutes:F1} min of audit time; {history.FixedErrorCount} of {history.ErrorCount} errors fixed");
        foreach (var (type, count) in history.ErrorsByType)
        {
            output.WriteLine($"  {type}: {count}");
        }

        return history;
    }
}
