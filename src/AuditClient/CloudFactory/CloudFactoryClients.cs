using AuditClient.CloudFactory;

namespace AuditClient;

/// <summary>CloudFactory's client on <see cref="AuditClients"/>.</summary>
public sealed partial class AuditClients
{
    private ICloudFactoryQualityApi? _cloudFactory;

    /// <summary>The CloudFactory Quality API. Throws <see cref="InvalidOperationException"/> when CloudFactory is not configured.</summary>
    public ICloudFactoryQualityApi CloudFactory => Resolve(ref _cloudFactory);
}
