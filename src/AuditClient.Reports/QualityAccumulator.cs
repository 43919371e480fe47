using System.Globalization;
using AuditClient.CloudFactory;
using AuditClient.Scale;

namespace AuditClient.Reports;

/// <summary>
/// Collects the figures of a <see cref="QualityReport"/> one record at a time: Scale tasks (with their task audits and
/// fixless audits) and CloudFactory reviews. Accumulators of separate partitions (projects, stores, machines)
/// <see cref="Merge"/> into the figures one pass over all of them gives: everything kept is a count, a sum or, for
/// distributions and the worst tasks, the values themselves.
/// </summary>
/// <remarks>
/// How each figure is counted is in docs/report.md. In short: a task is <em>audited</em> when it has a task audit
/// (<c>audits[]</c>) or a fixless audit; its <em>verdict</em> is the result of its latest task audit, else of its
/// latest fixless audit; counted errors are Scale's (<see cref="FixlessAuditQuality.CountsTowardQuality"/> on the
/// latest fixless audit); weeks are ISO 8601 weeks of the task's <c>completed_at</c> (else <c>created_at</c>) and of a
/// review's <c>review_completed_at</c>. Not safe for concurrent use; one accumulator per thread, then merge.
/// </remarks>
public sealed class QualityAccumulator
{
    private readonly SortedSet<string> _projects = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _batches = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _auditsBySource = new(StringComparer.Ordinal);
    private readonly Dictionary<(string Category, string Severity), int> _counted = [];
    private readonly Dictionary<string, int> _annotationErrors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bucket> _weeks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bucket> _batchBuckets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Worker> _workers = new(StringComparer.Ordinal);
    private readonly List<double> _auditSeconds = [];
    private readonly List<double> _activeSeconds = [];
    private readonly List<TaskOutcome> _tasks = [];
    private DateTimeOffset? _first;
    private DateTimeOffset? _last;
    private int _taskCount;
    private int _completed;
    private Bucket _all;
    private Proportion _firstPass;
    private Proportion _fixedShare;
    private Proportion _conflicts;
    private Mean _annotationErrorsPerTask;

