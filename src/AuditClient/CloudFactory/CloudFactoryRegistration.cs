using AuditClient.Core.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AuditClient.CloudFactory;

/// <summary>Registers the CloudFactory client.</summary>
internal static class CloudFactoryRegistration
{
    public static void Register(IServiceCollection services)
    {
        VendorRegistration.AddVendorRuntime(services, CloudFactoryProfile.Instance);
        VendorRegistration.AddRefitClient<ICloudFactoryRefitApi>(services, CloudFactoryProfile.Instance);
        services.TryAddTransient<ICloudFactoryQualityApi, CloudFactoryQualityClient>();
    }
}
