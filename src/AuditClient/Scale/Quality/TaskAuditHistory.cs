namespace AuditClient.Scale;

/// <summary>
/// A summary of a task's audit history (<c>audits</c>): the results over time, the time spent auditing, and the
/// per-annotation errors of every audit by type, by severity, and how many were fixed.
/// </summary>
public sealed class TaskAuditHistory
{
    private TaskAuditHistory(List<TaskAudit> audits)
    {
        Audits = audits;
        var results = new TaskAuditResult?[audits.Count];
        double auditSeconds = 0, activeSeconds = 0;
        var byType = new Dictionary<AnnotationErrorType, int>();
        var bySeverity = new Dictionary<AnnotationErrorSeverity, int>();
        for (var i = 0; i < audits.Count; i++)
        {
            var audit = audits[i];
            results[i] = audit.AuditResult;
            auditSeconds += Seconds(audit.AuditTimeSecs);
            activeSeconds += Seconds(audit.AuditActiveTimeSecs);
            foreach (var error in audit.AuditPerAnnotationErrors ?? [])
            {
                if (error is null)
                {
                    continue;
                }

                ErrorCount++;
                if (error.IsFixed == true)
                {
                    FixedErrorCount++;
                }

                if (error.ErrorType is { } type)
                {
                    byType[type] = byType.GetValueOrDefault(type) + 1;
                }

                if (error.Severity is { } severity)
                {
                    bySeverity[severity] = bySeverity.GetValueOrDefault(severity) + 1;
                }
            }
        }

        Results = results;
        AuditTime = Duration(auditSeconds);
        ActiveTime = Duration(activeSeconds);
        ErrorsByType = byType;
        ErrorsBySeverity = bySeverity;
    }

    /// <summary>
    /// The audits, oldest first by <c>audited_at</c> (Scale lists them newest first). An audit without a time comes
    /// before every audit with one; between equal times, the one Scale lists first comes last, as in
    /// <see cref="ScaleTask.LatestAudit"/>, which is therefore the last of this list.
    /// </summary>
    public IReadOnlyList<TaskAudit> Audits { get; }

    /// <summary>The result of each of <see cref="Audits"/>, in the same order (oldest first); null where Scale sent none.</summary>
    public IReadOnlyList<TaskAuditResult?> Results { get; }

    /// <summary>The sum of <c>audit_time_secs</c> (time the audit tab was in focus) over all audits; an absent time adds nothing.</summary>
    public TimeSpan AuditTime { get; }

    /// <summary>The sum of <c>audit_active_time_secs</c> over all audits; an absent time adds nothing.</summary>
    public TimeSpan ActiveTime { get; }

    /// <summary>The number of per-annotation errors recorded by all audits.</summary>
    public int ErrorCount { get; }

    /// <summary>How many of the per-annotation errors were fixed with their audit (<c>is_fixed</c> true).</summary>
    public int FixedErrorCount { get; }

    /// <summary>The per-annotation errors of all audits by <c>error_type</c>; a type without errors has no entry.</summary>
    public IReadOnlyDictionary<AnnotationErrorType, int> ErrorsByType { get; }

    /// <summary>The per-annotation errors of all audits by <c>severity</c> (default or critical); a severity without errors has no entry.</summary>
    public IReadOnlyDictionary<AnnotationErrorSeverity, int> ErrorsBySeverity { get; }

    /// <summary>Summarizes the audit history of a task, as Scale returns it.</summary>
    /// <param name="task">The task, with its <c>audits</c>.</param>
    /// <returns>The summary; empty when the task has not been audited.</returns>
    public static TaskAuditHistory From(ScaleTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var audits = new List<TaskAudit>(task.Audits?.Count ?? 0);
        foreach (var audit in task.Audits ?? [])
        {
            if (audit is not null)
            {
                audits.Add(audit);
            }
        }

        // Reversed first, so that the stable sort keeps equal times in the reverse of Scale's newest-first order.
        // A null time sorts before any time.
        audits.Reverse();
        return new TaskAuditHistory(audits.OrderBy(a => a.AuditedAt).ToList());
    }

    // A time Scale did not send (or could not have meant) adds nothing, rather than failing the whole summary.
    private static double Seconds(double? value) => value is { } v && double.IsFinite(v) && v > 0 ? v : 0;

    private static TimeSpan Duration(double seconds) =>
        seconds >= TimeSpan.MaxValue.TotalSeconds ? TimeSpan.MaxValue : TimeSpan.FromSeconds(seconds);
}
