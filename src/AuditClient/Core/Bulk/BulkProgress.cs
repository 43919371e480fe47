namespace AuditClient;

/// <summary>How far a bulk submission has come. Reports may arrive out of order from concurrent submissions.</summary>
/// <param name="Completed">Items with an outcome so far: <paramref name="Succeeded"/> plus <paramref name="Failed"/>.</param>
/// <param name="Succeeded">Items the vendor accepted.</param>
/// <param name="Failed">Items that failed, including those refused by validation.</param>
/// <param name="Total">How many items the input holds, when it is a collection; otherwise <see langword="null"/>.</param>
public readonly record struct BulkProgress(int Completed, int Succeeded, int Failed, int? Total)
{
    /// <summary>
    /// Of <see cref="Succeeded"/>, the items taken over from an earlier run of the same journal (done there, or found
    /// stored at the vendor after that run died) rather than sent by this one.
    /// </summary>
    public int Resumed { get; init; }
}
