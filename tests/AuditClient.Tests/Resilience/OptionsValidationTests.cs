using AuditClient.Tests.Support;
using Microsoft.Extensions.Options;

namespace AuditClient.Tests.Resilience;

/// <summary>Settings are checked at startup: keys travel only over https except to loopback, and timeouts fit the pipeline.</summary>
public sealed class OptionsValidationTests
{
    [TestCase("https://api.scale.com")]
    [TestCase("https://scale-proxy.internal.example:8443/")]
    [TestCase("http://127.0.0.1:5000")]
    [TestCase("http://localhost:5000")]
    [TestCase("http://[::1]:5000")]
    public void An_https_or_loopback_address_is_accepted(string address)
    {
        Assert.That(() => AuditClients.Create(o =>
        {
            o.Scale.ApiKey = Loopback.ScaleKey;
            o.Scale.BaseAddress = new Uri(address);
        }).Dispose(), Throws.Nothing);
    }

    [TestCase("http://api.scale.com", "Scale.BaseAddress")]
    [TestCase("http://10.0.0.7:8080", "Scale.BaseAddress")]
    [TestCase("ftp://api.scale.com", "Scale.BaseAddress")]
    public void A_plain_http_address_that_is_not_loopback_is_refused_at_startup(string address, string setting)
    {
        var error = Assert.Throws<OptionsValidationException>(() => AuditClients.Create(o =>
        {
            o.Scale.ApiKey = Loopback.ScaleKey;
            o.Scale.BaseAddress = new Uri(address);
        }));

        Assert.That(error!.Message, Does.Contain(setting).And.Contain("https"));
        Assert.That(error.Message, Does.Not.Contain(Loopback.ScaleKey));
    }

    [Test]
    public void CloudFactory_addresses_follow_the_same_rule()
    {
        var error = Assert.Throws<OptionsValidationException>(() => AuditClients.Create(o =>
        {
            o.CloudFactory.ApiKey = Loopback.CloudFactoryKey;
            o.CloudFactory.BaseAddress = new Uri("http://api.cloudfactory.app");
        }));

        Assert.That(error!.Message, Does.Contain("CloudFactory.BaseAddress"));
    }

    [TestCase(nameof(VendorResilienceOptions.AttemptTimeout), 5)]
    [TestCase(nameof(VendorResilienceOptions.TotalTimeout), 5)]
    public void A_timeout_too_short_for_the_pipeline_is_refused_at_startup_not_on_the_first_call(string setting, int milliseconds)
    {
        var error = Assert.Throws<OptionsValidationException>(() => AuditClients.Create(o =>
        {
            o.Scale.ApiKey = Loopback.ScaleKey;
            if (setting == nameof(VendorResilienceOptions.AttemptTimeout))
            {
                o.Scale.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(milliseconds);
            }
            else
            {
                o.Scale.Resilience.TotalTimeout = TimeSpan.FromMilliseconds(milliseconds);
            }
        }));

        Assert.That(error!.Message, Does.Contain($"Scale.Resilience.{setting}"));
    }
}
