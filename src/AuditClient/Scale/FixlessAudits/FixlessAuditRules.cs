using AuditClient.Core.Validation;

namespace AuditClient.Scale;

/// <summary>
/// What Scale refuses in a fixless audit creation, checked before anything is sent. Every rule lives here, once.
/// </summary>
internal static class FixlessAuditRules
{
    public static void Collect(FixlessAuditCreate audit, Violations violations)
    {
        violations.Required(audit.Type.Value, "type");
        violations.Required(audit.TaskId, "task_id");
        violations.Required(audit.Result?.Value, "result");
        violations.Required(audit.TargetResponseUrl, "target_response_url");
    }
}
