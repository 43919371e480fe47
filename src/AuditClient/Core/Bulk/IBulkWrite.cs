using System.Text.Json.Serialization.Metadata;
using AuditClient.Core.Http;

namespace AuditClient.Core.Bulk;

/// <summary>
/// One kind of write as a bulk run sees it: how to send an item, how to make it carry its token, and how to find out
/// whether a send whose outcome is unknown took effect. Each vendor's bulk helper implements it in its own folder; the
/// rule that uses these (look, wait, look again, resend within the budget) is <see cref="Reconciliation"/>'s.
/// </summary>
/// <typeparam name="TItem">The caller's item.</typeparam>
/// <typeparam name="TResult">The vendor's answer.</typeparam>
internal interface IBulkWrite<TItem, TResult>
    where TResult : class
{
    /// <summary>Names the kind in the journal's header, so a journal of reviews is never resumed as audits.</summary>
    string Kind { get; }

    /// <summary>
    /// Where the writes go (the client's vendor, address, account and credential), recorded by a journal so that a run
    /// against another target is refused; <see langword="null"/> when the client is not one of the SDK's (a test double).
    /// </summary>
    BulkTarget? Target { get; }

    /// <summary>The item's content, hashed into its key (the caller's item, before <see cref="Prepare"/>).</summary>
    byte[] Content(TItem item);

    /// <summary>Writes and reads the vendor's answer in the journal.</summary>
    JsonTypeInfo<TResult> ResultJson { get; }

    /// <summary>The vendor's reconcile settings: its propagation delay on its clock, and its resend budget.</summary>
    ReconcileSettings Reconcile { get; }

    /// <summary>
    /// The item to send under <paramref name="token"/> (the same on every attempt and every resumed run): a copy that
    /// carries the token where the vendor keeps it, so that <see cref="FindAsync"/> can find it; the item itself when it
    /// carries a token of its own, or when <paramref name="token"/> is <see langword="null"/> (nothing is stamped).
    /// The caller's item is not changed.
    /// </summary>
    TItem Prepare(TItem item, string? token);

    /// <summary>An unjournaled run's send: the single call, with the SDK's id assigned when <paramref name="stamp"/> says so.</summary>
    Task<TResult> SendAsync(TItem item, bool stamp, CancellationToken cancellationToken);

    /// <summary>Sends the prepared item once (validated, the pipeline's retries included), without reconciling it.</summary>
    Task<TResult> SendOnceAsync(TItem prepared, CancellationToken cancellationToken);

    /// <summary>The token the vendor keeps for the prepared item, or <see langword="null"/> when it carries none.</summary>
    string? TokenOf(TItem prepared);

    /// <summary>Whether <see cref="FindAsync"/> can tell for the prepared item (it carries what the vendor keeps).</summary>
    bool CanFind(TItem prepared);

    /// <summary>
    /// Whether the prepared item, sent at or after <paramref name="sentAt"/>, is stored at the vendor: its stored form when
    /// it is, <see langword="null"/> when it is not (or when sending it again is repeat-safe), so that it is sent (again).
    /// One look, no wait. Throws the SDK's exceptions when the vendor cannot be asked.
    /// </summary>
    Task<TResult?> FindAsync(TItem prepared, DateTimeOffset sentAt, CancellationToken cancellationToken);
}
