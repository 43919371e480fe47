namespace AuditClient;

/// <summary>The vendors whose APIs the SDK calls.</summary>
public enum AuditVendor
{
    /// <summary>Scale AI (task audits and fixless audits).</summary>
    Scale,

    /// <summary>CloudFactory (Quality API).</summary>
    CloudFactory,
}