    /// <summary>Adds a Scale task, with its task audits (<c>audits[]</c>) and the fixless audits listed for it.</summary>
    /// <param name="task">The task as the listing or <c>GET /v1/task/{task_id}</c> returned it.</param>
    /// <param name="fixlessAudits">The task's fixless audits (<c>GET /v1/audits?task_id=</c>); none when not synced.</param>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is <see langword="null"/>.</exception>
    public void AddScaleTask(ScaleTask task, IEnumerable<FixlessAudit>? fixlessAudits = null)
    {
        ArgumentNullException.ThrowIfNull(task);
        _taskCount++;
        if (task.Project is { Length: > 0 } project)
        {
            _projects.Add(project);
        }

        if (task.Batch is { Length: > 0 } batch)
        {
            _batches.Add(batch);
        }

        if (task.Status == ScaleTaskStatus.Completed)
        {
            _completed++;
        }

        var when = task.CompletedAt ?? task.CreatedAt;
        if (when is { } at)
        {
            _first = _first is { } first && first <= at ? first : at;
            _last = _last is { } last && last >= at ? last : at;
        }

        var fixless = fixlessAudits?.Where(a => a is not null).ToList() ?? [];
        var history = TaskAuditHistory.From(task);
        if (history.Audits.Count == 0 && fixless.Count == 0)
        {
            return;
        }

        foreach (var audit in history.Audits)
        {
            Count(_auditsBySource, audit.AuditSource?.ToString() is { Length: > 0 } source ? source : "unknown");
        }

        foreach (var audit in fixless)
        {
            Count(_auditsBySource, "fixless " + (audit.Source?.ToString() is { Length: > 0 } source ? source : "unknown"));
        }

        var quality = FixlessAuditQuality.From(fixless);

        // The verdict: the latest task audit's result, else the latest fixless audit's (the one Scale scores by).
        var verdict = task.LatestAudit?.AuditResult?.ToString() ?? quality.LatestAudit?.Result?.ToString();
        int? counted = fixless.Count > 0 ? quality.CountedItems.Count : null;
        foreach (var item in quality.CountedItems)
        {
            var key = (item.Category?.ToString() is { Length: > 0 } c ? c : "none", (item.Severity ?? FeedbackItemSeverity.Standard).ToString());
            _counted[key] = _counted.GetValueOrDefault(key) + 1;
        }

        var graded = quality.LatestAudit?.FeedbackItems?.Count(i => i?.GraderOutput?.Conflict is not null) ?? 0;
        _conflicts = _conflicts.Plus(new Proportion(quality.Conflicts.Count, graded));

        if (history.Audits.Count > 0)
        {
            _annotationErrorsPerTask = _annotationErrorsPerTask.With(history.ErrorCount);
            foreach (var (type, n) in history.ErrorsByType)
            {
                _annotationErrors[type.ToString()] = _annotationErrors.GetValueOrDefault(type.ToString()) + n;
            }

            _auditSeconds.Add(history.AuditTime.TotalSeconds);
            _activeSeconds.Add(history.ActiveTime.TotalSeconds);
        }

        if (FirstPass(history, fixless) is { } firstAccepted)
        {
            _firstPass = _firstPass.Plus(new Proportion(firstAccepted ? 1 : 0, 1));
        }

        var wasFixed = history.Results.Any(r => r == TaskAuditResult.Fixed) || task.IsCustomerFix == true;
        _fixedShare = _fixedShare.Plus(new Proportion(wasFixed ? 1 : 0, 1));

        var bucket = Bucket.Of(verdict, counted);
        _all = _all.Plus(bucket);
        if (when is { } week)
        {
            Add(_weeks, IsoWeek(week), bucket);
        }

        Add(_batchBuckets, task.Batch is { Length: > 0 } b ? b : "(no batch)", bucket);
        _tasks.Add(new TaskOutcome(
            task.TaskId ?? string.Empty,
            task.Project,
            task.Batch,
            verdict,
            counted ?? 0,
            quality.Conflicts.Count,
            history.ErrorCount,
            quality.CountsByCategory.OrderByDescending(c => c.Value).ThenBy(c => c.Key.ToString(), StringComparer.Ordinal)
                .Select(c => c.Key.ToString()).ToList()));
    }

    /// <summary>Adds a CloudFactory review, as submitted (the <c>submit</c> input or <see cref="TaskReview"/> of an app).</summary>
    /// <param name="review">The review.</param>
    /// <exception cref="ArgumentNullException"><paramref name="review"/> is <see langword="null"/>.</exception>
    public void AddReview(TaskReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        var id = review.WorkerId is { Length: > 0 } w ? w : "(no worker)";
        if (!_workers.TryGetValue(id, out var worker))
        {
            _workers[id] = worker = new Worker();
        }

        worker.Reviews++;
        if (review.ReviewScore is { } score && double.IsFinite(score))
        {
            worker.Scores.Add(score);
            if (review.ReviewCompletedAt is { } at)
            {
                var week = IsoWeek(at);
                worker.Weeks[week] = worker.Weeks.GetValueOrDefault(week).With(score);
            }
        }

        foreach (var (type, n) in review.Errors ?? new Dictionary<string, int>())
        {
            worker.Errors[type] = worker.Errors.GetValueOrDefault(type) + n;
        }
    }

    /// <summary>Adds everything <paramref name="other"/> collected, as if its records had been added to this one.</summary>
    /// <param name="other">Another partition's accumulator; it is not changed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    public void Merge(QualityAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        _projects.UnionWith(other._projects);
        _batches.UnionWith(other._batches);
        foreach (var (source, n) in other._auditsBySource)
        {
            _auditsBySource[source] = _auditsBySource.GetValueOrDefault(source) + n;
        }

