using AuditClient.Core.Validation;
using AuditClient.Core.Wire;

namespace AuditClient.Scale;

/// <summary>
/// The JSON kind of each field of a fixless audit creation, from Scale's "Creation Payload" (FixlessAuditCreate,
/// FeedbackItemCreate, the four FeedbackItemScope shapes told apart by their <c>type</c>, FeedbackItemInterval). The
/// closed value sets (<c>'fixless'</c>, <c>'accepted' | 'rejected'</c>...) are strings here; their values are judged by
/// <see cref="FixlessAuditRules"/>.
/// </summary>
internal static class FixlessAuditShape
{
    public static JsonShape Interval { get; } = JsonShape.Object(
        ("type", JsonShape.String),
        ("start", JsonShape.Number),
        ("end", JsonShape.Number));

    // `sensor_id?: string | number` in the annotation scope and `sensor_id?: string` in the others: the SDK reads both
    // kinds in every scope, as Scale's task payloads carry numeric sensor ids too.
    public static JsonShape Scope { get; } = JsonShape.Union(
        "type",
        "is required ('annotation', 'polygon', 'point' or 'scene')",
        (ScaleWire.ScopeAnnotation, JsonShape.Object(
            ("annotation_id", JsonShape.String),
            ("sensor_id", JsonShape.StringOrNumber),
            ("attribute", JsonShape.String),
            ("interval", Interval))),
        (ScaleWire.ScopePolygon, JsonShape.Object(
            ("vertices", JsonShape.ArrayOf(JsonShape.NumberPair, apart: false)),
            ("missing_annotation_type", JsonShape.String),
            ("stationary", JsonShape.Boolean),
            ("missing_annotation_class", JsonShape.String),
            ("sensor_id", JsonShape.StringOrNumber),
            ("interval", Interval))),
        (ScaleWire.ScopePoint, JsonShape.Object(
            ("coordinates", JsonShape.NumberPair),
            ("missing_annotation_type", JsonShape.String),
            ("stationary", JsonShape.Boolean),
            ("missing_annotation_class", JsonShape.String),
            ("sensor_id", JsonShape.StringOrNumber),
            ("interval", Interval))),
        (ScaleWire.ScopeScene, JsonShape.Object(
            ("attribute", JsonShape.String),
            ("interval", Interval))));

    public static JsonShape Item { get; } = JsonShape.Object(
        ("type", JsonShape.String),
        ("scope", Scope),
        ("category", JsonShape.String),
        ("severity", JsonShape.String),
        ("description", JsonShape.String),
        ("metadata", JsonShape.AnyObject));

    public static JsonShape Audit { get; } = JsonShape.Object(
        ("type", JsonShape.String),
        ("result", JsonShape.String),
        ("task_id", JsonShape.String),
        ("comments", JsonShape.String),
        ("target_response_url", JsonShape.String),
        ("feedback_items", JsonShape.ArrayOf(Item, apart: true)),
        ("metadata", JsonShape.AnyObject));
}
