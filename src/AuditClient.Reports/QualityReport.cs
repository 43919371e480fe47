namespace AuditClient.Reports;

/// <summary>What a <see cref="QualityAccumulator.ToReport"/> is asked for.</summary>
public sealed class QualityReportOptions
{
    /// <summary>The acceptance rate the vendor owes, in [0, 1]; 0.95 by default.</summary>
    public double Sla
    {
        get;
        set => field = value is >= 0 and <= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The SLA must be a share between 0 and 1.");
    } = 0.95;

    /// <summary>
    /// The median <c>review_score</c> below which a CloudFactory worker is listed first; <see langword="null"/> (the
    /// default) uses <see cref="Sla"/>.
    /// </summary>
    public double? WorkerThreshold
    {
        get;
        set => field = value is null or (>= 0 and <= 1) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The threshold must be a score between 0 and 1.");
    }

    /// <summary>How many of the worst tasks to list; 20 by default.</summary>
    public int WorstTasks
    {
        get;
        set => field = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The number of worst tasks cannot be negative.");
    } = 20;
}

/// <summary>Whether a share meets the SLA, judged on its 95% interval.</summary>
public enum SlaVerdict
{
    /// <summary>No task to judge.</summary>
    NoData,

    /// <summary>The whole interval is at or above the SLA.</summary>
    Met,

    /// <summary>The interval straddles the SLA: more audits are needed to tell.</summary>
    Uncertain,

    /// <summary>The whole interval is below the SLA.</summary>
    Missed,
}

/// <summary>A share judged against the SLA.</summary>
/// <param name="Share">The share with its interval.</param>
/// <param name="Verdict">Met, missed or uncertain.</param>
public readonly record struct SlaFigure(Proportion Share, SlaVerdict Verdict);

/// <summary>Counted feedback-item errors of one category, split by severity.</summary>
/// <param name="Category">The category (<c>none</c> for an item without one).</param>
/// <param name="Count">Counted errors of the category.</param>
/// <param name="BySeverity">The same by severity (an absent severity is <c>standard</c>, as Scale counts it).</param>
public sealed record CategoryErrors(string Category, int Count, IReadOnlyDictionary<string, int> BySeverity);

/// <summary>The audited tasks of one ISO week or one batch.</summary>
/// <param name="Key">The week (<c>2026-W07</c>) or the batch.</param>
/// <param name="Audited">Audited tasks.</param>
/// <param name="Acceptance">Tasks whose verdict is <c>accepted</c>, of the tasks with a verdict.</param>
/// <param name="CountedErrorsPerTask">Counted errors per task with a fixless audit.</param>
public sealed record TrendPoint(string Key, int Audited, Proportion Acceptance, Mean CountedErrorsPerTask);

/// <summary>One CloudFactory worker's reviews.</summary>
/// <param name="WorkerId">The review's <c>worker_id</c>.</param>
/// <param name="Reviews">Reviews of the worker's tasks.</param>
/// <param name="Scores">The distribution of their <c>review_score</c>.</param>
/// <param name="BelowThreshold">Whether the median score is below the threshold.</param>
/// <param name="ErrorsByType">The reviews' <c>errors</c>, summed by error type.</param>
/// <param name="Weeks">The mean score per ISO week of <c>review_completed_at</c>.</param>
public sealed record WorkerRow(
    string WorkerId,
    int Reviews,
    Distribution Scores,
    bool BelowThreshold,
    IReadOnlyDictionary<string, int> ErrorsByType,
    IReadOnlyList<WorkerWeek> Weeks);

/// <summary>A worker's mean review score in one ISO week.</summary>
/// <param name="Week">The week, <c>2026-W07</c>.</param>
/// <param name="Score">The mean <c>review_score</c> of the week, with its interval.</param>
public sealed record WorkerWeek(string Week, Mean Score);

/// <summary>One audited task, for the drill-down.</summary>
/// <param name="TaskId">The task's id.</param>
/// <param name="Project">Its project.</param>
/// <param name="Batch">Its batch.</param>
/// <param name="Verdict">Its latest audit's result (<c>accepted</c>, <c>rejected</c>, <c>fixed</c>...), if any.</param>
/// <param name="CountedErrors">Counted errors of its latest fixless audit.</param>
/// <param name="Conflicts">Items of its latest fixless audit that the grader marked as conflicts.</param>
/// <param name="AnnotationErrors">Per-annotation errors of its task audits.</param>
/// <param name="Categories">The categories of its counted errors, most frequent first.</param>
public sealed record TaskOutcome(
    string TaskId,
    string? Project,
    string? Batch,
    string? Verdict,
    int CountedErrors,
    int Conflicts,
    int AnnotationErrors,
    IReadOnlyList<string> Categories);

