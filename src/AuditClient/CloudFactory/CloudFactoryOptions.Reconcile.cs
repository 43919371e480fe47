namespace AuditClient;

/// <summary>Repeat-safe reviews (docs/resilience.md, "Nothing lost, nothing twice").</summary>
public sealed partial class CloudFactoryOptions
{
    /// <summary>
    /// Whether the SDK gives a review sent without <c>unique_id</c> one of its own (a new GUID per call of
    /// <see cref="AuditClient.CloudFactory.ICloudFactoryQualityApi.SubmitTaskReviewedAsync"/>, kept by its retries), so
    /// that CloudFactory deduplicates it (<c>replace_duplicate</c>) and every retry after a 500, a timeout or a lost
    /// connection is harmless. Default <see langword="false"/>: it changes what CloudFactory stores (a <c>unique_id</c>
    /// you did not choose, which later reviews of yours cannot replace unless they carry it). The bulk helpers and the
    /// command line assign one regardless (the journal's token of the item), unless <see cref="BulkOptions.StampTokens"/>
    /// is <see langword="false"/>, which leaves this setting in charge. The review you pass is not changed: a copy carries the id.
    /// </summary>
    public bool AssignUniqueIds
    {
        get;
        set { field = value; Assigned(); }
    }
}
