namespace AuditClient.Scale;

/// <summary>One accept or reject of a completed task, as submitted by <see cref="ScaleTasksBulkExtensions.AuditTaskManyAsync(IScaleTasksApi, IEnumerable{TaskAuditAction}, BulkOptions?, IProgress{BulkProgress}?, CancellationToken)"/>.</summary>
/// <param name="TaskId">The task to audit.</param>
/// <param name="Accepted"><see langword="true"/> to accept the task, <see langword="false"/> to reject it.</param>
/// <param name="Comments">Why, shown to Scale; <see langword="null"/> for none.</param>
public sealed record TaskAuditAction(string TaskId, bool Accepted, string? Comments = null);
