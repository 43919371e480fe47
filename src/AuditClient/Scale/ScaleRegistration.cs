using AuditClient.Core.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AuditClient.Scale;

/// <summary>Registers the Scale clients.</summary>
internal static class ScaleRegistration
{
    public static void Register(IServiceCollection services)
    {
        VendorRegistration.AddVendorRuntime(services, ScaleProfile.Instance);
        VendorRegistration.AddRefitClient<IScaleRefitApi>(services, ScaleProfile.Instance);
        services.TryAddTransient<IScaleAuditsApi, ScaleAuditsClient>();
        services.TryAddTransient<IScaleTasksApi, ScaleTasksClient>();
    }
}
