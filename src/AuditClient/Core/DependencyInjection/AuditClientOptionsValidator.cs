using Microsoft.Extensions.Options;

namespace AuditClient.Core.DependencyInjection;

/// <summary>Checks the options once, at startup; each failure names the setting as it is spelled in configuration.</summary>
internal sealed class AuditClientOptionsValidator : IValidateOptions<AuditClientOptions>
{
    public const string Section = "AuditClients";

    public ValidateOptionsResult Validate(string? name, AuditClientOptions options)
    {
        var failures = new List<string>();
        foreach (var vendor in VendorCatalog.All)
        {
            Check(vendor.OptionsOf(options), $"{Section}:{vendor.Vendor}", failures);
        }

        if (!VendorCatalog.All.Any(vendor => vendor.OptionsOf(options).IsConfigured))
        {
            failures.Add($"{Section}: configure at least one vendor ({string.Join(" or ", VendorCatalog.All)}) with its ApiKey.");
        }

        // Last, and only when the rest is valid: it may open a connection.
        if (failures.Count == 0)
        {
            options.SharedQuota?.Validate(failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(VendorOptions vendor, string prefix, List<string> failures)
    {
        if (!vendor.IsConfigured)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(vendor.ApiKey))
        {
            failures.Add($"{prefix}:ApiKey is required when {vendor.Vendor} is configured.");
        }

        if (vendor.BaseAddress is not { IsAbsoluteUri: true } address)
        {
            failures.Add($"{prefix}:BaseAddress must be an absolute URI.");
        }
        else if (address.Scheme != Uri.UriSchemeHttps && !(address.Scheme == Uri.UriSchemeHttp && address.IsLoopback))
        {
            failures.Add($"{prefix}:BaseAddress must use https (plain http is accepted only for a loopback address).");
        }

        var r = vendor.Resilience;
        var p = prefix + ":Resilience:";
        if (r is null)
        {
            failures.Add($"{p[..^1]} must not be null.");
            return;
        }

        Positive(r.RequestsPerSecond, p + nameof(r.RequestsPerSecond), failures);
        Positive(r.MaxConcurrentRequests, p + nameof(r.MaxConcurrentRequests), failures);
        if (r.RateLimiterQueueLimit < 0)
        {
            failures.Add($"{p}{nameof(r.RateLimiterQueueLimit)} must not be negative.");
        }

        if (r.MaxRetryAttempts < 0)
        {
            failures.Add($"{p}{nameof(r.MaxRetryAttempts)} must not be negative.");
        }

        // The bounds are Polly's: beyond them the pipeline would fail on the first call instead of at startup.
        Between(r.RetryBaseDelay, TimeSpan.FromTicks(1), TimeSpan.FromDays(1), p + nameof(r.RetryBaseDelay), failures);
        Between(r.RetryMaxDelay, TimeSpan.FromTicks(1), TimeSpan.FromDays(1), p + nameof(r.RetryMaxDelay), failures);
        if (r.MaxRetryAfter < TimeSpan.Zero)
        {
            failures.Add($"{p}{nameof(r.MaxRetryAfter)} must not be negative.");
        }

        Between(r.AttemptTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1), p + nameof(r.AttemptTimeout), failures);
        Between(r.TotalTimeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1), p + nameof(r.TotalTimeout), failures);
    }

    private static void Positive(int value, string setting, List<string> failures)
    {
        if (value <= 0)
        {
            failures.Add($"{setting} must be positive (was {value}).");
        }
    }

    private static void Between(TimeSpan value, TimeSpan min, TimeSpan max, string setting, List<string> failures)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} must be between {min} and {max} (was {value}).");
        }
    }
}
