namespace AuditClient.Testing;

/// <summary>
/// A realistic Scale project for <see cref="AuditFakesOptions.SeedProject"/>, generated deterministically from
/// <see cref="AuditFakesOptions.RandomSeed"/> (10,000 tasks take a few seconds): <see cref="TaskCount"/> tasks spread
/// over <see cref="Weeks"/> weeks from <see cref="Start"/>, in <see cref="BatchesPerWeek"/> batches a week
/// (<c>{Name}_batch_001</c>...), of four task types, with tags, <c>unique_id</c> <c>{Name}-000001</c>..., and in
/// <c>metadata</c> the labeling vendor and worker who did the task (<c>vendor</c>, <c>worker_id</c>). Most tasks are
/// completed; about half of those carry customer task audits (<c>audits[]</c> with
/// <c>audit_per_annotation_errors</c>, some after a Scale audit) and a <c>customer_review_status</c> of accepted,
/// rejected or fixed (fixes with <c>prior_responses</c> and <c>is_customer_fix</c>); about 60% have a fixless audit,
/// already graded, whose feedback items vary in category, severity, type, state and grader conflicts (some re-audited:
/// an older inactive audit before the active one). Quality differs the way a report should show: one vendor is better
/// than the others and improves over the weeks, one gets worse; workers of one vendor differ; vendors err in different
/// categories; task types differ in difficulty; every seventh batch is of night scenes (tag <c>night</c>), harder for
/// everyone; one auditor's items conflict with the grader more often.
/// </summary>
public sealed class FakeProjectSeed
{
    /// <summary>A project named <paramref name="name"/>, with the default size and span.</summary>
    /// <param name="name">The project name, written as each task's <c>project</c>; not blank.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank.</exception>
    public FakeProjectSeed(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The project name.</summary>
    public string Name { get; }

    /// <summary>How many tasks the project has. Default 1,000; 0 or more.</summary>
    public int TaskCount { get; set; } = 1_000;

    /// <summary>How many weeks the tasks' creation spans. Default 12; at least 1.</summary>
    public int Weeks { get; set; } = 12;

    /// <summary>How many batches are started each week. Default 2; at least 1.</summary>
    public int BatchesPerWeek { get; set; } = 2;

    /// <summary>When the first week starts (UTC). Default Monday 2026-01-05.</summary>
    public DateTimeOffset Start { get; set; } = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);

    internal void Check()
    {
        if (TaskCount < 0)
        {
            throw new ArgumentException($"FakeProjectSeed.TaskCount must not be negative (was {TaskCount}).", nameof(TaskCount));
        }

        if (Weeks < 1)
        {
            throw new ArgumentException($"FakeProjectSeed.Weeks must be at least 1 (was {Weeks}).", nameof(Weeks));
        }

        if (BatchesPerWeek < 1)
        {
            throw new ArgumentException($"FakeProjectSeed.BatchesPerWeek must be at least 1 (was {BatchesPerWeek}).", nameof(BatchesPerWeek));
        }
    }
}
