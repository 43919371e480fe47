using AuditClient.Core.Vendors;

namespace AuditClient.Core.Http;

/// <summary>One endpoint of a vendor, named for telemetry and errors (a path template, never a path with ids).</summary>
internal sealed record ApiOperation(VendorProfile Profile, string Name, string Method, string PathTemplate)
{
    public AuditVendor Vendor => Profile.Vendor;

    public string VendorTag => Profile.Tag;
}
