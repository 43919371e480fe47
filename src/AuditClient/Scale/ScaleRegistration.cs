using AuditClient.Core.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AuditClient.Scale;

/// <summary>Registers the Scale clients.</summary>
internal static class ScaleRegistration
{
    public static void Register(IServiceCollection services)
    {
        VendorRegistration.AddVendorRuntime(services, AuditVendor.Scale);
        VendorRegistration.AddRefitClient<IScaleRefitApi>(services, AuditVendor.Scale);
        services.TryAddTransient<IScaleAuditsApi, ScaleAuditsClient>();
        services.TryAddTransient<IScaleTasksApi, ScaleTasksClient>();
    }
}
