using AuditClient.Core.Bulk;
using System.Text.Json;
using AuditClient.Core.Http;
using AuditClient.Core.Serialization;
using AuditClient.Core.Telemetry;
using AuditClient.Core.Validation;
using Microsoft.Extensions.Logging;

namespace AuditClient.CloudFactory;

/// <summary>Validates a review, then submits it through the generated client.</summary>
internal sealed class CloudFactoryQualityClient(
    ICloudFactoryRefitApi api, ILoggerFactory? loggers = null, bool assignUniqueIds = false, VendorResilienceOptions? resilience = null) : ICloudFactoryQualityApi
{
    /// <summary>How a bulk run resends a review in doubt: at once (no listing to wait for), within the retry budget.</summary>
    internal ReconcileSettings ResendSettings { get; } = Resends(resilience ?? new CloudFactoryOptions().Resilience);

    /// <summary>Where this client sends, which a bulk run's journal records; set by the registration.</summary>
    internal BulkTarget? Target { get; init; }

    internal static ReconcileSettings Resends(VendorResilienceOptions resilience) => new(
        TimeSpan.Zero,
        resilience is { RetryEnabled: true, MaxRetryAttempts: var attempts } ? Math.Max(attempts, 0) : 0,
        TimeProvider.System);

    private readonly ILogger _log = AuditLog.Create(loggers);

    // Any 2xx means the review was taken, with or without an acknowledgement. Not repeat-safe in general: a repeat
    // records a second review...
    private static readonly ApiOperation Submit = new(
        CloudFactoryProfile.Instance, "cloudfactory.task_reviewed", "POST", "/v1/workstreams/{workstreamId}/task_reviewed")
    {
        EmptyBodyAccepted = true,
    };

    // ...except one with unique_id and replace_duplicate, which CloudFactory deduplicates (TaskReviewRules.IsRepeatSafe).
    private static readonly ApiOperation SubmitDeduplicated = Submit with { RepeatSafe = true };

    public Task<TaskReviewAccepted> SubmitTaskReviewedAsync(TaskReview review, CancellationToken cancellationToken = default) =>
        SubmitTaskReviewedAsync(review, assignUniqueIds, cancellationToken);

    /// <summary>
    /// Submits the review; with <paramref name="assignUniqueId"/>, one without <c>unique_id</c> is sent as a copy
    /// carrying a new one (<see cref="WithUniqueId"/>), so that its retries are deduplicated by CloudFactory.
    /// </summary>
    internal Task<TaskReviewAccepted> SubmitTaskReviewedAsync(TaskReview review, bool assignUniqueId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(review);
        var violations = new Violations();
        TaskReviewRules.Collect(review, violations);
        violations.ThrowIfAny();
        AuditLog.Warnings(_log, Submit.Name, violations);
        if (assignUniqueId && string.IsNullOrWhiteSpace(review.UniqueId))
        {
            review = WithUniqueId(review, Guid.NewGuid().ToString());
        }

        // The path takes the workstream from the review itself, so path and body cannot disagree.
        return SubmitAsync(TaskReviewRules.IsRepeatSafe(review) ? SubmitDeduplicated : Submit, review, cancellationToken);
    }

    /// <summary>
    /// A copy of <paramref name="review"/> with <paramref name="uniqueId"/>: through the wire JSON, so that every field
    /// (unknown ones too) is kept and the caller's object is left as given.
    /// </summary>
    internal static TaskReview WithUniqueId(TaskReview review, string uniqueId)
    {
        var copy = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(review, AuditClientJsonContext.Wire.TaskReview), AuditClientJsonContext.Wire.TaskReview)!;
        copy.UniqueId = uniqueId;
        return copy;
    }

    private async Task<TaskReviewAccepted> SubmitAsync(ApiOperation operation, TaskReview review, CancellationToken cancellationToken)
    {
        try
        {
            return Acknowledgement(await ApiCall.SendAsync(
                operation,
                (api, review),
                static (s, ct) => s.api.SubmitTaskReviewedAsync(s.review.WorkstreamId!, s.review, ct),
                ApiCall.Text,
                cancellationToken).ConfigureAwait(false));
        }
        catch (AuditApiException e) when (e.MayHaveTakenEffect && operation.RepeatSafe)
        {
            // CloudFactory has no read API to look the review up; its unique_id is the token: sending the review again
            // with it is harmless, and stores it once.
            e.ReconcileToken = review.UniqueId;
            e.ReconcileNote = "CloudFactory deduplicates it by this unique_id: sending it again with the same one stores it once.";
            throw;
        }
    }

    /// <summary>CloudFactory's <c>{"message": ...}</c>; the text of a non-JSON 2xx body is kept as the message.</summary>
    internal static TaskReviewAccepted Acknowledgement(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new TaskReviewAccepted();
        }

        try
        {
            return JsonSerializer.Deserialize(body, AuditClientJsonContext.Default.TaskReviewAccepted) ?? new TaskReviewAccepted();
        }
        catch (JsonException)
        {
            // Not CloudFactory's JSON: the text itself is the best message there is.
        }

        var text = body.Trim();
        return new TaskReviewAccepted { Message = text.Length <= 200 ? text : text[..200] + "..." };
    }
}
