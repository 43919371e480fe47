namespace AuditClient.Scale;

/// <summary>What a Scale callback reports, as <see cref="ScaleCallbackReceiver"/> classifies it.</summary>
public enum ScaleCallbackKind
{
    /// <summary>
    /// Anything else: a review status the SDK does not classify (such as <c>commented</c>), or a task that is not
    /// completed (canceled, error). <see cref="ScaleCallback.Task"/> has the details.
    /// </summary>
    Other = 0,

    /// <summary>The task was completed and has not been audited.</summary>
    Completed,

    /// <summary>An audit accepted the task.</summary>
    AuditAccepted,

    /// <summary>An audit rejected the task.</summary>
    AuditRejected,

    /// <summary>An audit fixed the task: its response is the fixed one, the earlier ones are in prior responses.</summary>
    AuditFixed,
}