/// <summary>
/// The figures of a vendor-quality report, each with its sample size: scope, headline against the SLA, where the
/// errors fall, the trend by week and batch, CloudFactory workers, audit effort and the worst tasks.
/// </summary>
public sealed class QualityReport
{
    /// <summary>The SLA the shares were judged against.</summary>
    public required double Sla { get; init; }

    /// <summary>The projects of the tasks.</summary>
    public required IReadOnlyList<string> Projects { get; init; }

    /// <summary>The batches of the tasks.</summary>
    public required IReadOnlyList<string> Batches { get; init; }

    /// <summary>The earliest <c>completed_at</c> (else <c>created_at</c>) of the tasks.</summary>
    public required DateTimeOffset? PeriodStart { get; init; }

    /// <summary>The latest <c>completed_at</c> (else <c>created_at</c>) of the tasks.</summary>
    public required DateTimeOffset? PeriodEnd { get; init; }

    /// <summary>Tasks added.</summary>
    public required int Tasks { get; init; }

    /// <summary>Tasks whose status is <c>completed</c>.</summary>
    public required int TasksCompleted { get; init; }

    /// <summary>Audited tasks, of the completed tasks.</summary>
    public required Proportion TasksAudited { get; init; }

    /// <summary>Audits by source: task audits by <c>audit_source</c>, fixless audits as <c>fixless SOURCE</c>.</summary>
    public required IReadOnlyDictionary<string, int> AuditsBySource { get; init; }

    /// <summary>Audited tasks whose verdict is <c>accepted</c>, of those with a verdict.</summary>
    public required SlaFigure Acceptance { get; init; }

    /// <summary>Tasks that the customer's first audit accepted, of the tasks the customer audited.</summary>
    public required SlaFigure FirstPassAcceptance { get; init; }

    /// <summary>Audited tasks whose verdict is <c>rejected</c>.</summary>
    public required Proportion Rejection { get; init; }

    /// <summary>Audited tasks fixed by the customer at some point (an audit result <c>fixed</c> or <c>is_customer_fix</c>).</summary>
    public required Proportion FixRate { get; init; }

    /// <summary>Counted feedback-item errors per task with a fixless audit.</summary>
    public required Mean CountedErrorsPerTask { get; init; }

    /// <summary>Per-annotation errors per task with a task audit.</summary>
    public required Mean AnnotationErrorsPerTask { get; init; }

    /// <summary>Counted feedback-item errors by category, most first (a Pareto order), split by severity.</summary>
    public required IReadOnlyList<CategoryErrors> CountedErrors { get; init; }

    /// <summary>Per-annotation errors of task audits by <c>error_type</c>, most first.</summary>
    public required IReadOnlyDictionary<string, int> AnnotationErrorsByType { get; init; }

    /// <summary>Items of the latest fixless audits that the grader marked as conflicts, of the items it graded: the customer's auditors' own error rate.</summary>
    public required Proportion Conflicts { get; init; }

    /// <summary>The audited tasks by ISO week of <c>completed_at</c> (else <c>created_at</c>), oldest first.</summary>
    public required IReadOnlyList<TrendPoint> Weeks { get; init; }

    /// <summary>The audited tasks by batch, in the batches' order.</summary>
    public required IReadOnlyList<TrendPoint> ByBatch { get; init; }

    /// <summary>CloudFactory workers, those below the threshold first, then by median score.</summary>
    public required IReadOnlyList<WorkerRow> Workers { get; init; }

    /// <summary>Seconds of audit time (<c>audit_time_secs</c>, summed over a task's audits) per task with a task audit.</summary>
    public required Distribution AuditTime { get; init; }

    /// <summary>Seconds of active audit time (<c>audit_active_time_secs</c>) per task with a task audit.</summary>
    public required Distribution ActiveTime { get; init; }

    /// <summary>The worst tasks: most counted errors, then rejected, then most per-annotation errors, then most conflicts.</summary>
    public required IReadOnlyList<TaskOutcome> WorstTasks { get; init; }
}
