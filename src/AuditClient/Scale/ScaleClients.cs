using AuditClient.Scale;

namespace AuditClient;

/// <summary>Scale's clients on <see cref="AuditClients"/>.</summary>
public sealed partial class AuditClients
{
    private IScaleAuditsApi? _scaleAudits;
    private IScaleTasksApi? _scaleTasks;

    /// <summary>Scale fixless audits. Throws <see cref="InvalidOperationException"/> when Scale is not configured.</summary>
    public IScaleAuditsApi ScaleAudits => Resolve(ref _scaleAudits);

    /// <summary>Scale tasks and their audit fields. Throws <see cref="InvalidOperationException"/> when Scale is not configured.</summary>
    public IScaleTasksApi ScaleTasks => Resolve(ref _scaleTasks);
}
