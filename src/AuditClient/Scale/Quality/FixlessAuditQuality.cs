namespace AuditClient.Scale;

/// <summary>
/// What of a task's fixless audits counts toward Scale's quality scores: only the latest audit is considered, and of its
/// feedback items only errors of severity <c>standard</c> or <c>severe</c> (an absent severity is <c>standard</c>)
/// that the grader has not marked as conflicting. Build it from what <see cref="IScaleAuditsApi.ListAuditsAsync"/>
/// returns for a task.
/// </summary>
/// <remarks>
/// Scale's grader runs a few minutes after an audit is created; until an item has its <c>grader_output</c>, it is
/// counted (see <see cref="UngradedCount"/>), so the counts may still drop.
/// </remarks>
public sealed class FixlessAuditQuality
{
    private FixlessAuditQuality(FixlessAudit? latestAudit)
    {
        LatestAudit = latestAudit;
        var counted = new List<FeedbackItem>();
        var conflicts = new List<FeedbackItem>();
        var byCategory = new Dictionary<FeedbackItemCategory, int>();
        var bySeverity = new Dictionary<FeedbackItemSeverity, int>();
        foreach (var item in latestAudit?.FeedbackItems ?? [])
        {
            if (item is null)
            {
                continue;
            }

            if (item.GraderOutput?.Conflict == true)
            {
                conflicts.Add(item);
            }

            if (!CountsTowardQuality(item))
            {
                continue;
            }

            counted.Add(item);
            if (item.Category is { } category)
            {
                byCategory[category] = byCategory.GetValueOrDefault(category) + 1;
            }

            var severity = SeverityOf(item);
            bySeverity[severity] = bySeverity.GetValueOrDefault(severity) + 1;
            if (item.GraderOutput is null)
            {
                UngradedCount++;
            }
        }

        CountedItems = counted;
        Conflicts = conflicts;
        CountsByCategory = byCategory;
        CountsBySeverity = bySeverity;
    }

    /// <summary>
    /// The audit Scale scores the task by: the one marked <c>active</c> (the newest by <c>created_at</c> if several
    /// are); when none is, the newest by <c>created_at</c>, since Scale may not yet have marked a just-created audit.
    /// An audit without <c>created_at</c> loses to any audit with one; between equals the first listed wins.
    /// <see langword="null"/> when there is no audit.
    /// </summary>
    public FixlessAudit? LatestAudit { get; }

    /// <summary>The feedback items of <see cref="LatestAudit"/> that count toward quality scores, in their order.</summary>
    public IReadOnlyList<FeedbackItem> CountedItems { get; }

    /// <summary>
    /// <see cref="CountedItems"/> by <c>category</c>; a category with no counted item has no entry (an item without a
    /// category, which Scale requires, is in no entry).
    /// </summary>
    public IReadOnlyDictionary<FeedbackItemCategory, int> CountsByCategory { get; }

    /// <summary>
    /// <see cref="CountedItems"/> by severity: only <c>standard</c> (which includes items without a severity) and
    /// <c>severe</c> can appear; a severity with no counted item has no entry.
    /// </summary>
    public IReadOnlyDictionary<FeedbackItemSeverity, int> CountsBySeverity { get; }

    /// <summary>
    /// The items of <see cref="LatestAudit"/>, of any type, that the grader marked as conflicting (invalid):
    /// <c>grader_output.conflict</c> is true, and <c>grader_output.explanation</c> says why. None of them counts.
    /// </summary>
    public IReadOnlyList<FeedbackItem> Conflicts { get; }

    /// <summary>How many of <see cref="CountedItems"/> have no <c>grader_output</c> yet, and may still be found invalid.</summary>
    public int UngradedCount { get; }

    /// <summary>Finds the latest audit among a task's fixless audits and the items of it that count.</summary>
    /// <param name="audits">The task's audits, as <see cref="IScaleAuditsApi.ListAuditsAsync"/> returns them.</param>
    /// <returns>The quality view; empty when there is no audit.</returns>
    public static FixlessAuditQuality From(IEnumerable<FixlessAudit> audits)
    {
        ArgumentNullException.ThrowIfNull(audits);
        FixlessAudit? latest = null;
        foreach (var audit in audits)
        {
            if (audit is not null && (latest is null || IsLater(audit, latest)))
            {
                latest = audit;
            }
        }

        return new FixlessAuditQuality(latest);
    }

    /// <summary>
    /// Whether Scale counts a feedback item of the latest audit toward quality scores: its type is <c>error</c>, its severity
    /// <c>standard</c>, <c>severe</c> or absent (Scale's default is <c>standard</c>), and the grader has not marked it
    /// as conflicting.
    /// </summary>
    /// <param name="item">A feedback item of the task's latest audit.</param>
    /// <returns><see langword="true"/> when the item counts.</returns>
    public static bool CountsTowardQuality(FeedbackItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var severity = SeverityOf(item);
        return item.Type == FeedbackItemType.Error
            && (severity == FeedbackItemSeverity.Standard || severity == FeedbackItemSeverity.Severe)
            && item.GraderOutput?.Conflict != true;
    }

    // Scale's documented default for an absent severity; the wire keeps it absent.
    private static FeedbackItemSeverity SeverityOf(FeedbackItem item) => item.Severity ?? FeedbackItemSeverity.Standard;

    private static bool IsLater(FixlessAudit candidate, FixlessAudit best)
    {
        var candidateActive = candidate.Active == true;
        var bestActive = best.Active == true;
        if (candidateActive != bestActive)
        {
            return candidateActive;
        }

        return candidate.CreatedAt is { } at && (best.CreatedAt is not { } bestAt || at > bestAt);
    }
}
