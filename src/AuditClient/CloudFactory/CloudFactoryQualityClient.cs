using AuditClient.Core.Http;
using AuditClient.Core.Validation;

namespace AuditClient.CloudFactory;

/// <summary>Validates a review, then submits it through the generated client.</summary>
internal sealed class CloudFactoryQualityClient(ICloudFactoryRefitApi api) : ICloudFactoryQualityApi
{
    private static readonly ApiOperation Submit = new(
        AuditVendor.CloudFactory, "cloudfactory.task_reviewed", "POST", "/v1/workstreams/{workstream_id}/task_reviewed");

    public Task<TaskReviewAccepted> SubmitTaskReviewedAsync(TaskReview review, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(review);
        var violations = new Violations();
        violations.Required(review.WorkstreamId, "workstream_id");
        violations.ThrowIfAny();
        return ApiCall.SendAsync(Submit, ct => api.SubmitTaskReviewedAsync(review.WorkstreamId!, review, repeatSafe: false, ct), cancellationToken);
    }
}
