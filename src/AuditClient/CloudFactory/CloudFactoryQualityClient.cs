using System.Text.Json;
using AuditClient.Core.Http;
using AuditClient.Core.Serialization;
using AuditClient.Core.Telemetry;
using AuditClient.Core.Validation;
using Microsoft.Extensions.Logging;

namespace AuditClient.CloudFactory;

/// <summary>Validates a review, then submits it through the generated client.</summary>
internal sealed class CloudFactoryQualityClient(ICloudFactoryRefitApi api, ILoggerFactory? loggers = null) : ICloudFactoryQualityApi
{
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

    public Task<TaskReviewAccepted> SubmitTaskReviewedAsync(TaskReview review, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        var violations = new Violations();
        TaskReviewRules.Collect(review, violations);
        violations.ThrowIfAny();
        AuditLog.Warnings(_log, Submit.Name, violations);

        // The path takes the workstream from the review itself, so path and body cannot disagree.
        return SubmitAsync(TaskReviewRules.IsRepeatSafe(review) ? SubmitDeduplicated : Submit, review, cancellationToken);
    }

    private async Task<TaskReviewAccepted> SubmitAsync(ApiOperation operation, TaskReview review, CancellationToken cancellationToken) =>
        Acknowledgement(await ApiCall.SendAsync(
            operation,
            (api, review),
            static (s, call, ct) => s.api.SubmitTaskReviewedAsync(s.review.WorkstreamId!, s.review, call, ct),
            ApiCall.Text,
            cancellationToken).ConfigureAwait(false));

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
