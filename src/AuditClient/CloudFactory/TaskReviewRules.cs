using System.Collections.ObjectModel;
using System.Text.Json;
using AuditClient.Core.Serialization;
using AuditClient.Core.Validation;
using AuditClient.Core.Wire;

namespace AuditClient.CloudFactory;

/// <summary>
/// The rules of the CloudFactory Quality API for a <see cref="TaskReview"/>, written once: run before every submission
/// and by <see cref="TaskReview.Validate"/>. Each violation names the wire field.
/// </summary>
internal static class TaskReviewRules
{
    /// <summary>
    /// Reads a review from its wire JSON (a line of a user's file) and checks it: every value of the wrong JSON kind,
    /// then every other broken rule, all at once (malformed JSON is one problem).
    /// </summary>
    public static CheckedRecord<TaskReview> Read(string json) =>
        CheckedRecords.Read(json, TaskReviewShape.Review, AuditClientJsonContext.Wire.TaskReview, Collect);

    public static void Collect(TaskReview review, Violations violations)
    {
        // A review read from JSON keeps a documented number of another kind as it came (a review_score of "high"):
        // CloudFactory refuses it ("review_duration must be a number"), so it is refused here, once, by its kind.
        Number(review.ReviewScoreJson, "review_score", violations);
        Number(review.ReviewDurationJson, "review_duration", violations);
        Number(review.TaskReviewCountJson, "task_review_count", violations);
        Number(review.SubtaskReviewCountJson, "subtask_review_count", violations);

        violations.Required(review.WorkstreamId, "workstream_id");
        violations.Required(review.UseCaseId, "use_case_id");
        violations.Required(review.TaskDefinitionId, "task_definition_id");
        violations.Required(review.WorkerId, "worker_id");

        // The workstream is also the path of the call (/v1/workstreams/{workstream_id}/task_reviewed).
        violations.PathId(review.WorkstreamId, "workstream_id");
        violations.Text(review.WorkstreamId, "workstream_id");
        violations.Text(review.UseCaseId, "use_case_id");
        violations.Text(review.TaskDefinitionId, "task_definition_id");
        violations.Text(review.DatasetId, "dataset_id");
        violations.Text(review.AssetId, "asset_id");
        violations.Text(review.TaskId, "task_id");

        // A lone surrogate is sent as U+FFFD: two reviews whose unique_id differ only there would be deduplicated into one.
        violations.Text(review.UniqueId, "unique_id");
        violations.Text(review.TaskUrl, "task_url");
        violations.Text(review.WorkerId, "worker_id");
        violations.Text(review.ReviewedBy, "reviewed_by");
        violations.Text(review.ReviewExplanation, "review_explanation");
        violations.Text(review.ReviewType?.ToString(), "review_type");
        violations.Json(review.AdditionalProperties, string.Empty);
        if (review.ReviewCompletedAt is null)
        {
            violations.Add("review_completed_at", "is required");
        }

        if (review.ReviewScore is not { } score)
        {
            violations.Add("review_score", "is required");
        }
        else if (!(score >= 0 && score <= 1))
        {
            // Written so that NaN fails too.
            violations.Add("review_score", "must be a number between 0 and 1");
        }

        violations.AbsoluteUrl(review.TaskUrl, "task_url");
        NonNegativeFinite(review.ReviewDuration, "review_duration", violations);
        violations.NotNegative(review.TaskReviewCount, "task_review_count");
        violations.NotNegative(review.SubtaskReviewCount, "subtask_review_count");

        // The field list documents an object whose values are "the number of occurrences", and shows numbers only in
        // its example: another kind is kept and sent as it came, with a warning, as review_measurements' are.
        if (review.ErrorsJsonAsRead is { } errors)
        {
            foreach (var (errorType, value) in errors)
            {
                if (value is not null && value.GetValueKind() != JsonValueKind.Number)
                {
                    violations.Warn(Violations.Member("errors", errorType), "should be a number (the number of occurrences of the error type), as in the spec's example");
                }
            }
        }

        foreach (var (errorType, count) in review.Errors ?? Empty<int>())
        {
            if (count < 0)
            {
                violations.NotNegative(count, Violations.Member("errors", errorType));
            }

            Text(errorType, "errors", errorType, violations);
        }

        foreach (var (key, value) in review.ReviewMetadata ?? Empty<string>())
        {
            Text(key, "review_metadata", key, violations);
            if (value is null)
            {
                violations.Add(Violations.Member("review_metadata", key), "must not be null");
            }
            else
            {
                Text(value, "review_metadata", key, violations);
            }
        }

        foreach (var (key, value) in review.ReviewMeasurements ?? Empty<MeasurementValue>())
        {
            Text(key, "review_measurements", key, violations);
            Text(value.StringValue, "review_measurements", key, violations);
            if (value.NumberValue is { } number)
            {
                violations.Finite(number, Violations.Member("review_measurements", key));
            }
            else if (value.Json is not null)
            {
                // Read from JSON as another kind (true, an object...): the spec shows review_measurements only in its
                // example, with strings and numbers, and says nothing of other kinds, so the value is sent as it
                // came, with a warning.
                violations.Warn(Violations.Member("review_measurements", key), "should be a string or a number, as in the spec's example");
            }
            else if (value.StringValue is null)
            {
                // A null set in code: there is nothing to send, and requests never send null.
                violations.Add(Violations.Member("review_measurements", key), "must be a string or a number");
            }
        }

        if (review.ReviewType is { } given && given == default)
        {
            violations.Add("review_type", "must have a value when given");
        }
        else if (review.ReviewType is { } type && !ValueSet.Contains(CloudFactoryWire.ReviewTypes, type.ToString()))
        {
            // The spec lists the values but says nothing of what happens to another one ("Spot check" for
            // "Spot Check"): sent as given, and flagged, since a report grouped by review type would miss it.
            violations.Warn("review_type", $"is not one of {ValueSet.Listed(CloudFactoryWire.ReviewTypes)}{ValueSet.DidYouMean(type.ToString(), CloudFactoryWire.ReviewTypes)}");
        }
    }

    /// <summary>
    /// Whether sending the review twice cannot create a duplicate, so that the pipeline may repeat it after a server
    /// error or a timeout: it carries a <c>unique_id</c> and asks CloudFactory to replace an earlier review with the same
    /// id (<c>replace_duplicate</c> true, or absent: the documented default is true). With <c>replace_duplicate</c>
    /// false, the spec does not say what a repeat is answered, so it is not repeated.
    /// </summary>
    public static bool IsRepeatSafe(TaskReview review) =>
        !string.IsNullOrWhiteSpace(review.UniqueId) && review.ReplaceDuplicate != false;

    private static void Number(WireNumber? value, string path, Violations violations)
    {
        if (value is { Number: null })
        {
            violations.WrongKind(path, JsonShape.Number.Rule);
        }
    }

    private static void NonNegativeFinite(double? value, string path, Violations violations)
    {
        if (value is not { } v)
        {
            return;
        }

        if (double.IsFinite(v))
        {
            violations.NotNegative(v, path);
        }
        else
        {
            violations.Finite(v, path);
        }
    }

    // Builds the path only for a violation: a valid review (the common case) builds none.
    private static void Text(string? value, string map, string key, Violations violations)
    {
        if (value is not null && !Violations.IsValidUtf16(value))
        {
            violations.Text(value, Violations.Member(map, key));
        }
    }

    private static IReadOnlyDictionary<string, T> Empty<T>() => ReadOnlyDictionary<string, T>.Empty;
}
