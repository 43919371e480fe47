using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuditClient.Cli.Hosting;

/// <summary>The vendor a command talks to, so that only its settings are required.</summary>
internal enum Vendor
{
    Scale,
    CloudFactory,
}

/// <summary>
/// The SDK clients of one command: built with <c>AddAuditClients(configuration.GetSection("AuditClients"))</c>, or
/// pointed at the in-process fakes of AuditClient.Testing with <c>--fake</c>.
/// </summary>
internal sealed class ClientSession : IAsyncDisposable
{
    private readonly ServiceProvider? _provider;
    private readonly AuditClients? _fakeClients;

    private ClientSession(ServiceProvider? provider, AuditFakes? fakes, AuditClients? fakeClients)
    {
        _provider = provider;
        Fakes = fakes;
        _fakeClients = fakeClients;
    }

    /// <summary>The running fakes with <c>--fake</c>; otherwise <see langword="null"/>.</summary>
    public AuditFakes? Fakes { get; }

    public IScaleAuditsApi ScaleAudits => _fakeClients?.ScaleAudits ?? _provider!.GetRequiredService<IScaleAuditsApi>();

    public IScaleTasksApi ScaleTasks => _fakeClients?.ScaleTasks ?? _provider!.GetRequiredService<IScaleTasksApi>();

    public ICloudFactoryQualityApi CloudFactory => _fakeClients?.CloudFactory ?? _provider!.GetRequiredService<ICloudFactoryQualityApi>();

    public static async Task<ClientSession> OpenAsync(IConfiguration configuration, Vendor vendor, bool fake, CancellationToken cancellationToken)
    {
        var section = configuration.GetSection(CliConfiguration.Section);
        if (fake)
        {
            var fakes = await AuditFakes.StartAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
            try
            {
                // The configured settings (rate, retries, grader policy) apply; keys and addresses are the fakes'. The
                // rate is the configured one or the SDK's documented default, as against the vendor: a rehearsal that
                // ran at the fakes' test rate would promise a speed the real run does not have.
                CheckSection(section, fakes);
                var clients = fakes.CreateClients(o =>
                {
                    var defaults = new VendorResilienceOptions();
                    o.Scale.Resilience.RequestsPerSecond = defaults.RequestsPerSecond;
                    o.CloudFactory.Resilience.RequestsPerSecond = defaults.RequestsPerSecond;
                    BindOrThrow(section, o);
                    PointAtFakes(o, fakes);
                });
                return new ClientSession(null, fakes, clients);
            }
            catch (OptionsValidationException e)
            {
                await fakes.DisposeAsync().ConfigureAwait(false);
                throw CliException.Configuration(e.Message);
            }
            catch
            {
                await fakes.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }

        var name = vendor == Vendor.Scale ? "Scale" : "CloudFactory";
        if (string.IsNullOrWhiteSpace(section[$"{name}:ApiKey"]))
        {
            throw CliException.Configuration(
                $"{name} is not configured: set the environment variable AuditClients__{name}__ApiKey, or AuditClients:{name}:ApiKey in the file given "
                + "with --config (API keys are never accepted as arguments). Or try the command with --fake.");
        }

        var services = new ServiceCollection();
        try
        {
            services.AddAuditClients(section);
        }
        catch (InvalidOperationException e)
        {
            throw CliException.Configuration(e.Message);
        }

        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException e)
        {
            await provider.DisposeAsync().ConfigureAwait(false);
            throw CliException.Configuration(e.Message);
        }
        catch (InvalidOperationException e)
        {
            // A setting that cannot be converted (RequestsPerSecond=abc) is reported by the binder this way.
            await provider.DisposeAsync().ConfigureAwait(false);
            throw CliException.Configuration(e.Message);
        }

        return new ClientSession(provider, null, null);
    }

    public async ValueTask DisposeAsync()
    {
        if (_fakeClients is not null)
        {
            await _fakeClients.DisposeAsync().ConfigureAwait(false);
        }

        if (Fakes is not null)
        {
            await Fakes.DisposeAsync().ConfigureAwait(false);
        }

        if (_provider is not null)
        {
            await _provider.DisposeAsync().ConfigureAwait(false);
        }
    }

    // The section read as AddAuditClients reads it, so that a key that is not a setting or a value that cannot be read
    // is refused by name with --fake too; the fakes' keys stand in for the missing ones.
    private static void CheckSection(IConfiguration section, AuditFakes fakes)
    {
        var services = new ServiceCollection();
        services.AddAuditClients(section);
        services.PostConfigure<AuditClientOptions>(o => PointAtFakes(o, fakes));
        using var provider = services.BuildServiceProvider();
        _ = provider.GetRequiredService<IOptions<AuditClientOptions>>().Value;
    }

    private static void PointAtFakes(AuditClientOptions o, AuditFakes fakes)
    {
        o.Scale.ApiKey = fakes.ScaleApiKey;
        o.Scale.BaseAddress = fakes.BaseAddress;
        o.CloudFactory.ApiKey = fakes.CloudFactoryApiKey;
        o.CloudFactory.BaseAddress = fakes.BaseAddress;
    }

    private static void BindOrThrow(IConfiguration section, AuditClientOptions options)
    {
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException e)
        {
            throw CliException.Configuration(e.Message);
        }
    }
}
