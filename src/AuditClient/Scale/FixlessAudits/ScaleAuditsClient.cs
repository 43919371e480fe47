using AuditClient.Core.Http;
using AuditClient.Core.Serialization;
using AuditClient.Core.Telemetry;
using AuditClient.Core.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuditClient.Scale;

/// <summary>Validates input, then calls Scale's audit endpoints through the generated client.</summary>
internal sealed class ScaleAuditsClient(IScaleRefitApi api, IOptions<AuditClientOptions> options, ILoggerFactory? loggers = null) : IScaleAuditsApi
{
    private readonly GraderRulePolicy _graderRules = options.Value.Scale.GraderRules;
    private readonly ILogger _log = AuditLog.Create(loggers);

    // Create is not repeat-safe: a repeat would store a second audit.
    private static readonly ApiOperation Create = new(ScaleProfile.Instance, "scale.audits.create", "PUT", "/v1/audits");
    private static readonly ApiOperation List = new(ScaleProfile.Instance, "scale.audits.list", "GET", "/v1/audits/");

    private static readonly Func<HttpContent, CancellationToken, Task<FixlessAudit?>> AuditBody = ApiCall.Json(AuditClientJsonContext.Wire.FixlessAudit);
    private static readonly Func<HttpContent, CancellationToken, Task<List<FixlessAudit>?>> AuditsBody = ApiCall.Json(AuditClientJsonContext.Wire.ListFixlessAudit);

    public Task<FixlessAudit> CreateAuditAsync(FixlessAuditCreate audit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(audit);
        var violations = new Violations();
        FixlessAuditRules.Collect(audit, violations, _graderRules);
        violations.ThrowIfAny();
        AuditLog.Warnings(_log, Create.Name, violations);
        return ApiCall.SendAsync(Create, (api, audit), static (s, call, ct) => s.api.CreateAuditAsync(s.audit, call, ct), AuditBody, cancellationToken)!;
    }

    public async Task<IReadOnlyList<FixlessAudit>> ListAuditsAsync(string? taskId = null, string? auditId = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(taskId) && string.IsNullOrWhiteSpace(auditId))
        {
            var violations = new Violations();
            violations.Add("task_id", "a task id or an audit id (id) is required");
            violations.ThrowIfAny();
        }

        // An SRN (srn:scale:avcv:audit:{id}) is accepted by Scale wherever an id is, so it is passed through as the id.
        return (await ApiCall.SendAsync(
            List,
            (api, taskId: NullIfBlank(taskId), auditId: NullIfBlank(auditId)),
            static (s, call, ct) => s.api.ListAuditsAsync(s.taskId, s.auditId, call, ct),
            AuditsBody,
            cancellationToken).ConfigureAwait(false))!;
    }

    // A blank value would be sent as an empty filter (?id=); leaving it out lists by the other one.
    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
