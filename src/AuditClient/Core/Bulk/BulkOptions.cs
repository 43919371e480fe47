namespace AuditClient;

/// <summary>Settings of a bulk submission.</summary>
public sealed record BulkOptions
{
    /// <summary>
    /// The most items submitted at once. Default 16. The vendor's rate limiter and
    /// <see cref="VendorResilienceOptions.MaxConcurrentRequests"/> still apply underneath.
    /// </summary>
    public int MaxConcurrency { get; init; } = 16;

    /// <summary>
    /// A journal file (JSON lines) that makes the run resumable; <see langword="null"/> (the default) for none. Each item
    /// is journaled under a stable key (its position and the hash of its content, or the key the caller gives through a
    /// bulk helper's <c>keySelector</c> overload) as sent (on disk before the request
    /// leaves), then done with the vendor's answer, failed with the error, or in doubt. Run again with the same input and
    /// the same journal, the helper skips what is done (reported with <see cref="BulkItemResult{TItem, TResult}.Resumed"/>),
    /// asks the vendor about what was in flight when the last run died before sending it again, and sends the rest.
    /// A journal made for other input or another target (the client's vendor, base address, account and API key, which
    /// its header records, the key as a fingerprint), a file that is not a journal, and a journal another run is using
    /// are refused with <see cref="BulkJournalException"/> before anything is sent. If the journal cannot be written
    /// during the run (a full disk), nothing more is sent, and the items not sent are reported failed with a
    /// <see cref="BulkJournalException"/> naming the cause.
    /// Under a journal, each write carries a token the vendor keeps (see <see cref="StampTokens"/>), and a send that ends
    /// in doubt is reconciled by the vendor's reconcile settings rather than reported.
    /// </summary>
    public string? JournalPath { get; init; }

    /// <summary>
    /// Whether each item that carries no token of its own is sent with one the SDK assigns, where the vendor keeps it,
    /// so that a send whose outcome is unknown can be found (or is repeat-safe) rather than reported. Default
    /// <see langword="true"/>. Set <see langword="false"/> to send your items exactly as given: a write in doubt that
    /// cannot then be looked up is reported <see cref="BulkStatus.Failed"/> with
    /// <see cref="AuditApiException.MayHaveTakenEffect"/> and its <see cref="AuditApiException.ReconcileToken"/>,
    /// journaled in doubt, and never sent again by this run or a resumed one. Each vendor's bulk helper says what the
    /// token is and where it goes.
    /// </summary>
    public bool StampTokens { get; init; } = true;

    /// <summary>
    /// Stops the run after this many items in a row failed without an answer from the vendor: an
    /// <see cref="AuditTransportException"/> (connection refused, host unreachable, connection reset) or an
    /// <see cref="AuditTimeoutException"/>, each after the pipeline's retries. An item the vendor answered, even with an
    /// error (a 4xx refusing that one item), starts the count again. Once stopped, nothing more is sent: the items
    /// already in flight finish, and the items not started are reported <see cref="BulkStatus.NotSent"/> (under a
    /// journal they have no line, so a run started again with the journal sends them). Default 0: never stop. Against a
    /// vendor that cannot be reached, this ends a run in seconds rather than failing every item slowly.
    /// </summary>
    public int StopAfterConsecutiveTransportFailures { get; init; }
}
