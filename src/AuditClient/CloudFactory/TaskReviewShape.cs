using AuditClient.Core.Validation;

namespace AuditClient.CloudFactory;

/// <summary>
/// The JSON kind of each field of a <see cref="TaskReview"/>, from the field list of CloudFactory's Quality API
/// ("string", "number", "boolean", "string · date-time", "object"). <c>review_measurements</c>, shown only in the
/// example request, is an object there; its values are judged by <see cref="TaskReviewRules"/> (a warning), as are the
/// values of <c>errors</c> and <c>review_metadata</c>, whose kinds the field list does not give.
/// </summary>
internal static class TaskReviewShape
{
    public static JsonShape Review { get; } = JsonShape.Object(
        ("workstream_id", JsonShape.String),
        ("use_case_id", JsonShape.String),
        ("task_definition_id", JsonShape.String),
        ("dataset_id", JsonShape.String),
        ("asset_id", JsonShape.String),
        ("task_id", JsonShape.String),
        ("unique_id", JsonShape.String),
        ("replace_duplicate", JsonShape.Boolean),
        ("task_url", JsonShape.String),
        ("task_completed_at", JsonShape.DateTime),
        ("worker_id", JsonShape.String),
        ("review_completed_at", JsonShape.DateTime),
        ("review_duration", JsonShape.Number),
        ("reviewed_by", JsonShape.String),
        ("review_score", JsonShape.Number),
        ("review_explanation", JsonShape.String),
        ("errors", JsonShape.AnyObject),
        ("review_type", JsonShape.String),
        ("task_review_count", JsonShape.Number),
        ("subtask_review_count", JsonShape.Number),
        ("review_metadata", JsonShape.AnyObject),
        ("review_measurements", JsonShape.AnyObject));
}
