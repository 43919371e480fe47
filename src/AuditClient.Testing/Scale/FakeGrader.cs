using System.Text.Json.Nodes;
using AuditClient.Core.Wire;
using AuditClient.Testing.Http;

namespace AuditClient.Testing;

/// <summary>
/// The fake's own grader, written from the fixless-audit guide (specs/scale-fixless-audits.txt), never from the SDK's
/// rules: it decides whether a stored feedback item gets <c>grader_output: {conflict: true, explanation}</c>. It knows
/// only what the guide says makes an item invalid (lines 187-193, "Below are some examples of situations in which a
/// Feedback Item is marked as invalid", and the requirements of lines 46-81 they follow from), and all of it is about
/// <c>error</c> items, the only ones that count toward quality scores (lines 19-32, 168-174). Comments, flags,
/// confirmations and items of a category the guide does not describe have no rule here and are graded valid. The fake
/// cannot see a task's annotations, so any non-empty annotation id or attribute name counts as one that exists.
/// </summary>
internal static class FakeGrader
{
    // "All error categories except for missing are specific to an annotation_id" (line 69).
    private static readonly HashSet<string> AnnotationCategories = new(StringComparer.Ordinal)
    {
        ScaleWire.CategoryExtraneous, ScaleWire.CategoryAttribute, ScaleWire.CategoryGeometry, ScaleWire.CategoryPosition, ScaleWire.CategoryLabel,
    };

    /// <summary>The grader's output for a stored item: <c>{"conflict": false}</c>, or true with why.</summary>
    /// <param name="item">The item as stored (already known to match the payload schema).</param>
    public static JsonObject Grade(JsonObject item) => FindConflict(item) is { } explanation
        ? new JsonObject { ["conflict"] = true, ["explanation"] = explanation }
        : new JsonObject { ["conflict"] = false };

    /// <summary>Why the item is invalid, or <see langword="null"/> when no rule of the guide marks it.</summary>
    private static string? FindConflict(JsonObject item)
    {
        if (FakeJson.String(item, "type") != ScaleWire.ItemError)
        {
            return null;
        }

        var scope = item["scope"] as JsonObject;
        var scopeType = FakeJson.String(scope, "type");
        var category = FakeJson.String(item, "category");
        if (category is null)
        {
            // "Feedback Item Category (required)" (line 46): without one, no rule says what the error is about.
            return "An error needs a category (missing, extraneous, geometry, position, attribute or label): without one it cannot be placed.";
        }

        if (category == ScaleWire.CategoryMissing)
        {
            return MissingConflict(scope, scopeType);
        }

        if (!AnnotationCategories.Contains(category))
        {
            return null;
        }

        if (category == ScaleWire.CategoryAttribute && scopeType == ScaleWire.ScopeScene)
        {
            // A scene attribute error uses the scene scope (lines 109-111); it has no annotation to name.
            return null;
        }

        if (scopeType != ScaleWire.ScopeAnnotation || FakeJson.NonBlank(scope, "annotation_id") is null)
        {
            // Line 189: "Extraneous, attribute, geometry, position, or label error where a valid annotation ID is not provided".
            return $"A {category} error needs a valid annotation_id in an annotation scope; this one has "
                + (scopeType == ScaleWire.ScopeAnnotation ? "no annotation_id." : $"a {scopeType} scope.");
        }

        if (category == ScaleWire.CategoryAttribute && FakeJson.NonBlank(scope, "attribute") is null)
        {
            // Line 191: "Attribute error where the attribute name does not match an attribute on the annotation".
            return "An attribute error on an annotation needs the attribute name (scope.attribute) of an attribute on the annotation.";
        }

        return null;
    }

    private static string? MissingConflict(JsonObject? scope, string? scopeType)
    {
        // Line 193: "Missing error where a point or polygon indicating the location of the error is not specified".
        var located = scopeType switch
        {
            ScaleWire.ScopePoint => scope!["coordinates"] is JsonArray,
            ScaleWire.ScopePolygon => scope!["vertices"] is JsonArray { Count: >= 3 },
            _ => false,
        };
        if (!located)
        {
            return scopeType is ScaleWire.ScopePoint or ScaleWire.ScopePolygon
                ? $"A missing error needs the location of the missing annotation: this {scopeType} scope has no "
                    + (scopeType == ScaleWire.ScopePoint ? "coordinates." : "polygon (at least 3 vertices).")
                : $"A missing error needs a 'point' or 'polygon' scope indicating where the annotation should be, not a {scopeType} scope.";
        }

        // Lines 76-81: "missing errors require a point/polygon and a missing_annotation_type".
        return FakeJson.NonBlank(scope, "missing_annotation_type") is null
            ? "A missing error needs missing_annotation_type, the type of the annotation that is missing."
            : null;
    }
}
