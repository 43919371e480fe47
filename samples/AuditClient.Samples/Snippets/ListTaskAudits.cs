using AuditClient.Scale;

namespace AuditClient.Samples.Snippets;

/// <summary>
/// 2. List a task's fixless audits, and see what counts toward Scale's quality scores: only the latest audit, and of it
/// only the standard and severe errors that the grader does not mark as conflicting.
/// </summary>
internal static class ListTaskAudits
{
    public static async Task<FixlessAuditQuality> RunAsync(IScaleAuditsApi audits, string taskId, TextWriter output, CancellationToken cancellationToken)
    {
        var all = await audits.ListAuditsAsync(taskId: taskId, cancellationToken: cancellationToken);

        output.WriteLine($"task {taskId} has {all.Count} fixless audit(s)");
        foreach (var audit in all)
        {
            var active = audit.Active == true ? "active" : "not active";
            output.WriteLine($"  {audit.Id}: {audit.Result}, {audit.FeedbackItems?.Count ?? 0} items, created {audit.CreatedAt:u}, {active}");
        }

        var quality = FixlessAuditQuality.From(all);
        if (quality.LatestAudit is not { } latest)
        {
            return quality;
        }

        output.WriteLine($"latest audit {latest.Id}: {quality.CountedItems.Count} of {latest.FeedbackItems?.Count ?? 0} items count toward quality");
        foreach (var (category, count) in quality.CountsByCategory)
        {
            output.WriteLine($"  {category}: {count}");
        }

        foreach (var item in quality.Conflicts)
        {
            output.WriteLine($"  not counted, the grader says: {item.GraderOutput?.Explanation}");
        }

        if (quality.UngradedCount > 0)
        {
            output.WriteLine($"  {quality.UngradedCount} not graded yet: Scale grades a few minutes after creation, so counts may drop");
        }

        return quality;
    }
}
