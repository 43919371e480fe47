using AuditClient.Scale;

namespace AuditClient.Samples.Snippets;

/// <summary>
/// 4. Page through a project's rejected tasks. <c>ListAllTasksAsync</c> follows <c>next_token</c>, holds one page at a
/// time, and asks for the next page only when the loop gets there, so breaking out stops the paging.
/// </summary>
internal static class PageRejectedTasks
{
    private const int MaxShown = 20;

    public static async Task<int> RunAsync(IScaleTasksApi tasks, string project, int pageSize, TextWriter output, CancellationToken cancellationToken)
    {
        var query = new ScaleTaskQuery
        {
            Project = project,
            CustomerReviewStatuses = [CustomerReviewStatus.Rejected],
            Limit = pageSize,   // tasks per request
        };

        var shown = 0;
        await foreach (var task in tasks.ListAllTasksAsync(query, cancellationToken))
        {
            if (shown == MaxShown)
            {
                output.WriteLine($"... stopping after {MaxShown}: no further page is requested");
                break;
            }

            shown++;
            var audit = task.LatestAudit;
            output.WriteLine($"{task.TaskId} ({task.Type}): {audit?.AuditPerAnnotationErrors?.Count ?? 0} errors, "
                + $"rejected {audit?.AuditedAt:u} by {audit?.AuditedBy}");
        }

        output.WriteLine($"{shown} rejected task(s) in project {project}, {pageSize} per page");
        return shown;
    }
}
