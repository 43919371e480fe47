namespace AuditClient.Core.Http;

/// <summary>One endpoint of a vendor, named for telemetry and errors (a path template, never a path with ids).</summary>
internal sealed record ApiOperation(AuditVendor Vendor, string Name, string Method, string PathTemplate)
{
    public string VendorTag { get; } = Vendor == AuditVendor.Scale ? "scale" : "cloudfactory";
}
