using AuditClient.Core.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AuditClient.CloudFactory;

/// <summary>Registers the CloudFactory client.</summary>
internal static class CloudFactoryRegistration
{
    public static void Register(IServiceCollection services)
    {
        VendorRegistration.AddVendorRuntime(services, AuditVendor.CloudFactory);
        VendorRegistration.AddRefitClient<ICloudFactoryRefitApi>(services, AuditVendor.CloudFactory);
        services.TryAddTransient<ICloudFactoryQualityApi, CloudFactoryQualityClient>();
    }
}
