namespace AuditClient;

/// <summary>The outcome of one item of a bulk submission.</summary>
/// <typeparam name="TItem">The submitted item.</typeparam>
/// <typeparam name="TResult">The vendor's answer to one item.</typeparam>
/// <remarks>
/// The bulk helpers return every item's outcome at the end. To have each one as soon as it is known (to record it
/// where a crash cannot take it), give the helper a <c>progress</c> that also implements
/// <see cref="IProgress{T}"/> of this type: it is told each item's outcome once, after the <see cref="BulkProgress"/>
/// report that counts it and before the item's place is taken by the next item to send. This covers every item that
/// was submitted or resumed from the journal; the items a cancellation left <see cref="BulkStatus.NotSent"/> are in the
/// returned list only. Reports come from concurrent submissions: the implementation must be thread-safe, and must not
/// throw (the helper would throw that exception at the end in place of the results).
/// </remarks>
public sealed record BulkItemResult<TItem, TResult>
{
    /// <summary>The item, as given.</summary>
    public required TItem Item { get; init; }

    /// <summary>The item's position in the input, from 0.</summary>
    public required int Index { get; init; }

    /// <summary>
    /// The item's key: the caller's, when the bulk helper was given a <c>keySelector</c>; else, when the run has a
    /// <see cref="BulkOptions.JournalPath"/>, its position and the hash of its content, as <c>index:hash</c>;
    /// otherwise <see langword="null"/>.
    /// </summary>
    public string? Key { get; init; }

    /// <summary>
    /// Whether this outcome was taken over from an earlier run of the same journal: the item was done there, or was in
    /// flight when that run died and was then found stored at the vendor. Such an item was not sent by this run.
    /// </summary>
    public bool Resumed { get; init; }

    /// <summary>Whether the item succeeded, failed or was not sent.</summary>
    public required BulkStatus Status { get; init; }

    /// <summary>The vendor's answer when <see cref="Status"/> is <see cref="BulkStatus.Succeeded"/>.</summary>
    public TResult? Result { get; init; }

    /// <summary>
    /// Why the item failed when <see cref="Status"/> is <see cref="BulkStatus.Failed"/>: an <see cref="AuditValidationException"/>
    /// (never sent), or an <see cref="AuditApiException"/> (see its <see cref="AuditApiException.MayHaveTakenEffect"/>).
    /// </summary>
    public AuditClientException? Error { get; init; }
}
