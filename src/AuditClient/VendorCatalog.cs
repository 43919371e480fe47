using AuditClient.CloudFactory;
using AuditClient.Core.Vendors;
using AuditClient.Scale;

namespace AuditClient;

/// <summary>The vendors of the package: the one line a new vendor adds outside its own folder.</summary>
internal static class VendorCatalog
{
    public static IReadOnlyList<VendorProfile> All { get; } = [ScaleProfile.Instance, CloudFactoryProfile.Instance];
}
