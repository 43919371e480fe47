using AuditClient.Core.Vendors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuditClient.Core.DependencyInjection;

/// <summary>
/// One vendor of one account: the unnamed account of <c>AddAuditClients(options)</c>, or a named one of
/// <c>AddAuditClients("team-a", options)</c>, whose clients are keyed services under its name. Every name derived
/// from it (service key, options name, HttpClient name, shared-quota scope) is fixed by the vendor and the account
/// alone, so that log filters, dashboards and shared quotas keep working from one release to the next.
/// </summary>
internal sealed class VendorAccount
{
    public VendorAccount(VendorProfile profile, string? account)
    {
        Profile = profile;
        Account = account;
        ClientName = account is null ? $"AuditClient.{profile.Vendor}" : $"AuditClient.{profile.Vendor}.{account}";
        QuotaScope = account is null ? profile.Tag : $"{profile.Tag}:{account}";

        // The unnamed account keeps the vendor as its key, as before accounts existed.
        RuntimeKey = account is null ? profile.Vendor : (object)(profile.Vendor, account);
    }

    public VendorProfile Profile { get; }

    /// <summary>The account's name; <see langword="null"/> for the unnamed account.</summary>
    public string? Account { get; }

    /// <summary>The key of the account's public clients: its name, or <see langword="null"/> for unkeyed services.</summary>
    public object? ServiceKey => Account;

    /// <summary>The name of the account's <see cref="AuditClientOptions"/> (<see cref="Options.DefaultName"/> when unnamed).</summary>
    public string OptionsName => Account ?? Options.DefaultName;

    /// <summary>
    /// The HttpClient's name: <c>AuditClient.Vendor</c> or <c>AuditClient.Vendor.account</c>. HttpClientFactory's log
    /// categories (<c>System.Net.Http.HttpClient.{name}.LogicalHandler</c>) and Polly's pipeline name derive from it.
    /// </summary>
    public string ClientName { get; }

    /// <summary>The scope of a quota shared between processes: the vendor's tag, then the account's name if any.</summary>
    public string QuotaScope { get; }

    /// <summary>The key of the account's internal services (runtime, Refit client).</summary>
    public object RuntimeKey { get; }

    /// <summary>The account's options, as configured and bound, frozen when they were built.</summary>
    public AuditClientOptions OptionsOf(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<AuditClientOptions>>().Get(OptionsName).Frozen();

    public override string ToString() => ClientName;
}
