using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AuditClient.Core.Validation;
using AuditClient.Core.Wire;

namespace AuditClient.Scale;

/// <summary>
/// The body of a fixless audit creation (<c>PUT /v1/audits</c>). An audit without feedback items is valid: it says
/// the task has no errors. <see cref="TaskId"/>, <see cref="Result"/> and <see cref="TargetResponseUrl"/> are required.
/// </summary>
public sealed class FixlessAuditCreate
{
    private string _type = ScaleWire.FixlessAuditType;

    /// <summary>
    /// The kind of audit: <c>fixless</c>, the only one this endpoint takes, always written. Not a setting: a creation
    /// read from JSON keeps the <c>type</c> it carried (absent or <c>null</c> reads as <c>fixless</c>), and one of another
    /// type is refused before sending.
    /// </summary>
    [JsonInclude]
    [JsonPropertyName("type")]
    public string Type { get => _type; internal set => _type = value ?? ScaleWire.FixlessAuditType; }

    /// <summary>The audit result: <c>accepted</c> or <c>rejected</c>. Required.</summary>
    [JsonPropertyName("result")]
    public FixlessAuditResult? Result { get; set; }

    /// <summary>The audited task. Required.</summary>
    [JsonPropertyName("task_id")]
    public string? TaskId { get; set; }

    /// <summary>Comments on the audit.</summary>
    [JsonPropertyName("comments")]
    public string? Comments { get; set; }

    /// <summary>
    /// The audited task response: the task's <c>response.annotations.url</c> (<c>response.ortho</c> for LidarTopdown
    /// tasks). Required.
    /// </summary>
    [JsonPropertyName("target_response_url")]
    public string? TargetResponseUrl { get; set; }

    /// <summary>The errors, comments, confirmations or flags on the task.</summary>
    [JsonPropertyName("feedback_items")]
    public IReadOnlyList<FeedbackItemCreate>? FeedbackItems { get; set; }

    /// <summary>
    /// The <see cref="Metadata"/> key of the SDK's reconcile token, <c>auditclient_token</c>: stamped into what is sent
    /// (your object is not changed) unless <see cref="ScaleOptions.ReconcileWrites"/> is off, so that a create that
    /// ended in doubt can be found among the task's audits instead of sent twice. Put the key yourself to choose the
    /// token (it is then used as given). Scale returns <c>metadata</c> with the audit, so the token shows in
    /// <see cref="FixlessAudit.Metadata"/>.
    /// </summary>
    public const string ReconcileTokenKey = "auditclient_token";

    /// <summary>Any data for your own tracking.</summary>
    [JsonPropertyName("metadata")]
    public JsonObject? Metadata { get; set; }

    /// <summary>
    /// Checks the audit against Scale's rules without sending it, as <see cref="IScaleAuditsApi.CreateAuditAsync"/>
    /// does under the default policy (<see cref="GraderRulePolicy.RefuseErrorItems"/>): what Scale's payload schema
    /// refuses (errors), and what its grader would mark invalid and leave out of quality scores, such as a
    /// <c>label</c> error without an <c>annotation_id</c> (errors on <c>error</c> items, warnings on the others).
    /// </summary>
    /// <returns>
    /// Every broken rule with its <see cref="ValidationViolation.Severity"/>, each naming its wire path (such as
    /// <c>feedback_items[3].scope.annotation_id</c>); empty when the audit breaks none.
    /// </returns>
    public IReadOnlyList<ValidationViolation> Validate() => Validate(GraderRulePolicy.RefuseErrorItems);

    /// <summary>Checks the audit as <see cref="Validate()"/> does, with grader rules refused or reported as <paramref name="policy"/> says.</summary>
    /// <param name="policy">Which grader rules are errors; the payload schema's rules always are.</param>
    /// <returns>Every broken rule with its severity under <paramref name="policy"/>.</returns>
    public IReadOnlyList<ValidationViolation> Validate(GraderRulePolicy policy) => Validate(policy, ScaleValueSets.None);

    /// <summary>
    /// Checks the audit as <see cref="Validate(GraderRulePolicy)"/> does, with a value outside one of the value sets in
    /// <paramref name="allowUnlistedValues"/> reported as a warning instead of an error, as
    /// <see cref="IScaleAuditsApi.CreateAuditAsync"/> does under <see cref="ScaleOptions.AllowUnlistedValues"/>.
    /// </summary>
    /// <param name="policy">Which grader rules are errors; the payload schema's rules always are.</param>
    /// <param name="allowUnlistedValues">The value sets whose values outside the documented ones are sent, with a warning.</param>
    /// <returns>Every broken rule with its severity under <paramref name="policy"/> and <paramref name="allowUnlistedValues"/>.</returns>
    public IReadOnlyList<ValidationViolation> Validate(GraderRulePolicy policy, ScaleValueSets allowUnlistedValues)
    {
        var violations = new Violations();
        FixlessAuditRules.Collect(this, violations, policy, allowUnlistedValues);
        return violations.Items;
    }

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
