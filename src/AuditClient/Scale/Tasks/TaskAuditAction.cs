namespace AuditClient.Scale;

/// <summary>One accept or reject of a completed task, as submitted by <see cref="ScaleTasksBulkExtensions.AuditTaskManyAsync(IScaleTasksApi, IEnumerable{TaskAuditAction}, BulkOptions?, IProgress{BulkProgress}?, CancellationToken)"/>.</summary>
public sealed class TaskAuditAction
{
    /// <summary>The task to audit.</summary>
    public required string TaskId { get; set; }

    /// <summary><see langword="true"/> to accept the task, <see langword="false"/> to reject it.</summary>
    public required bool Accepted { get; set; }

    /// <summary>Why, shown to Scale; <see langword="null"/> for none.</summary>
    public string? Comments { get; set; }
}
