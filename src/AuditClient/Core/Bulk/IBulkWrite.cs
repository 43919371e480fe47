using System.Text.Json.Serialization.Metadata;

namespace AuditClient.Core.Bulk;

/// <summary>
/// One kind of write as a journaled bulk run sees it: how to send an item under its key, and how to find out whether a
/// send whose outcome is unknown took effect. Each vendor's bulk helper implements it in its own folder.
/// </summary>
/// <typeparam name="TItem">The caller's item.</typeparam>
/// <typeparam name="TResult">The vendor's answer.</typeparam>
internal interface IBulkWrite<TItem, TResult>
{
    /// <summary>Names the kind in the journal's header, so a journal of reviews is never resumed as audits.</summary>
    string Kind { get; }

    /// <summary>The item's content, hashed into its key (the caller's item, before <see cref="Prepare"/>).</summary>
    byte[] Content(TItem item);

    /// <summary>Writes and reads the vendor's answer in the journal.</summary>
    JsonTypeInfo<TResult> ResultJson { get; }

    /// <summary>
    /// The item to send under <paramref name="token"/> (the same on every attempt and every resumed run): a copy that
    /// carries the token where the vendor keeps it, so that <see cref="ReconcileAsync"/> can find it. The caller's item
    /// is not changed.
    /// </summary>
    TItem Prepare(TItem item, string token);

    /// <summary>Sends the prepared item once (the pipeline's retries included).</summary>
    Task<TResult> SendAsync(TItem prepared, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the prepared item, last sent at <paramref name="sentAt"/>, is stored at the vendor: its stored form when
    /// it is, <see langword="default"/> when it is not (or when sending it again is repeat-safe), so the caller sends it
    /// (again). Throws the SDK's exceptions when the vendor cannot be asked.
    /// </summary>
    Task<TResult?> ReconcileAsync(TItem prepared, string token, DateTimeOffset sentAt, CancellationToken cancellationToken);
}
