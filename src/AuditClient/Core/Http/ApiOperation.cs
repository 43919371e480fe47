using AuditClient.Core.Vendors;

namespace AuditClient.Core.Http;

/// <summary>
/// One endpoint of a vendor, named for telemetry and errors. <see cref="Method"/> and <see cref="PathTemplate"/> are
/// those of the Refit method that calls it, spelled the same (a convention test compares them).
/// </summary>
/// <param name="Profile">The vendor.</param>
/// <param name="Name">The operation's stable name, such as <c>vendor.tasks.get</c>: span name and metric tag.</param>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathTemplate">The path template, with placeholders, never a path with ids.</param>
internal sealed record ApiOperation(VendorProfile Profile, string Name, string Method, string PathTemplate)
{
    public AuditVendor Vendor => Profile.Vendor;

    public string VendorTag => Profile.Tag;

    /// <summary>A GET: it has no effect at the vendor, so it is always repeat-safe and never "may have taken effect".</summary>
    public bool IsRead => Method == "GET";

    /// <summary>
    /// Whether sending the request again cannot create a duplicate, so that answers and failures that leave the outcome
    /// open are retried (see <see cref="RetryRules"/>). Reads always; a write when the vendor deduplicates it, which
    /// its client declares as a second operation value (<c>with { RepeatSafe = true }</c>) chosen per request.
    /// </summary>
    public bool RepeatSafe { get; init; } = Method == "GET";

    /// <summary>Whether a success needs no body (the status alone means "taken"); otherwise an empty success is an error.</summary>
    public bool EmptyBodyAccepted { get; init; }
}
