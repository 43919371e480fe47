using AuditClient.Core.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuditClient.CloudFactory;

/// <summary>Registers the CloudFactory client of one account.</summary>
internal static class CloudFactoryRegistration
{
    public static void Register(IServiceCollection services, VendorAccount account)
    {
        VendorRegistration.AddVendorRuntime(services, account);
        VendorRegistration.AddRefitClient<ICloudFactoryRefitApi>(services, account);
        VendorRegistration.AddClient<ICloudFactoryQualityApi>(services, account, (sp, key) => new CloudFactoryQualityClient(
            sp.GetRequiredKeyedService<ICloudFactoryRefitApi>(key),
            sp.GetService<ILoggerFactory>(),
            account.OptionsOf(sp).CloudFactory.AssignUniqueIds,
            account.OptionsOf(sp).CloudFactory.Resilience) { Target = VendorRegistration.TargetOf(sp, account) });
    }
}
