using AuditClient.Cli.Hosting;
using AuditClient.Core.Validation;
using AuditClient.CloudFactory;
using AuditClient.Scale;

namespace AuditClient.Cli.Input;

/// <summary>What a file holds: Scale fixless audits or CloudFactory reviews, and how each is read, checked, named and sent.</summary>
internal abstract class RecordKind
{
    public static RecordKind Audits { get; } = new Kind<FixlessAuditCreate, FixlessAudit>(
        "audits",
        Vendor.Scale,
        csv: false,
        (json, rules) => FixlessAuditRules.Read(json, rules.GraderRules, rules.AllowUnlisted),
        audit => audit.TaskId,
        async (session, audit) => (await session.ScaleAudits.CreateAuditAsync(audit, CancellationToken.None).ConfigureAwait(false)).Id,
        (session, audits, options, progress, ct) => session.ScaleAudits.CreateAuditManyAsync(audits, options, progress, ct),
        a => a.Id);

    public static RecordKind Reviews { get; } = new Kind<TaskReview, TaskReviewAccepted>(
        "reviews",
        Vendor.CloudFactory,
        csv: true,
        (json, _) => TaskReviewRules.Read(json),
        review => review.UniqueId ?? review.TaskId,
        async (session, review) =>
        {
            // A review without unique_id gets one, so that the SDK's retries after a 500 or a timeout are deduplicated by
            // CloudFactory instead of storing it twice (docs/resilience.md, "Nothing lost, nothing twice").
            if (string.IsNullOrWhiteSpace(review.UniqueId))
            {
                review.UniqueId = Guid.NewGuid().ToString();
            }

            return (await session.CloudFactory.SubmitTaskReviewedAsync(review, CancellationToken.None).ConfigureAwait(false)).Message;
        },
        (session, reviews, options, progress, ct) => session.CloudFactory.SubmitTaskReviewedManyAsync(reviews, options, progress, ct),
        r => r.Message);

    public abstract string Name { get; }

    public abstract Vendor Vendor { get; }

    public abstract bool SupportsCsv { get; }

    /// <summary>Reads and checks one record: every problem of the line, and the item when it could be read.</summary>
    public abstract ParsedRecord Parse(InputRecord record, AuditRules rules);

    /// <summary>
    /// Sends one item that <see cref="Parse"/> read. Not cancelable: once started it finishes, so its outcome is
    /// known. Returns the vendor's id of what it created (audits) or its message (reviews).
    /// </summary>
    public abstract Task<string?> SubmitAsync(ClientSession session, object item);

    /// <summary>
    /// Sends items that <see cref="Parse"/> read through the SDK's bulk helper (with <see cref="BulkOptions.JournalPath"/>,
    /// resumable): one outcome per item, in order. <paramref name="listener"/> is told the counts as they change, and
    /// each item's outcome as soon as it is known (the items not sent are in the returned list only).
    /// </summary>
    public abstract Task<IReadOnlyList<BulkOutcome>> SubmitManyAsync(ClientSession session, IReadOnlyList<object> items, BulkOptions options, IBulkListener listener, CancellationToken cancellationToken);

    private sealed class Kind<T, TResult>(
        string name,
        Vendor vendor,
        bool csv,
        Func<string, AuditRules, CheckedRecord<T>> readRecord,
        Func<T, string?> key,
        Func<ClientSession, T, Task<string?>> submit,
        Func<ClientSession, IReadOnlyList<T>, BulkOptions, IProgress<BulkProgress>, CancellationToken, Task<IReadOnlyList<BulkItemResult<T, TResult>>>> submitMany,
        Func<TResult, string?> answer) : RecordKind
        where T : class
    {
        public override string Name => name;

        public override Vendor Vendor => vendor;

        public override bool SupportsCsv => csv;

        public override ParsedRecord Parse(InputRecord record, AuditRules rules)
        {
            if (record.ReadProblem is { } readProblem)
            {
                return new ParsedRecord(record.Line, null, null, [readProblem]);
            }

            // The SDK reports every problem of the record: malformed JSON, values of the wrong JSON kind, its other rules.
            var read = readRecord(record.Json!, rules);
            var problems = read.Problems
                .Select(v => new Problem(v.Severity == ValidationSeverity.Error, v.Path, v.Rule))
                .ToList();
            return new ParsedRecord(record.Line, read.Item, read.Item is { } item ? key(item) : null, problems);
        }

        public override Task<string?> SubmitAsync(ClientSession session, object item) => submit(session, (T)item);

        public override async Task<IReadOnlyList<BulkOutcome>> SubmitManyAsync(ClientSession session, IReadOnlyList<object> items, BulkOptions options, IBulkListener listener, CancellationToken cancellationToken)
        {
            var results = await submitMany(session, items.Cast<T>().ToList(), options, new Listener(listener, this), cancellationToken).ConfigureAwait(false);
            return results.Select(Outcome).ToList();
        }

        private BulkOutcome Outcome(BulkItemResult<T, TResult> result) =>
            new(result.Status, result.Result is { } answered ? answer(answered) : null, result.Error?.Message, result.Resumed, result.Error is BulkJournalException);

        // The SDK tells a progress that also takes items' results each item's outcome as soon as it is known.
        private sealed class Listener(IBulkListener listener, Kind<T, TResult> kind) : IProgress<BulkProgress>, IProgress<BulkItemResult<T, TResult>>
        {
            public void Report(BulkProgress value) => listener.Progress(value);

            public void Report(BulkItemResult<T, TResult> value) => listener.Outcome(value.Index, kind.Outcome(value));
        }
    }
}

/// <summary>
/// What became of one item of a bulk run: its status, the vendor's id or message, the error, whether an earlier run of
/// the journal did it, and whether it was not sent because the journal could not be written.
/// </summary>
internal readonly record struct BulkOutcome(BulkStatus Status, string? Answer, string? Error, bool Resumed, bool JournalFailed = false);

/// <summary>Told of a bulk run as it goes (from concurrent sends): the counts, and each item's outcome as it is known.</summary>
internal interface IBulkListener
{
    void Progress(BulkProgress progress);

    void Outcome(int index, BulkOutcome outcome);
}

/// <summary>A record read and checked: the item (when it could be read), its key and every problem of its line.</summary>
internal sealed record ParsedRecord(int Line, object? Item, string? Key, IReadOnlyList<Problem> Problems)
{
    public bool HasError => Problems.Any(p => p.IsError);
}
