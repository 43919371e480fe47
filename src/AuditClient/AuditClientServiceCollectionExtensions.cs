using AuditClient;
using AuditClient.Core.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the AuditClient APIs with dependency injection.</summary>
public static class AuditClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AuditClient.Scale.IScaleAuditsApi"/> and <see cref="AuditClient.Scale.IScaleTasksApi"/> when Scale is configured, and
    /// <see cref="AuditClient.CloudFactory.ICloudFactoryQualityApi"/> when CloudFactory is, each through <c>IHttpClientFactory</c> with its
    /// credentials and resilience pipeline. The options are validated at startup.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddAuditClients(this IServiceCollection services, Action<AuditClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        // Which vendors to register must be known now; the options themselves are materialized and validated later.
        var snapshot = new AuditClientOptions();
        configure(snapshot);
        services.AddOptions<AuditClientOptions>().Configure(configure).ValidateOnStart();
        return Register(services, snapshot);
    }

    /// <summary>
    /// Registers the APIs with options bound from a configuration section, such as <c>configuration.GetSection("AuditClients")</c>
    /// (keys <c>Scale:ApiKey</c>, <c>CloudFactory:ApiKey</c>, <c>Scale:Resilience:RequestsPerSecond</c>...; environment
    /// variables such as <c>AuditClients__Scale__ApiKey</c> work through the environment-variables provider).
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddAuditClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        var snapshot = new AuditClientOptions();
        configuration.Bind(snapshot);
        services.AddOptions<AuditClientOptions>().Configure(options => configuration.Bind(options)).ValidateOnStart();
        return Register(services, snapshot);
    }

    private static IServiceCollection Register(IServiceCollection services, AuditClientOptions snapshot)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditClientOptions>, AuditClientOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        foreach (var vendor in VendorCatalog.All)
        {
            if (vendor.OptionsOf(snapshot).IsConfigured)
            {
                vendor.Register(services);
            }
        }

        return services;
    }
}
