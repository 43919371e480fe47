using AuditClient.Scale;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace AuditClient.Tests.DependencyInjection;

/// <summary>
/// Each configuration mistake a user can make fails at startup with one message that names the setting the way the
/// user wrote it: the configuration key (with its own section and spelling) or the property path set in code.
/// </summary>
public sealed class ConfigurationTests
{
    private const string TimeSpanFormat = "[d.]hh:mm:ss[.fffffff], such as 00:00:30 for 30 seconds";

    [Test]
    public async Task A_host_without_the_section_fails_at_startup_with_the_validators_message()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Services.AddAuditClients(builder.Configuration.GetSection("AuditClients"));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.That(error!.Message, Is.EqualTo(
            "No vendor is configured in the section AuditClients (missing or empty): set AuditClients:Scale:ApiKey or AuditClients:CloudFactory:ApiKey."));
    }

    [Test]
    public void Resolving_a_client_without_the_section_gives_the_validators_message_not_unable_to_resolve()
    {
        using var provider = Provider(new Dictionary<string, string?>());

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IScaleTasksApi>());

        Assert.That(error!.Message, Does.StartWith("No vendor is configured in the section AuditClients"));
    }

    [Test]
    public void Resolving_the_client_of_a_vendor_left_out_of_the_section_names_its_key()
    {
        using var provider = Provider(new() { ["AuditClients:CloudFactory:ApiKey"] = "cf-key" });

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IScaleAuditsApi>());

        Assert.That(error!.Message, Is.EqualTo("Scale is not configured, so IScaleAuditsApi cannot be built: set AuditClients:Scale:ApiKey."));
    }

    [TestCase("AuditClients:Scale:ApiKy", "AuditClients:Scale:ApiKy is not a setting; did you mean ApiKey?")]
    [TestCase("AuditClients:Scale:Resilience:RequestPerSecond", "AuditClients:Scale:Resilience:RequestPerSecond is not a setting; did you mean RequestsPerSecond?")]
    [TestCase("AuditClients:Scale:APIKEY2", "AuditClients:Scale:APIKEY2 is not a setting; did you mean ApiKey?")]
    [TestCase("AuditClients:Scael:ApiKey", "AuditClients:Scael is not a setting; did you mean Scale?")]
    [TestCase("AuditClients:Retries", "AuditClients:Retries is not a setting; the settings here are ApplicationId, CloudFactory, Scale.")]
    public void A_key_that_is_not_a_setting_is_refused_with_its_name_as_configured(string key, string message)
    {
        using var provider = Provider(new() { ["AuditClients:Scale:ApiKey"] = "k", [key] = "20" });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Is.EqualTo(message));
    }

    [TestCase("30", "AuditClients:Scale:Resilience:TotalTimeout is \"30\", which .NET reads as 30 days: write a time span as " + TimeSpanFormat + ".")]
    [TestCase("30s", "AuditClients:Scale:Resilience:TotalTimeout is \"30s\", which is not a time span: write it as " + TimeSpanFormat + ".")]
    public void A_time_span_written_as_a_bare_or_unreadable_number_is_refused_showing_the_format(string value, string message)
    {
        using var provider = Provider(new() { ["AuditClients:Scale:ApiKey"] = "k", ["AuditClients:Scale:Resilience:TotalTimeout"] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Is.EqualTo(message));
    }

    [Test]
    public void A_time_span_written_as_hh_mm_ss_binds()
    {
        using var provider = Provider(new() { ["AuditClients:Scale:ApiKey"] = "k", ["AuditClients:Scale:Resilience:TotalTimeout"] = "00:00:30" });

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.That(provider.GetRequiredService<IOptions<AuditClientOptions>>().Value.Scale.Resilience.TotalTimeout, Is.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [TestCase("AuditClients:Scale:Resilience:RequestsPerSecond", "many", "AuditClients:Scale:Resilience:RequestsPerSecond is \"many\", which is not a whole number.")]
    [TestCase("AuditClients:Scale:Resilience:RetryEnabled", "yes", "AuditClients:Scale:Resilience:RetryEnabled is \"yes\", which is neither true nor false.")]
    [TestCase("AuditClients:Scale:GraderRules", "Lenient", "AuditClients:Scale:GraderRules is \"Lenient\"; it must be one of RefuseErrorItems, Warn, Refuse.")]
    [TestCase(
        "AuditClients:Scale:AllowUnlistedValues",
        "FeedbackItemCategori",
        "AuditClients:Scale:AllowUnlistedValues is \"FeedbackItemCategori\": \"FeedbackItemCategori\" is not one of None, FeedbackItemType, FeedbackItemCategory, FeedbackItemSeverity, MissingAnnotationType (write one or more, separated by commas); did you mean FeedbackItemCategory?")]
    [TestCase(
        "AuditClients:Scale:AllowUnlistedValues",
        "FeedbackItemType, Everything",
        "AuditClients:Scale:AllowUnlistedValues is \"FeedbackItemType, Everything\": \"Everything\" is not one of None, FeedbackItemType, FeedbackItemCategory, FeedbackItemSeverity, MissingAnnotationType (write one or more, separated by commas).")]
    public void A_value_the_binder_cannot_read_is_refused_with_its_key(string key, string value, string message)
    {
        using var provider = Provider(new() { ["AuditClients:Scale:ApiKey"] = "k", [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Is.EqualTo(message));
    }

    [Test]
    public void A_time_span_out_of_bounds_set_in_code_is_named_as_in_code_and_shows_the_format()
    {
        var error = Assert.Throws<OptionsValidationException>(() => AuditClients.Create(o =>
        {
            o.Scale.ApiKey = "k";
            o.Scale.Resilience.TotalTimeout = TimeSpan.FromDays(30);
        }));

        Assert.That(error!.Message, Is.EqualTo(
            "Scale.Resilience.TotalTimeout must be between 00:00:00.0100000 and 1.00:00:00 (was 30.00:00:00; a time span is written " + TimeSpanFormat + ")."));
    }

    [Test]
    public void Options_bound_from_another_section_are_named_by_that_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Vendors:Audit:Scale:BaseAddress"] = "https://scale.example.test" })
            .Build();
        var services = new ServiceCollection();
        services.AddAuditClients(configuration.GetSection("Vendors:Audit"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Is.EqualTo("Vendors:Audit:Scale:ApiKey is required when Scale is configured."));
    }

    [Test]
    public void Options_bound_from_the_root_of_a_configuration_are_named_by_their_keys()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Scale:ApiKy"] = "k" })
            .Build();
        var services = new ServiceCollection();
        services.AddAuditClients(configuration);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Is.EqualTo("Scale:ApiKy is not a setting; did you mean ApiKey?"));
    }

    [Test]
    public void A_named_account_set_in_code_is_named_in_the_message()
    {
        var services = new ServiceCollection();
        services.AddAuditClients("team-a", o => o.Scale.BaseAddress = new Uri("https://scale.example.test"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Is.EqualTo("Scale.ApiKey (account \"team-a\") is required when Scale is configured."));
    }

    [TestCase("my app")]
    [TestCase("myapp/1.2/3")]
    [TestCase("myapp (beta)")]
    public void An_application_id_that_is_not_a_product_token_is_refused(string applicationId)
    {
        var error = Assert.Throws<OptionsValidationException>(() => AuditClients.Create(o =>
        {
            o.Scale.ApiKey = "k";
            o.ApplicationId = applicationId;
        }));

        Assert.That(error!.Message, Is.EqualTo(
            "ApplicationId must be a product token such as myapp/1.2 (letters, digits and !#$%&'*+-.^_`|~, with an optional /version; no spaces); "
            + $"was \"{applicationId}\"."));
    }

    [TestCase("")]
    [TestCase("team a")]
    [TestCase("team/a")]
    public void An_account_name_unsafe_in_client_names_and_quota_keys_is_refused_at_registration(string name)
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentException>(() => services.AddAuditClients(name, o => o.Scale.ApiKey = "k"));
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddAuditClients(configuration.GetSection("AuditClients"));
        return services.BuildServiceProvider();
    }
}
