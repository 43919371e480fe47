namespace AuditClient.Scale;

/// <summary>
/// Scale fixless audits: audits made of feedback items, created without fixing the task.
/// Thread-safe: one instance serves concurrent callers.
/// </summary>
public interface IScaleAuditsApi
{
    /// <summary>
    /// Creates a fixless audit (<c>PUT /v1/audits</c>). The input is validated before anything is sent, with the rules of
    /// <see cref="FixlessAuditCreate.Validate(GraderRulePolicy, ScaleValueSets)"/> under the client's
    /// <see cref="ScaleOptions.GraderRules"/> and <see cref="ScaleOptions.AllowUnlistedValues"/>:
    /// errors refuse the audit, warnings are logged (category <c>AuditClient</c>) and the audit is sent. Unless
    /// <see cref="ScaleOptions.ReconcileWrites"/> is off, the audit is sent with a token in its <c>metadata</c>
    /// (<see cref="FixlessAuditCreate.ReconcileTokenKey"/>; your object is not changed), and a create that ends in doubt
    /// is looked up by it among the task's audits: found is returned, not found is sent again.
    /// </summary>
    /// <param name="audit">The audit to create.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The audit as Scale stored it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="audit"/> is <see langword="null"/>.</exception>
    /// <exception cref="AuditValidationException">The audit breaks a rule of the API; nothing was sent.</exception>
    /// <exception cref="AuditApiException">The call failed; when it may have taken effect and the look-up failed too,
    /// <see cref="AuditApiException.ReconcileToken"/> names the token to look for later.</exception>
    Task<FixlessAudit> CreateAuditAsync(FixlessAuditCreate audit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists fixless audits (<c>GET /v1/audits/</c>, as the guide writes it) of a task, or the audit with an id. An SRN
    /// (<c>srn:scale:avcv:audit:{id}</c>) works wherever an id does. At least one of the two is required.
    /// </summary>
    /// <param name="taskId">The task whose audits to list.</param>
    /// <param name="auditId">The audit id or SRN.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The audits found, possibly none.</returns>
    /// <exception cref="AuditValidationException">Neither a task id nor an audit id was given; nothing was sent.</exception>
    /// <exception cref="AuditApiException">The call failed.</exception>
    Task<IReadOnlyList<FixlessAudit>> ListAuditsAsync(string? taskId = null, string? auditId = null, CancellationToken cancellationToken = default);
}
