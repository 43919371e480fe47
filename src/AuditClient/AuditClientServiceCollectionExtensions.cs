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
    /// Registers <see cref="AuditClient.Scale.IScaleAuditsApi"/>, <see cref="AuditClient.Scale.IScaleTasksApi"/> and
    /// <see cref="AuditClient.CloudFactory.ICloudFactoryQualityApi"/>, each through <c>IHttpClientFactory</c> (clients
    /// named <c>AuditClient.Scale</c> and <c>AuditClient.CloudFactory</c>) with its credentials and resilience pipeline.
    /// The options are validated at startup; a vendor left unconfigured refuses to build its client, naming the
    /// missing setting.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddAuditClients(this IServiceCollection services, Action<AuditClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, null, configure);
    }

    /// <summary>
    /// Registers the APIs with options bound from a configuration section, such as <c>configuration.GetSection("AuditClients")</c>
    /// (keys <c>Scale:ApiKey</c>, <c>CloudFactory:ApiKey</c>, <c>Scale:Resilience:RequestsPerSecond</c>...; environment
    /// variables such as <c>AuditClients__Scale__ApiKey</c> work through the environment-variables provider). A key
    /// that is not a setting, or a value that cannot be read, fails at startup naming the key; a time span is written
    /// <c>hh:mm:ss</c> (<c>00:00:30</c> for 30 seconds), and a bare number such as <c>"30"</c>, which .NET reads as
    /// days, is refused.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The configuration section holding the options.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddAuditClients(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, null, options => Bind(configuration, options));
    }

    /// <summary>
    /// Registers the APIs of one named account, as keyed services under its name
    /// (<c>[FromKeyedServices("team-a")] IScaleTasksApi</c>), with its own credentials, options, HttpClient
    /// (<c>AuditClient.Scale.team-a</c>) and rate limiter. Call it once per account; the unnamed registration of
    /// <see cref="AddAuditClients(IServiceCollection, Action{AuditClientOptions})"/> is independent of it.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="accountName">The account's name and service key: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</param>
    /// <param name="configure">Sets the account's options.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountName"/> is empty or holds other characters.</exception>
    public static IServiceCollection AddAuditClients(this IServiceCollection services, string accountName, Action<AuditClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        return Register(services, CheckName(accountName), configure);
    }

    /// <summary>
    /// Registers the APIs of one named account with options bound from a configuration section, such as
    /// <c>configuration.GetSection("AuditClients:TeamA")</c>; see
    /// <see cref="AddAuditClients(IServiceCollection, string, Action{AuditClientOptions})"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="accountName">The account's name and service key: letters, digits, <c>-</c>, <c>_</c> and <c>.</c>.</param>
    /// <param name="configuration">The configuration section holding the account's options.</param>
    /// <returns>The service collection, for chaining.</returns>
    /// <exception cref="ArgumentException"><paramref name="accountName"/> is empty or holds other characters.</exception>
    public static IServiceCollection AddAuditClients(this IServiceCollection services, string accountName, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        return Register(services, CheckName(accountName), options => Bind(configuration, options));
    }

    private static IServiceCollection Register(IServiceCollection services, string? account, Action<AuditClientOptions> configure)
    {
        // Every vendor is registered, configured or not: a missing section then fails with the validator's message
        // at startup, and a client of an unconfigured vendor names the setting it lacks.
        services.AddOptions<AuditClientOptions>(account ?? Options.Options.DefaultName)
            .Configure(options => options.Names = SettingNames.InCode(account))
            .Configure(configure)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditClientOptions>, AuditClientOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AuditClientOptions>, OptionsFreeze>());
        services.TryAddSingleton(TimeProvider.System);
        foreach (var vendor in VendorCatalog.All)
        {
            var vendorAccount = new VendorAccount(vendor, account);
            if (!VendorRegistration.IsRegistered(services, vendorAccount))
            {
                vendor.Register(services, vendorAccount);
            }
        }

        return services;
    }

    // Reads the section against the settings first, so that a typo or an unreadable value is reported by name at
    // startup instead of being ignored or failing inside the binder.
    private static void Bind(IConfiguration configuration, AuditClientOptions options)
    {
        options.Names = SettingNames.InSection(configuration);
        var failures = new List<string>();
        ConfigurationCheck.Collect(configuration, options, failures);
        if (failures.Count > 0)
        {
            options.ConfigurationFailures = failures;
            return;
        }

        configuration.Bind(options);
    }

    // The name becomes part of HttpClient names, log categories and shared-quota keys: kept to characters that are
    // safe in all of them.
    private static string CheckName(string accountName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountName);
        if (!accountName.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            throw new ArgumentException($"An account name holds only letters, digits, '-', '_' and '.' (was \"{accountName}\").", nameof(accountName));
        }

        return accountName;
    }
}