        foreach (var (key, n) in other._counted)
        {
            _counted[key] = _counted.GetValueOrDefault(key) + n;
        }

        foreach (var (type, n) in other._annotationErrors)
        {
            _annotationErrors[type] = _annotationErrors.GetValueOrDefault(type) + n;
        }

        foreach (var (week, bucket) in other._weeks)
        {
            Add(_weeks, week, bucket);
        }

        foreach (var (batch, bucket) in other._batchBuckets)
        {
            Add(_batchBuckets, batch, bucket);
        }

        foreach (var (id, theirs) in other._workers)
        {
            if (!_workers.TryGetValue(id, out var ours))
            {
                _workers[id] = ours = new Worker();
            }

            ours.Merge(theirs);
        }

        _auditSeconds.AddRange(other._auditSeconds);
        _activeSeconds.AddRange(other._activeSeconds);
        _tasks.AddRange(other._tasks);
        if (other._first is { } first && (_first is not { } ours1 || first < ours1))
        {
            _first = first;
        }

        if (other._last is { } last && (_last is not { } ours2 || last > ours2))
        {
            _last = last;
        }

        _taskCount += other._taskCount;
        _completed += other._completed;
        _all = _all.Plus(other._all);
        _firstPass = _firstPass.Plus(other._firstPass);
        _fixedShare = _fixedShare.Plus(other._fixedShare);
        _conflicts = _conflicts.Plus(other._conflicts);
        _annotationErrorsPerTask = _annotationErrorsPerTask.Plus(other._annotationErrorsPerTask);
    }

    /// <summary>The figures of everything added so far.</summary>
    /// <param name="options">The SLA and how many worst tasks to list; defaults when <see langword="null"/>.</param>
    /// <returns>The report's figures.</returns>
    public QualityReport ToReport(QualityReportOptions? options = null)
    {
        options ??= new QualityReportOptions();
        var sla = options.Sla;
        var workers = _workers
            .Select(w => w.Value.Row(w.Key, options.WorkerThreshold ?? sla))
            .OrderByDescending(w => w.BelowThreshold)
            .ThenBy(w => w.Scores.Median ?? double.MaxValue)
            .ThenBy(w => w.WorkerId, StringComparer.Ordinal)
            .ToList();

        return new QualityReport
        {
            Sla = sla,
            Projects = [.. _projects],
            Batches = [.. _batches],
            PeriodStart = _first,
            PeriodEnd = _last,
            Tasks = _taskCount,
            TasksCompleted = _completed,
            TasksAudited = new Proportion(_all.Audited, _completed),
            AuditsBySource = _auditsBySource.OrderByDescending(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
                .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal),
            Acceptance = Judged(_all.Accepted, sla),
            FirstPassAcceptance = Judged(_firstPass, sla),
            Rejection = _all.Rejected,
            FixRate = _fixedShare,
            CountedErrorsPerTask = _all.CountedErrors,
            AnnotationErrorsPerTask = _annotationErrorsPerTask,
            CountedErrors = [.. _counted
                .GroupBy(c => c.Key.Category, StringComparer.Ordinal)
                .Select(g => new CategoryErrors(
                    g.Key,
                    g.Sum(c => c.Value),
                    g.ToDictionary(c => c.Key.Severity, c => c.Value, StringComparer.Ordinal)))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Category, StringComparer.Ordinal)],
            AnnotationErrorsByType = _annotationErrors.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal)
                .ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
            Conflicts = _conflicts,
            Weeks = [.. _weeks.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => w.Value.Point(w.Key))],
            ByBatch = [.. _batchBuckets.OrderBy(b => b.Key, StringComparer.Ordinal).Select(b => b.Value.Point(b.Key))],
            Workers = workers,
            AuditTime = new Distribution([.. _auditSeconds], 60),
            ActiveTime = new Distribution([.. _activeSeconds], 60),
            WorstTasks = [.. _tasks
                .Where(t => t.CountedErrors > 0 || t.Verdict == "rejected" || t.Conflicts > 0 || t.AnnotationErrors > 0)
                .OrderByDescending(t => t.CountedErrors)
                .ThenByDescending(t => t.Verdict == "rejected")
                .ThenByDescending(t => t.AnnotationErrors)
                .ThenByDescending(t => t.Conflicts)
                .ThenBy(t => t.TaskId, StringComparer.Ordinal)
                .Take(options.WorstTasks)],
        };
    }

    private static SlaFigure Judged(Proportion share, double sla) => new(share, share.Total == 0 ? SlaVerdict.NoData
        : share.Low >= sla ? SlaVerdict.Met
        : share.High < sla ? SlaVerdict.Missed
        : SlaVerdict.Uncertain);

    // Whether the first audit made by the customer (a task audit not by Scale, or a fixless audit) accepted the task.
    private static bool? FirstPass(TaskAuditHistory history, List<FixlessAudit> fixless)
    {
        var first = history.Audits
            .Where(a => a.AuditSource != TaskAuditSource.Scale && a.AuditResult is not null)
            .Select(a => (At: a.AuditedAt, Accepted: a.AuditResult == TaskAuditResult.Accepted))
            .Concat(fixless.Where(a => a.Result is not null).Select(a => (At: a.CreatedAt, Accepted: a.Result == FixlessAuditResult.Accepted)))
            .OrderBy(a => a.At ?? DateTimeOffset.MinValue)
            .Select(a => (bool?)a.Accepted)
            .FirstOrDefault();
        return first;
    }

    /// <summary>The ISO 8601 week of an instant in UTC, written <c>2026-W07</c>.</summary>
    internal static string IsoWeek(DateTimeOffset at)
    {
        var day = at.UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
    }

    private static void Count(Dictionary<string, int> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static void Add(Dictionary<string, Bucket> buckets, string key, Bucket bucket) =>
        buckets[key] = buckets.GetValueOrDefault(key).Plus(bucket);

    // The audited tasks of a week, a batch or the whole: how many, their verdicts, their counted errors.
    private readonly record struct Bucket(int Audited, Proportion Accepted, Proportion Rejected, Mean CountedErrors)
    {
        public static Bucket Of(string? verdict, int? counted) => new(
            1,
            new Proportion(verdict == "accepted" ? 1 : 0, verdict is null ? 0 : 1),
            new Proportion(verdict == "rejected" ? 1 : 0, verdict is null ? 0 : 1),
            counted is { } n ? default(Mean).With(n) : default);

        public Bucket Plus(Bucket other) => new(
            Audited + other.Audited, Accepted.Plus(other.Accepted), Rejected.Plus(other.Rejected), CountedErrors.Plus(other.CountedErrors));

        public TrendPoint Point(string key) => new(key, Audited, Accepted, CountedErrors);
    }

    private sealed class Worker
    {
        public int Reviews { get; set; }

        public List<double> Scores { get; } = [];

        public Dictionary<string, int> Errors { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Mean> Weeks { get; } = new(StringComparer.Ordinal);

        public void Merge(Worker other)
        {
            Reviews += other.Reviews;
            Scores.AddRange(other.Scores);
            foreach (var (type, n) in other.Errors)
            {
                Errors[type] = Errors.GetValueOrDefault(type) + n;
            }

            foreach (var (week, mean) in other.Weeks)
            {
                Weeks[week] = Weeks.GetValueOrDefault(week).Plus(mean);
            }
        }

        public WorkerRow Row(string id, double threshold)
        {
            var scores = new Distribution([.. Scores], 0.1);
            return new WorkerRow(
                id,
                Reviews,
                scores,
                scores.Median < threshold,
                Errors.OrderByDescending(e => e.Value).ThenBy(e => e.Key, StringComparer.Ordinal).ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal),
                [.. Weeks.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => new WorkerWeek(w.Key, w.Value))]);
        }
    }
}
