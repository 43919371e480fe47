using System.Globalization;
using AuditClient.Core.Http;
using Microsoft.Extensions.Options;

namespace AuditClient.Core.DependencyInjection;

/// <summary>
/// Checks the options once, at startup. Each failure names the setting as the user set it (see
/// <see cref="SettingNames"/>): <c>AuditClients:Vendor:ApiKey</c> from configuration, <c>Vendor.ApiKey</c> in code.
/// </summary>
internal sealed class AuditClientOptionsValidator : IValidateOptions<AuditClientOptions>
{
    // The bounds are Polly's: beyond them the pipeline would fail on the first call instead of at startup.
    private static readonly TimeSpan MaxDelay = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, AuditClientOptions options)
    {
        var names = options.Names;

        // Keys that are not settings, or values that cannot be read, left the options unbound: nothing else is checked.
        if (options.ConfigurationFailures is { Count: > 0 } unreadable)
        {
            return ValidateOptionsResult.Fail(unreadable);
        }

        var failures = new List<string>();
        if (options.ApplicationId is { } applicationId && !UserAgent.IsProduct(applicationId))
        {
            failures.Add($"{names.Of(nameof(options.ApplicationId))} must be a product token such as myapp/1.2 (letters, digits and !#$%&'*+-.^_`|~, "
                + $"with an optional /version; no spaces); was \"{applicationId}\".");
        }

        foreach (var vendor in VendorCatalog.All)
        {
            Check(vendor.OptionsOf(options), names, failures);
        }

        if (!VendorCatalog.All.Any(vendor => vendor.OptionsOf(options).IsConfigured))
        {
            var keys = string.Join(" or ", VendorCatalog.All.Select(v => names.Of(v.Vendor.ToString(), nameof(VendorOptions.ApiKey))));
            failures.Add(names.FromConfiguration
                ? $"No vendor is configured in {names.Whole} (missing or empty): set {keys}."
                : $"No vendor is configured in {names.Whole}: set {keys}.");
        }

        // Last, and only when the rest is valid: it may open a connection.
        if (failures.Count == 0)
        {
            options.SharedQuota?.Validate(failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(VendorOptions vendor, SettingNames names, List<string> failures)
    {
        if (!vendor.IsConfigured)
        {
            return;
        }

        var v = vendor.Vendor.ToString();
        if (string.IsNullOrWhiteSpace(vendor.ApiKey))
        {
            failures.Add($"{names.Of(v, nameof(vendor.ApiKey))} is required when {v} is configured.");
        }

        var address = names.Of(v, nameof(vendor.BaseAddress));
        if (vendor.BaseAddress is not { IsAbsoluteUri: true } baseAddress)
        {
            failures.Add($"{address} must be an absolute URI.");
        }
        else if (baseAddress.Scheme != Uri.UriSchemeHttps && !(baseAddress.Scheme == Uri.UriSchemeHttp && baseAddress.IsLoopback))
        {
            failures.Add($"{address} must use https (plain http is accepted only for a loopback address).");
        }

        var r = vendor.Resilience;
        if (r is null)
        {
            failures.Add($"{names.Of(v, nameof(vendor.Resilience))} must not be null.");
            return;
        }

        string Setting(string setting) => names.Of(v, nameof(vendor.Resilience), setting);
        Positive(r.RequestsPerSecond, Setting(nameof(r.RequestsPerSecond)), failures);
        Positive(r.MaxConcurrentRequests, Setting(nameof(r.MaxConcurrentRequests)), failures);
        if (r.RateLimiterQueueLimit < 0)
        {
            failures.Add($"{Setting(nameof(r.RateLimiterQueueLimit))} must not be negative.");
        }

        if (r.MaxRetryAttempts < 0)
        {
            failures.Add($"{Setting(nameof(r.MaxRetryAttempts))} must not be negative.");
        }

        Between(r.RetryBaseDelay, TimeSpan.FromTicks(1), MaxDelay, Setting(nameof(r.RetryBaseDelay)), failures);
        Between(r.RetryMaxDelay, TimeSpan.FromTicks(1), MaxDelay, Setting(nameof(r.RetryMaxDelay)), failures);
        if (r.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{Setting(nameof(r.MaxRetryAfter))} must not be negative (was {Format(r.MaxRetryAfter)}).");
        }

        Between(r.AttemptTimeout, TimeSpan.FromMilliseconds(10), MaxDelay, Setting(nameof(r.AttemptTimeout)), failures);
        Between(r.TotalTimeout, TimeSpan.FromMilliseconds(10), MaxDelay, Setting(nameof(r.TotalTimeout)), failures);
        if (r.MaxResponseBytes < PooledContent.MaxPooledLength)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Setting(nameof(r.MaxResponseBytes))} must be at least {PooledContent.MaxPooledLength} (1 MiB; was {r.MaxResponseBytes})."));
        }
    }

    private static void Positive(int value, string setting, List<string> failures)
    {
        if (value <= 0)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{setting} must be positive (was {value})."));
        }
    }

    private static void Between(TimeSpan value, TimeSpan min, TimeSpan max, string setting, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} must be between {Format(min)} and {Format(max)} (was {Format(value)}; a time span is written {ConfigurationCheck.TimeSpanFormat}).");
        }
    }

    // The constant ("c") format is the one configuration reads back: 00:00:30, 1.00:00:00.
    private static string Format(TimeSpan value) => value.ToString("c", CultureInfo.InvariantCulture);
}
