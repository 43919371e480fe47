namespace AuditClient;

/// <summary>
/// Settings of the SDK, bound from code or from a configuration section such as <c>AuditClients</c>
/// (<c>AuditClients:Scale:ApiKey</c>, or the environment variable <c>AuditClients__Scale__ApiKey</c>).
/// The clients copy what they need when they are built: changing these options afterwards changes nothing.
/// </summary>
public sealed class AuditClientOptions
{
    /// <summary>Scale (task audits and fixless audits). Registered only when any of its settings is given.</summary>
    public ScaleOptions Scale { get; set; } = new();

    /// <summary>CloudFactory (Quality API). Registered only when any of its settings is given.</summary>
    public CloudFactoryOptions CloudFactory { get; set; } = new();

    /// <summary>
    /// Set by a companion package (<c>UseRedisQuota</c> in AuditClient.Redis) to share each vendor's rate limit with
    /// other processes. A field, so that configuration binding (which sees internal properties) leaves it alone.
    /// </summary>
    internal Core.Http.ISharedQuota? SharedQuota;
}

/// <summary>Settings shared by every vendor: credentials, address and resilience.</summary>
public abstract class VendorOptions
{
    private string? _apiKey;
    private Uri _baseAddress;
    private bool _assigned;
    private VendorResilienceOptions _resilience = new();

    private protected VendorOptions(Uri defaultBaseAddress) => _baseAddress = defaultBaseAddress;

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
    /// Whether any setting of this vendor was given, in code or configuration, the resilience settings included;
    /// only configured vendors are registered, and a configured vendor without an API key fails validation.
    /// </summary>
    internal bool IsConfigured => _assigned || _resilience.IsModified;

    internal abstract AuditVendor Vendor { get; }

    private protected void Assigned() => _assigned = true;

    /// <summary>Returns the vendor's name and address; never the API key.</summary>
    /// <returns>A description without secrets.</returns>
    public override string ToString() => $"{Vendor} at {BaseAddress}";
}

/// <summary>Settings of the Scale client. Authentication is HTTP Basic with the API key as user name and an empty password.</summary>
public sealed class ScaleOptions : VendorOptions
{
    /// <summary>The default address of Scale's API.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.scale.com");

    /// <summary>Creates Scale settings with the default address.</summary>
    public ScaleOptions()
        : base(DefaultBaseAddress)
    {
    }

    /// <summary>
    /// What a fixless audit create does with a feedback item Scale accepts but its grader would mark invalid and leave
    /// out of quality scores. Default <see cref="AuditClient.Scale.GraderRulePolicy.RefuseErrorItems"/>: such
    /// <c>error</c> items are refused before sending, and the other item types are sent with a logged warning.
    /// </summary>
    public AuditClient.Scale.GraderRulePolicy GraderRules
    {
        get;
        set { field = value; Assigned(); }
    }

    internal override AuditVendor Vendor => AuditVendor.Scale;
}

/// <summary>Settings of the CloudFactory client. Authentication is the <c>x-api-key</c> header.</summary>
public sealed class CloudFactoryOptions : VendorOptions
{
    /// <summary>The default address of CloudFactory's API.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.cloudfactory.app");

    /// <summary>Creates CloudFactory settings with the default address.</summary>
    public CloudFactoryOptions()
        : base(DefaultBaseAddress)
    {
    }

    internal override AuditVendor Vendor => AuditVendor.CloudFactory;
}
