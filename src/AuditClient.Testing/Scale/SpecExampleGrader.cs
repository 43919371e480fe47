using System.Text.Json.Nodes;
using AuditClient.Testing.Http;

namespace AuditClient.Testing;

/// <summary>
/// The grader rules the fixless-audit spec gives as examples of invalid items, applied by category whatever the item's
/// type: every category but <c>missing</c> needs an annotation scope with an <c>annotation_id</c> (a scene scope is
/// allowed for <c>attribute</c>); an <c>attribute</c> error on an annotation names the attribute; a <c>missing</c>
/// error needs a point or polygon scope and a <c>missing_annotation_type</c>. Scale computes grader output minutes
/// after creation; the fake at once.
/// </summary>
internal sealed class SpecExampleGrader : IFakeGrader
{
    public string? FindConflict(JsonObject feedbackItem)
    {
        var category = FakeJson.String(feedbackItem, "category");
        var scope = feedbackItem["scope"] as JsonObject;
        var scopeType = FakeJson.String(scope, "type");
        if (category is null)
        {
            return null;
        }

        if (category == "missing")
        {
            if (scopeType is not ("point" or "polygon"))
            {
                return $"A missing error must locate the missing annotation with a point or polygon scope, not a {scopeType} scope.";
            }

            return FakeJson.NonBlank(scope, "missing_annotation_type") is null
                ? "A missing error must give missing_annotation_type, the type of the missing annotation."
                : null;
        }

        if (category == "attribute" && scopeType == "scene")
        {
            return null;
        }

        if (scopeType != "annotation")
        {
            return $"A {category} error must be scoped on an annotation (scope type annotation), not a {scopeType} scope.";
        }

        if (FakeJson.NonBlank(scope, "annotation_id") is null)
        {
            return $"A {category} error must give a valid annotation_id.";
        }

        return category == "attribute" && FakeJson.NonBlank(scope, "attribute") is null
            ? "An attribute error on an annotation must name the attribute that is wrong."
            : null;
    }
}
