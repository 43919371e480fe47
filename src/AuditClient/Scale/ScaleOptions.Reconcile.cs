namespace AuditClient;

/// <summary>How Scale's writes that ended in doubt are reconciled (docs/resilience.md, "Nothing lost, nothing twice").</summary>
public sealed partial class ScaleOptions
{
    /// <summary>The default of <see cref="ReconcileDelay"/>: 3 seconds.</summary>
    public static readonly TimeSpan DefaultReconcileDelay = TimeSpan.FromSeconds(3);

    /// <summary>
    /// Whether a write that ended in doubt (<see cref="AuditApiException.MayHaveTakenEffect"/>) is looked up at Scale
    /// before it is returned as failed or sent again. Default <see langword="true"/>. A fixless audit create is
    /// stamped with a token in its <c>metadata</c> (<see cref="AuditClient.Scale.FixlessAuditCreate.ReconcileTokenKey"/>)
    /// and looked up among the task's audits; a task audit action is looked up in the task's <c>audits</c>. When false,
    /// nothing is stamped and a write in doubt is handed back as before, with "check before sending it again".
    /// </summary>
    public bool ReconcileWrites
    {
        get;
        set { field = value; Assigned(); }
    } = true;

    /// <summary>
    /// How long a write may take to appear in Scale's listings: a look-up that finds nothing is made once more after
    /// this wait, on the app's <see cref="TimeProvider"/>, before the write is judged not stored and sent again.
    /// Default <see cref="DefaultReconcileDelay"/>; zero (or less) looks twice at once.
    /// </summary>
    public TimeSpan ReconcileDelay
    {
        get;
        set { field = value; Assigned(); }
    } = DefaultReconcileDelay;
}
