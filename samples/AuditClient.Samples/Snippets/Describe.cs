using AuditClient.Scale;

namespace AuditClient.Samples.Snippets;

/// <summary>One-line descriptions of what the snippets print.</summary>
internal static class Describe
{
    public static string Item(FeedbackItem item) =>
        $"{item.Severity ?? FeedbackItemSeverity.Standard} {item.Type} '{item.Category}' on {Scope(item.Scope)} ({item.State})";

    public static string Scope(FeedbackItemScope? scope) => scope switch
    {
        FeedbackItemScopeAnnotation a => $"annotation {a.AnnotationId}",
        FeedbackItemScopePolygon p => $"a missing {p.MissingAnnotationClass} ({p.MissingAnnotationType}) inside {p.Vertices?.Count} vertices",
        FeedbackItemScopePoint p => $"a missing {p.MissingAnnotationClass} ({p.MissingAnnotationType}) at ({p.Coordinates?.X}, {p.Coordinates?.Y})",
        FeedbackItemScopeScene s => $"the scene's '{s.Attribute}'",
        FeedbackItemScopeUnknown u => $"a '{u.Type}' scope this SDK version does not know",
        _ => "no scope",
    };
}
