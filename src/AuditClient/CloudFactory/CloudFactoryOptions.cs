namespace AuditClient;

/// <summary>CloudFactory's part of the options.</summary>
public sealed partial class AuditClientOptions
{
    /// <summary>CloudFactory (Quality API). Configured when any of its settings is given; until then its clients refuse to be built, naming the missing setting.</summary>
    public CloudFactoryOptions CloudFactory { get; set; } = new();
}

/// <summary>Settings of the CloudFactory client. Authentication is the <c>x-api-key</c> header.</summary>
public sealed partial class CloudFactoryOptions : VendorOptions
{
    /// <summary>The default address of CloudFactory's API.</summary>
    public static readonly Uri DefaultBaseAddress = AuditClient.CloudFactory.CloudFactoryProfile.Instance.DefaultBaseAddress;

    /// <summary>Creates CloudFactory settings with the default address.</summary>
    public CloudFactoryOptions()
        : base(AuditClient.CloudFactory.CloudFactoryProfile.Instance)
    {
    }

    /// <inheritdoc />
    [System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
    internal override Type SettingsType => typeof(CloudFactoryOptions);
}
