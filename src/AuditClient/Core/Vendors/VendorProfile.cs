using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Core.Vendors;

/// <summary>
/// Everything the shared plumbing needs to know about one vendor, declared once in the vendor's folder: names, default
/// address, how a key becomes a credential header, where an error body keeps its message, and how to register the
/// vendor's clients. Core reads vendors only through this type; adding a vendor is a folder and a line in
/// <see cref="VendorCatalog"/>.
/// </summary>
internal abstract class VendorProfile
{
    /// <summary>The name used in exceptions, messages and configuration sections (<c>AuditClients:Name</c>).</summary>
    public abstract AuditVendor Vendor { get; }

    /// <summary>A lower-case name for telemetry tags, shared-quota keys and client names; never changes between releases.</summary>
    public abstract string Tag { get; }

    /// <summary>The address of the vendor's API when none is configured.</summary>
    public abstract Uri DefaultBaseAddress { get; }

    /// <summary>The JSON properties of an error body that hold the vendor's message, in the order to try them.</summary>
    public abstract IReadOnlyList<string> ErrorMessageProperties { get; }

    /// <summary>The JSON properties of an error body that hold the vendor's error code, if it sends one.</summary>
    public virtual IReadOnlyList<string> ErrorCodeProperties => [];

    /// <summary>The header that carries the credential, and its value, for an API key.</summary>
    /// <param name="apiKey">The configured key (never empty once the options are valid).</param>
    /// <returns>The header and the strings that must never reach a log or an exception.</returns>
    public abstract VendorCredential CreateCredential(string apiKey);

    /// <summary>This vendor's settings within the options.</summary>
    /// <param name="options">The SDK's options.</param>
    /// <returns>The vendor's part of them.</returns>
    public abstract VendorOptions OptionsOf(AuditClientOptions options);

    /// <summary>Puts <paramref name="vendorOptions"/> in place of this vendor's settings (in a frozen copy of the options).</summary>
    /// <param name="options">The SDK's options.</param>
    /// <param name="vendorOptions">The vendor's part, of this vendor's type.</param>
    public abstract void SetOptionsOf(AuditClientOptions options, VendorOptions vendorOptions);

    /// <summary>Registers this vendor's clients for one account; called once per account and container.</summary>
    /// <param name="services">The container's services.</param>
    /// <param name="account">The account: its keys and names.</param>
    public abstract void Register(IServiceCollection services, DependencyInjection.VendorAccount account);

    /// <summary>The vendor's name.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Vendor.ToString();
}

/// <summary>A credential header, and the secrets in it that redaction removes from any text the SDK hands out.</summary>
internal sealed record VendorCredential(string HeaderName, string HeaderValue, IReadOnlyList<string> Secrets);
