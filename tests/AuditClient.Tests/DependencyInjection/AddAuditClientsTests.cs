using AuditClient.CloudFactory;
using AuditClient.Core.Http;
using AuditClient.Scale;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuditClient.Tests.DependencyInjection;

public sealed class AddAuditClientsTests
{
    [Test]
    public void Clients_resolve_from_a_provider_built_from_in_memory_configuration()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AuditClients:Scale:ApiKey"] = "scale-key",
                ["AuditClients:CloudFactory:ApiKey"] = "cf-key",
                ["AuditClients:CloudFactory:BaseAddress"] = "https://quality.example.test",
                ["AuditClients:CloudFactory:Resilience:RequestsPerSecond"] = "7",
            })
            .Build();
        var services = new ServiceCollection();
        services.AddAuditClients(configuration.GetSection("AuditClients"));
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(provider.GetService<IScaleAuditsApi>(), Is.Not.Null);
            Assert.That(provider.GetService<IScaleTasksApi>(), Is.Not.Null);
            Assert.That(provider.GetService<ICloudFactoryQualityApi>(), Is.Not.Null);
            var options = provider.GetRequiredService<IOptions<AuditClientOptions>>().Value;
            Assert.That(options.CloudFactory.BaseAddress, Is.EqualTo(new Uri("https://quality.example.test")));
            Assert.That(options.CloudFactory.Resilience.RequestsPerSecond, Is.EqualTo(7));
            Assert.That(options.Scale.BaseAddress, Is.EqualTo(ScaleOptions.DefaultBaseAddress));
        }
    }

    [Test]
    public void Options_bind_from_environment_variables_with_double_underscores()
    {
        const string variable = "AuditClients__Scale__ApiKey";
        Environment.SetEnvironmentVariable(variable, "from-environment");
        try
        {
            var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();
            var services = new ServiceCollection();
            services.AddAuditClients(configuration.GetSection("AuditClients"));
            using var provider = services.BuildServiceProvider();

            Assert.That(provider.GetRequiredService<IOptions<AuditClientOptions>>().Value.Scale.ApiKey, Is.EqualTo("from-environment"));
            Assert.That(provider.GetService<IScaleTasksApi>(), Is.Not.Null);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }

    [Test]
    public void A_client_of_a_vendor_that_is_not_configured_names_the_missing_setting_instead_of_failing_to_resolve()
    {
        var services = new ServiceCollection();
        services.AddAuditClients(o => o.CloudFactory.ApiKey = "cf-key");
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.That(provider.GetService<ICloudFactoryQualityApi>(), Is.Not.Null);
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IScaleTasksApi>());
        Assert.That(error!.Message, Is.EqualTo("Scale is not configured, so IScaleTasksApi cannot be built: set Scale.ApiKey."));
    }

    private static IEnumerable<TestCaseData> InvalidOptions()
    {
        yield return Case("Scale.ApiKey", o => o.Scale.BaseAddress = new Uri("https://api.scale.com"));
        yield return Case("CloudFactory.ApiKey", o => o.CloudFactory.ApiKey = " ");
        yield return Case("Scale.BaseAddress", o => { o.Scale.ApiKey = "k"; o.Scale.BaseAddress = new Uri("/relative", UriKind.Relative); });
        yield return Case("Scale.BaseAddress", o => { o.Scale.ApiKey = "k"; o.Scale.BaseAddress = new Uri("http://api.example.test"); });
        yield return Case("Scale.Resilience.RequestsPerSecond", o => { o.Scale.ApiKey = "k"; o.Scale.Resilience.RequestsPerSecond = 0; });
        yield return Case("CloudFactory.Resilience.MaxConcurrentRequests", o => { o.CloudFactory.ApiKey = "k"; o.CloudFactory.Resilience.MaxConcurrentRequests = -1; });
        yield return Case("Scale.Resilience.AttemptTimeout", o => { o.Scale.ApiKey = "k"; o.Scale.Resilience.AttemptTimeout = TimeSpan.Zero; });
        yield return Case("Scale.Resilience.TotalTimeout", o => { o.Scale.ApiKey = "k"; o.Scale.Resilience.TotalTimeout = TimeSpan.FromSeconds(-1); });
        yield return Case("CloudFactory.Resilience.MaxRetryAttempts", o => { o.CloudFactory.ApiKey = "k"; o.CloudFactory.Resilience.MaxRetryAttempts = -2; });
        yield return Case("Scale.Resilience.RetryBaseDelay", o => { o.Scale.ApiKey = "k"; o.Scale.Resilience.RetryBaseDelay = TimeSpan.Zero; });
        yield return Case("No vendor is configured in the options: set Scale.ApiKey or CloudFactory.ApiKey.", _ => { });

        static TestCaseData Case(string setting, Action<AuditClientOptions> configure) =>
            new TestCaseData(setting, configure).SetArgDisplayNames(setting);
    }

    [TestCaseSource(nameof(InvalidOptions))]
    public void Each_invalid_option_fails_at_startup_naming_the_setting(string setting, Action<AuditClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddAuditClients(configure);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Does.Contain(setting));
    }

    [Test]
    public void The_static_factory_refuses_invalid_options_at_once()
    {
        var error = Assert.Throws<OptionsValidationException>(() => AuditClients.Create(o => o.Scale.ApiKey = ""));

        Assert.That(error!.Message, Does.Contain("Scale.ApiKey"));
    }

    [Test]
    public void A_vendor_whose_resilience_is_set_in_code_without_a_key_fails_at_once_instead_of_going_missing()
    {
        var error = Assert.Throws<OptionsValidationException>(() => AuditClients.Create(o =>
        {
            o.Scale.ApiKey = "k";
            o.CloudFactory.Resilience.RetryEnabled = false;
        }));

        Assert.That(error!.Message, Does.Contain("CloudFactory.ApiKey is required"));
    }

    [Test]
    public void A_host_whose_vendor_has_only_a_rate_set_in_code_fails_at_startup_naming_the_missing_key()
    {
        var services = new ServiceCollection();
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = "k";
            o.CloudFactory.Resilience.RequestsPerSecond = 5;
        });
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Does.Contain("CloudFactory.ApiKey is required"));
    }

    [Test]
    public void Two_vendors_configured_differently_do_not_share_limiters_or_settings()
    {
        var services = new ServiceCollection();
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = "scale-key";
            o.Scale.Resilience.RequestsPerSecond = 5;
            o.CloudFactory.ApiKey = "cf-key";
            o.CloudFactory.Resilience.RequestsPerSecond = 50;
        });
        using var provider = services.BuildServiceProvider();

        var scale = provider.GetRequiredKeyedService<VendorRuntime>(AuditVendor.Scale);
        var cloudFactory = provider.GetRequiredKeyedService<VendorRuntime>(AuditVendor.CloudFactory);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(scale.RateLimiter, Is.Not.Null);
            Assert.That(cloudFactory.RateLimiter, Is.Not.SameAs(scale.RateLimiter));
            Assert.That(scale.Resilience.RequestsPerSecond, Is.EqualTo(5));
            Assert.That(cloudFactory.Resilience.RequestsPerSecond, Is.EqualTo(50));
            Assert.That(scale.AuthHeaderName, Is.EqualTo("Authorization"));
            Assert.That(cloudFactory.AuthHeaderName, Is.EqualTo("x-api-key"));
        }
    }

    [Test]
    public void Changing_the_options_after_the_clients_are_built_changes_nothing()
    {
        var services = new ServiceCollection();
        services.AddAuditClients(o => o.Scale.ApiKey = "scale-key");
        using var provider = services.BuildServiceProvider();
        var runtime = provider.GetRequiredKeyedService<VendorRuntime>(AuditVendor.Scale);

        var options = provider.GetRequiredService<IOptions<AuditClientOptions>>().Value;
        options.Scale.Resilience.RequestsPerSecond = 1;
        options.Scale.BaseAddress = new Uri("https://elsewhere.example.test");

        using (Assert.EnterMultipleScope())
        {
            Assert.That(provider.GetRequiredKeyedService<VendorRuntime>(AuditVendor.Scale).Resilience.RequestsPerSecond, Is.EqualTo(20));
            Assert.That(runtime.BaseAddress, Is.EqualTo(ScaleOptions.DefaultBaseAddress));
        }
    }

    [Test]
    public void Options_never_show_the_api_key()
    {
        var options = new AuditClientOptions();
        options.Scale.ApiKey = "very-secret-key";

        Assert.That(options.Scale.ToString(), Does.Not.Contain("very-secret-key"));
    }
}
