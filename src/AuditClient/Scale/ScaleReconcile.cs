using AuditClient.Core.Http;

namespace AuditClient.Scale;

/// <summary>Scale's reconcile settings, read once per client from its options.</summary>
internal static class ScaleReconcile
{
    public static ReconcileSettings Settings(ScaleOptions options, TimeProvider? time) => new(
        options.ReconcileDelay > TimeSpan.Zero ? options.ReconcileDelay : TimeSpan.Zero,
        options.Resilience is { RetryEnabled: true, MaxRetryAttempts: var attempts } ? Math.Max(attempts, 0) : 0,
        time ?? TimeProvider.System);
}
