using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AuditClient.Core.Validation;

namespace AuditClient.Scale;

/// <summary>
/// A feedback item of a fixless audit being created: an error, comment, confirmation or flag on the task.
/// Its state is not sent; Scale starts every item <c>open</c>.
/// </summary>
public sealed class FeedbackItemCreate
{
    /// <summary>The purpose of the item: <c>error</c>, <c>flag</c>, <c>confirmation</c> or <c>comment</c>. Required.</summary>
    [JsonPropertyName("type")]
    public FeedbackItemType? Type { get; set; }

    /// <summary>The location and duration of the issue. Required.</summary>
    [JsonPropertyName("scope")]
    public FeedbackItemScope? Scope { get; set; }

    /// <summary>The kind of issue found on the task. Required.</summary>
    [JsonPropertyName("category")]
    public FeedbackItemCategory? Category { get; set; }

    /// <summary>
    /// The seriousness of the issue: <c>mild</c>, <c>standard</c> or <c>severe</c>. Optional: when absent, Scale treats
    /// the item as <c>standard</c> (it counts toward quality scores if it is an error). Left unset, nothing is written.
    /// </summary>
    [JsonPropertyName("severity")]
    public FeedbackItemSeverity? Severity { get; set; }

    /// <summary>Open text shown in the tasking and auditing UI, describing the error or fix.</summary>
    [JsonPropertyName("description")]
    public string? Description { get; set; }

    /// <summary>Any data for your own tracking, such as <c>is_verified_by_human</c> or <c>confidence_level</c>.</summary>
    [JsonPropertyName("metadata")]
    public JsonObject? Metadata { get; set; }

    /// <summary>
    /// Checks this one item against Scale's rules without sending it (the rules <see cref="FixlessAuditCreate.Validate()"/>
    /// applies to each of its items, under the default <see cref="GraderRulePolicy.RefuseErrorItems"/>), such as a
    /// category that needs a scope of a given type.
    /// </summary>
    /// <returns>
    /// Every broken rule with its <see cref="ValidationViolation.Severity"/>, each with a path relative to the item
    /// (such as <c>scope.annotation_id</c>); empty when the item breaks none.
    /// </returns>
    public IReadOnlyList<ValidationViolation> Validate() => Validate(GraderRulePolicy.RefuseErrorItems);

    /// <summary>Checks this item as <see cref="Validate()"/> does, with grader rules refused or reported as <paramref name="policy"/> says.</summary>
    /// <param name="policy">Which grader rules are errors; the payload schema's rules always are.</param>
    /// <returns>Every broken rule with its severity under <paramref name="policy"/>.</returns>
    public IReadOnlyList<ValidationViolation> Validate(GraderRulePolicy policy) => Validate(policy, ScaleValueSets.None);

    /// <summary>
    /// Checks this item as <see cref="Validate(GraderRulePolicy)"/> does, with a value outside one of the value sets in
    /// <paramref name="allowUnlistedValues"/> reported as a warning instead of an error.
    /// </summary>
    /// <param name="policy">Which grader rules are errors; the payload schema's rules always are.</param>
    /// <param name="allowUnlistedValues">The value sets whose values outside the documented ones are sent, with a warning.</param>
    /// <returns>Every broken rule with its severity under <paramref name="policy"/> and <paramref name="allowUnlistedValues"/>.</returns>
    public IReadOnlyList<ValidationViolation> Validate(GraderRulePolicy policy, ScaleValueSets allowUnlistedValues)
    {
        var violations = new Violations();
        FixlessAuditRules.CollectItem(this, FixlessAuditRules.ItemPath.Alone, violations, policy, allowUnlistedValues);
        return violations.Items;
    }

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
