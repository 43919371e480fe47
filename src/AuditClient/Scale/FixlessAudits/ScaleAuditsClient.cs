using AuditClient.Core.Bulk;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditClient.Core.Http;
using AuditClient.Core.Serialization;
using AuditClient.Core.Telemetry;
using AuditClient.Core.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuditClient.Scale;

/// <summary>Validates input, then calls Scale's audit endpoints through the generated client.</summary>
internal sealed class ScaleAuditsClient(IScaleRefitApi api, IOptions<AuditClientOptions> options, ILoggerFactory? loggers = null, TimeProvider? time = null) : IScaleAuditsApi
{
    private readonly GraderRulePolicy _graderRules = options.Value.Scale.GraderRules;
    private readonly ScaleValueSets _allowUnlisted = options.Value.Scale.AllowUnlistedValues;
    private readonly bool _reconcile = options.Value.Scale.ReconcileWrites;
    /// <summary>The app's reconcile settings for Scale (delay on its clock, resend budget), which bulk runs use too.</summary>
    internal ReconcileSettings ReconcileSettings { get; } = ScaleReconcile.Settings(options.Value.Scale, time);

    /// <summary>Where this client sends, which a bulk run's journal records; set by the registration.</summary>
    internal BulkTarget? Target { get; init; }
    private readonly ILogger _log = AuditLog.Create(loggers);

    // Create is not repeat-safe: a repeat would store a second audit. So a create in doubt is reconciled by its
    // token (Reconciliation) instead of repeated by the pipeline.
    private static readonly ApiOperation Create = new(ScaleProfile.Instance, "scale.audits.create", "PUT", "/v1/audits");
    private static readonly ApiOperation List = new(ScaleProfile.Instance, "scale.audits.list", "GET", "/v1/audits/");

    private static readonly AnswerReader<FixlessAudit> AuditBody = ApiCall.Json(AuditClientJsonContext.Wire.FixlessAudit);
    private static readonly AnswerReader<List<FixlessAudit>> AuditsBody = ApiCall.Json(AuditClientJsonContext.Wire.ListFixlessAudit);

    public Task<FixlessAudit> CreateAuditAsync(FixlessAuditCreate audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        return CreateAuditAsync(audit, _reconcile ? TokenOf(audit) ?? NewToken() : null, cancellationToken);
    }

    /// <summary>
    /// Creates the audit under <paramref name="token"/> (stamped into a copy's <c>metadata</c> unless the audit already
    /// carries <see cref="FixlessAuditCreate.ReconcileTokenKey"/>, which then wins): a create in doubt is looked up by it
    /// and returned when found, sent again under the same token when not. <see langword="null"/>: no stamp, no reconcile.
    /// For callers that keep the token themselves (a journal), so that a run started again finds what an earlier one stored.
    /// </summary>
    internal Task<FixlessAudit> CreateAuditAsync(FixlessAuditCreate audit, string? token, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var violations = new Violations();
        FixlessAuditRules.Collect(audit, violations, _graderRules, _allowUnlisted);
        violations.ThrowIfAny();
        AuditLog.Warnings(_log, Create.Name, violations);
        if (token is null)
        {
            return SendCreateAsync(audit, cancellationToken);
        }

        var stamped = TokenOf(audit) is { } own ? (audit, token: own) : (audit: Stamped(audit, token), token);
        return Reconciliation.WriteAsync(
            (client: this, stamped.audit, stamped.token),
            static (s, ct) => s.client.SendCreateAsync(s.audit, ct),
            static (s, ct) => s.client.ReconcileAsync(s.audit.TaskId!, s.token, ct),
            stamped.token,
            ReconcileSettings,
            cancellationToken);
    }

    /// <summary>
    /// The task's audit stamped with <paramref name="token"/>, or <see langword="null"/> when Scale lists none (one
    /// look-up, no wait: a caller that just sent it allows for <see cref="ScaleOptions.ReconcileDelay"/> itself).
    /// </summary>
    internal async Task<FixlessAudit?> ReconcileAsync(string taskId, string token, CancellationToken cancellationToken)
    {
        var audits = await ListAuditsAsync(taskId, null, cancellationToken).ConfigureAwait(false);
        return audits.FirstOrDefault(a => Carries(a, token));
    }

    /// <summary>Whether a listed audit carries <paramref name="token"/> in its metadata.</summary>
    internal static bool Carries(FixlessAudit audit, string token) =>
        TokenText(audit.Metadata?[FixlessAuditCreate.ReconcileTokenKey]) == token;

    /// <summary>A new token: a GUID without dashes.</summary>
    internal static string NewToken() => Guid.NewGuid().ToString("N");

    /// <summary>The token the caller put in the audit's own metadata, if any.</summary>
    internal static string? TokenOf(FixlessAuditCreate audit) =>
        audit.Metadata is { } metadata && metadata.TryGetPropertyValue(FixlessAuditCreate.ReconcileTokenKey, out var value) ? TokenText(value) : null;

    // A caller's token may be any JSON value; a string compares as its text, anything else as its JSON.
    private static string? TokenText(JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(),
    };

    // A copy: the caller's audit and its metadata are left as given.
    internal static FixlessAuditCreate Stamped(FixlessAuditCreate audit, string token)
    {
        var metadata = audit.Metadata?.DeepClone().AsObject() ?? [];
        metadata[FixlessAuditCreate.ReconcileTokenKey] = token;
        return new FixlessAuditCreate
        {
            Type = audit.Type,
            Result = audit.Result,
            TaskId = audit.TaskId,
            Comments = audit.Comments,
            TargetResponseUrl = audit.TargetResponseUrl,
            FeedbackItems = audit.FeedbackItems,
            Metadata = metadata,
            AdditionalProperties = audit.AdditionalProperties,
        };
    }

    private Task<FixlessAudit> SendCreateAsync(FixlessAuditCreate audit, CancellationToken cancellationToken) =>
        ApiCall.SendAsync(Create, (api, audit), static (s, ct) => s.api.CreateAuditAsync(s.audit, ct), AuditBody, cancellationToken)!;

    public async Task<IReadOnlyList<FixlessAudit>> ListAuditsAsync(string? taskId = null, string? auditId = null, CancellationToken cancellationToken = default)
    {
        var violations = new Violations();
        if (string.IsNullOrWhiteSpace(taskId) && string.IsNullOrWhiteSpace(auditId))
        {
            violations.Add("task_id", "a task id or an audit id (id) is required");
        }

        // Sent in the query, where they are escaped; but Scale addresses a task (/v1/task/{task_id}) and an audit (an
        // SRN stands "in place of id on endpoints") by path, so an id that a path cannot hold names none.
        violations.PathId(taskId, "task_id");
        violations.PathId(auditId, "id");
        violations.Text(taskId, "task_id");
        violations.Text(auditId, "id");
        violations.ThrowIfAny();

        // An SRN (srn:scale:avcv:audit:{id}) is accepted by Scale wherever an id is, so it is passed through as the id.
        return (await ApiCall.SendAsync(
            List,
            (api, taskId: NullIfBlank(taskId), auditId: NullIfBlank(auditId)),
            static (s, ct) => s.api.ListAuditsAsync(s.taskId, s.auditId, ct),
            AuditsBody,
            cancellationToken).ConfigureAwait(false))!;
    }

    // A blank value would be sent as an empty filter (?id=); leaving it out lists by the other one.
    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
