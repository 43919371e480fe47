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

    private static readonly ApiOperation Submit = new(
        CloudFactoryProfile.Instance, "cloudfactory.task_reviewed", "POST", "/v1/workstreams/{workstream_id}/task_reviewed");

    public Task<TaskReviewAccepted> SubmitTaskReviewedAsync(TaskReview review, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        var violations = new Violations();
        TaskReviewRules.Collect(review, violations);
        violations.ThrowIfAny();
        AuditLog.Warnings(_log, Submit.Name, violations);

        // The path takes the workstream from the review itself, so path and body cannot disagree.
        var repeatSafe = TaskReviewRules.IsRepeatSafe(review);
        return ApiCall.SendAsync(
            Submit,
            (api, review, repeatSafe),
            static async (s, ct) => Acknowledgement(await s.api.SubmitTaskReviewedAsync(s.review.WorkstreamId!, s.review, s.repeatSafe, emptyBodyAccepted: true, ct).ConfigureAwait(false)),
            cancellationToken);
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
