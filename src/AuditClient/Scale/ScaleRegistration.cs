using AuditClient.Core.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuditClient.Scale;

/// <summary>Registers the Scale clients of one account.</summary>
internal static class ScaleRegistration
{
    public static void Register(IServiceCollection services, VendorAccount account)
    {
        VendorRegistration.AddVendorRuntime(services, account);
        VendorRegistration.AddRefitClient<IScaleRefitApi>(services, account);
        VendorRegistration.AddClient<IScaleAuditsApi>(services, account, (sp, key) => new ScaleAuditsClient(
            sp.GetRequiredKeyedService<IScaleRefitApi>(key),
            Options.Create(account.OptionsOf(sp)),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>()) { Target = VendorRegistration.TargetOf(sp, account) });
        VendorRegistration.AddClient<IScaleTasksApi>(services, account, (sp, key) => new ScaleTasksClient(
            sp.GetRequiredKeyedService<IScaleRefitApi>(key),
            account.OptionsOf(sp).Scale,
            sp.GetService<TimeProvider>()) { Target = VendorRegistration.TargetOf(sp, account) });
    }
}
