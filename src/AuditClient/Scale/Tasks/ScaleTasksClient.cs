using AuditClient.Core.Bulk;
using System.Globalization;
using AuditClient.Core.Http;
using AuditClient.Core.Serialization;
using AuditClient.Core.Validation;

namespace AuditClient.Scale;

/// <summary>Validates input, then calls Scale's task endpoints through the generated client.</summary>
internal sealed class ScaleTasksClient(IScaleRefitApi api, ScaleOptions? options = null, TimeProvider? time = null) : IScaleTasksApi
{
    /// <summary>
    /// How far before the send time a customer audit may be stamped and still be taken for this call's: Scale's clock
    /// and this machine's may differ. An audit of another caller in that window with the same result is taken for ours
    /// (docs/resilience.md, "Nothing lost, nothing twice").
    /// </summary>
    internal static readonly TimeSpan ClockAllowance = TimeSpan.FromSeconds(5);

    private readonly bool _reconcile = options?.ReconcileWrites ?? false;
    /// <summary>The app's reconcile settings for Scale (delay on its clock, resend budget), which bulk runs use too.</summary>
    internal ReconcileSettings ReconcileSettings { get; } = ScaleReconcile.Settings(options ?? new ScaleOptions(), time);

    /// <summary>Where this client sends, which a bulk run's journal records; set by the registration.</summary>
    internal BulkTarget? Target { get; init; }
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    private static readonly ApiOperation Get = new(ScaleProfile.Instance, "scale.tasks.get", "GET", "/v1/task/{taskId}");
    private static readonly ApiOperation List = new(ScaleProfile.Instance, "scale.tasks.list", "GET", "/v1/tasks");

    // Not repeat-safe: a repeated POST could record a second audit, so it is retried only when Scale did not process it
    // (429, 503, no connection).
    private static readonly ApiOperation Audit = new(ScaleProfile.Instance, "scale.tasks.audit", "POST", "/v1/task/{taskId}/audit");

    private static readonly AnswerReader<ScaleTask> TaskBody = ApiCall.Json(AuditClientJsonContext.Wire.ScaleTask);
    private static readonly AnswerReader<ScaleTaskPage> PageBody = ApiCall.Json(AuditClientJsonContext.Wire.ScaleTaskPage);

    public Task<ScaleTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        Violations.ThrowIfNotPathId(taskId, "task_id");
        return ApiCall.SendAsync(Get, (api, taskId), static (s, ct) => s.api.GetTaskAsync(s.taskId, ct), TaskBody, cancellationToken)!;
    }

    public Task<ScaleTaskPage> ListTasksAsync(ScaleTaskQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var violations = new Violations();
        ScaleTaskQueryRules.Validate(query, violations);
        violations.ThrowIfAny();

        return ApiCall.SendAsync(
            List,
            (api, query),
            static (s, ct) => s.api.ListTasksAsync(
                s.query.Project,
                s.query.Batch,
                s.query.Status?.ToString(),
                s.query.Type,
                ScaleTaskQueryRules.Time(s.query.StartTime),
                ScaleTaskQueryRules.Time(s.query.EndTime),
                ScaleTaskQueryRules.Time(s.query.CompletedAfter),
                ScaleTaskQueryRules.Time(s.query.CompletedBefore),
                ScaleTaskQueryRules.Time(s.query.UpdatedAfter),
                ScaleTaskQueryRules.Time(s.query.UpdatedBefore),
                ScaleTaskQueryRules.ReviewStatuses(s.query.CustomerReviewStatuses),
                s.query.UniqueIds is { Count: > 0 } u ? u : null,
                s.query.Tags is { Count: > 0 } t ? t : null,
                ScaleTaskQueryRules.Number(s.query.Limit),
                s.query.NextToken,
                ScaleTaskQueryRules.Boolean(s.query.IncludeAttachmentUrl),
                ct),
            PageBody,
            cancellationToken)!;
    }

    public Task<ScaleTask> AuditTaskAsync(string taskId, bool accepted, string? comments = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskId);
        return AuditTaskAsync(taskId, accepted, comments, _reconcile ? _time.GetUtcNow() : null, cancellationToken);
    }

    /// <summary>
    /// Accepts or rejects the task; with <paramref name="sentAt"/> (this machine's time just before the first send), an
    /// action in doubt is looked up in the task's <c>audits</c> (<see cref="ReconcileAuditAsync"/>) and returned when
    /// found, sent again when not. <see langword="null"/>: no reconcile. For callers that record the send time
    /// themselves (a journal).
    /// </summary>
    internal Task<ScaleTask> AuditTaskAsync(string taskId, bool accepted, string? comments, DateTimeOffset? sentAt, CancellationToken cancellationToken)
    {
        Violations.ThrowIfNotPathId(taskId, "task_id");
        if (comments is not null && !Violations.IsValidUtf16(comments))
        {
            var violations = new Violations();
            violations.Text(comments, "comments");
            violations.ThrowIfAny();
        }

        var body = new TaskAuditRequest { Accepted = accepted, Comments = comments };
        if (sentAt is not { } since)
        {
            return SendAuditAsync(taskId, body, cancellationToken);
        }

        return Reconciliation.WriteAsync(
            (client: this, taskId, body, since),
            static (s, ct) => s.client.SendAuditAsync(s.taskId, s.body, ct),
            static (s, ct) => s.client.ReconcileAuditAsync(s.taskId, s.body.Accepted, s.since, ct),
            ReconcileToken(taskId, accepted, since),
            ReconcileSettings,
            cancellationToken);
    }

    /// <summary>
    /// The task when it holds a customer audit with the result of <paramref name="accepted"/> stamped at or after
    /// <paramref name="sentAt"/> (less <see cref="ClockAllowance"/>), else <see langword="null"/>. One look-up, no wait.
    /// Scale keeps no token for this call, so another customer auditor's action with the same result in that window is
    /// indistinguishable from ours.
    /// </summary>
    internal async Task<ScaleTask?> ReconcileAuditAsync(string taskId, bool accepted, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var task = await GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        return HoldsAudit(task, accepted, sentAt) ? task : null;
    }

    /// <summary>Whether the task holds a customer audit with this result since <paramref name="sentAt"/> (less <see cref="ClockAllowance"/>).</summary>
    internal static bool HoldsAudit(ScaleTask task, bool accepted, DateTimeOffset sentAt)
    {
        var result = accepted ? TaskAuditResult.Accepted : TaskAuditResult.Rejected;
        var since = sentAt - ClockAllowance;
        return task.Audits?.Any(a => a.AuditSource == TaskAuditSource.Customer && a.AuditResult == result && a.AuditedAt >= since) == true;
    }

    /// <summary>The token of a task audit action: <c>{task_id}:{accepted|rejected}:{sent at, ISO 8601 UTC}</c>.</summary>
    internal static string ReconcileToken(string taskId, bool accepted, DateTimeOffset sentAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{taskId}:{(accepted ? "accepted" : "rejected")}:{sentAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}");

    private Task<ScaleTask> SendAuditAsync(string taskId, TaskAuditRequest body, CancellationToken cancellationToken) =>
        ApiCall.SendAsync(Audit, (api, taskId, body), static (s, ct) => s.api.AuditTaskAsync(s.taskId, s.body, ct), TaskBody, cancellationToken)!;
}
