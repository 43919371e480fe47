namespace AuditClient;

/// <summary>
/// Settings of the SDK, bound from code or from a configuration section such as <c>AuditClients</c>
/// (<c>AuditClients:Scale:ApiKey</c>, or the environment variable <c>AuditClients__Scale__ApiKey</c>).
/// The options are copied when they are built (by <c>AuditClients.Create</c>, or when the container validates them at
/// startup): changing this object afterwards changes nothing.
/// </summary>
/// <remarks>Each vendor adds its own property (<c>Scale</c>, <c>CloudFactory</c>) from its folder.</remarks>
public sealed partial class AuditClientOptions
{
    /// <summary>
    /// The application's own product token, such as <c>myapp/1.2</c>, sent before the SDK's in the <c>User-Agent</c>
    /// of every request (<c>myapp/1.2 AuditClient/0.1.0 (.NET 10.0.1; Linux ...)</c>), so that a vendor can tell
    /// applications apart. Letters, digits and <c>!#$%&amp;'*+-.^_`|~</c>, with an optional <c>/version</c>; no spaces.
    /// Default: none.
    /// </summary>
    public string? ApplicationId { get; set; }

    /// <summary>How messages spell the settings: as the configuration keys they were bound from, or as set in code.</summary>
    internal Core.DependencyInjection.SettingNames Names = Core.DependencyInjection.SettingNames.InCode(null);

    /// <summary>
    /// Keys of the bound configuration that are not settings, or values that cannot be read; reported by the
    /// validator at startup, in place of every other check.
    /// </summary>
    internal List<string>? ConfigurationFailures;

    /// <summary>
    /// Set by a companion package (<c>UseRedisQuota</c> in AuditClient.Redis) to share each vendor's rate limit with
    /// other processes. A field, so that configuration binding (which sees internal properties) leaves it alone.
    /// </summary>
    internal Core.Http.ISharedQuota? SharedQuota;

    // A field, so that configuration binding leaves it alone.
    private AuditClientOptions? _frozen;

    /// <summary>
    /// The copy of these options that the clients read, taken once, when the options are built: an app that keeps
    /// this object (the one its configure callback was given) and changes it afterwards changes nothing.
    /// </summary>
    /// <returns>The frozen copy.</returns>
    internal AuditClientOptions Frozen()
    {
        if (Volatile.Read(ref _frozen) is { } frozen)
        {
            return frozen;
        }

        // Each field as it is, so that a setting added later is copied too; the parts that are objects of their own
        // (each vendor's settings and their resilience settings) copied the same way.
        var copy = (AuditClientOptions)MemberwiseClone();
        foreach (var vendor in VendorCatalog.All)
        {
            vendor.SetOptionsOf(copy, vendor.OptionsOf(this).Copy());
        }

        copy._frozen = copy;
        return Interlocked.CompareExchange(ref _frozen, copy, null) ?? copy;
    }
}

/// <summary>Settings shared by every vendor: credentials, address and resilience.</summary>
public abstract class VendorOptions
{
    private string? _apiKey;
    private Uri _baseAddress;
    private bool _assigned;
    private VendorResilienceOptions _resilience = new();

    private protected VendorOptions(Core.Vendors.VendorProfile profile)
    {
        Profile = profile;
        _baseAddress = profile.DefaultBaseAddress;
    }

    /// <summary>The API key. Never written to logs, exception messages or <see cref="object.ToString"/>.</summary>
    public string? ApiKey
    {
        get => _apiKey;
        set { _apiKey = value; _assigned = true; }
    }

    /// <summary>The root address of the vendor's API. Must be absolute, and https unless it is a loopback address.</summary>
    public Uri BaseAddress
    {
        get => _baseAddress;
        set { _baseAddress = value; _assigned = true; }
    }

    /// <summary>Rate limiting, retries and timeouts for every call to this vendor.</summary>
    public VendorResilienceOptions Resilience
    {
        get => _resilience;
        set { _resilience = value; _assigned = true; }
    }

    /// <summary>
    /// Creates the innermost handler that sends this vendor's requests (default: a <see cref="SocketsHttpHandler"/>
    /// managed by <c>IHttpClientFactory</c>). Set it for a proxy, custom certificates, or an in-memory transport; the
    /// SDK's authentication, rate limiting, retries and timeouts still run above it. Not bound from configuration.
    /// </summary>
    public Func<HttpMessageHandler>? PrimaryHandlerFactory
    {
        get;
        set { field = value; _assigned = true; }
    }

    /// <summary>
    /// Whether any setting of this vendor was given, in code or configuration, the resilience settings included:
    /// a configured vendor without an API key fails validation, and the clients of a vendor that is not configured
    /// refuse to be built, naming the setting that is missing.
    /// </summary>
    internal bool IsConfigured => _assigned || _resilience.IsModified;

    // A field, so that configuration binding (which sees internal properties) leaves it alone.
    internal readonly Core.Vendors.VendorProfile Profile;

    internal AuditVendor Vendor => Profile.Vendor;

    /// <summary>
    /// The vendor's options type, named statically so that trimming keeps its properties for the configuration check
    /// (under Native AOT, <c>GetType()</c> of a derived type would have none).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
    internal abstract Type SettingsType { get; }

    private protected void Assigned() => _assigned = true;

    /// <summary>A copy of these settings that shares nothing that can be changed with them.</summary>
    /// <returns>The copy.</returns>
    internal VendorOptions Copy()
    {
        var copy = (VendorOptions)MemberwiseClone();
        copy._resilience = _resilience.Copy();
        return copy;
    }

    /// <summary>Returns the vendor's name and address; never the API key.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => $"{Vendor} at {BaseAddress}";
}
