namespace AuditClient.Scale;

/// <summary>
/// The value sets of a fixless audit creation that Scale's payload schema closes (<c>FeedbackItemCreate</c> in the
/// fixless audits guide): a value outside one of them is refused before sending, unless its set is listed in
/// <see cref="ScaleOptions.AllowUnlistedValues"/>, for a value Scale documented after this version of the SDK. Audits
/// read from Scale keep any value.
/// </summary>
[Flags]
public enum ScaleValueSets
{
    /// <summary>No set: every value outside its documented set is refused (the default).</summary>
    None = 0,

    /// <summary>Feedback item <c>type</c>: <c>comment</c>, <c>error</c>, <c>flag</c>, <c>confirmation</c>.</summary>
    FeedbackItemType = 1,

    /// <summary>Feedback item <c>category</c>: <c>attribute</c>, <c>extraneous</c>, <c>geometry</c>, <c>label</c>, <c>missing</c>, <c>position</c>.</summary>
    FeedbackItemCategory = 2,

    /// <summary>Feedback item <c>severity</c>: <c>mild</c>, <c>standard</c>, <c>severe</c>.</summary>
    FeedbackItemSeverity = 4,

    /// <summary>
    /// <c>scope.missing_annotation_type</c> of point and polygon scopes (<c>AnnotationType</c>): <c>cuboid</c>,
    /// <c>box_2d</c>, <c>polygon_2d</c>, <c>polyline_2d</c>, <c>point_2d</c>, <c>event</c>, <c>polygon_topdown</c>,
    /// <c>polyline</c>, <c>point_topdown</c>.
    /// </summary>
    MissingAnnotationType = 8,
}
