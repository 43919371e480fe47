namespace AuditClient;

/// <summary>What became of one item of a bulk submission.</summary>
public enum BulkStatus
{
    /// <summary>The vendor accepted the item; <see cref="BulkItemResult{TItem, TResult}.Result"/> holds its answer.</summary>
    Succeeded,

    /// <summary>
    /// The item failed: refused by validation (never sent) or by the vendor, or the call failed after the pipeline's
    /// retries; <see cref="BulkItemResult{TItem, TResult}.Error"/> says why.
    /// </summary>
    Failed,

    /// <summary>
    /// Cancellation, or <see cref="BulkOptions.StopAfterConsecutiveTransportFailures"/>, stopped the submission before this
    /// item was sent.
    /// </summary>
    NotSent,
}
