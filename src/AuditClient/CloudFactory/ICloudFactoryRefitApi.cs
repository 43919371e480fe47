using AuditClient.Core.Http;
using Refit;

namespace AuditClient.CloudFactory;

/// <summary>CloudFactory's HTTP endpoints, as Refit generates them. The public interface validates, then calls these.</summary>
[Headers("Accept: application/json")]
internal interface ICloudFactoryRefitApi
{
    [Post("/v1/workstreams/{workstreamId}/task_reviewed")]
    Task<TaskReviewAccepted?> SubmitTaskReviewedAsync(
        [AliasAs("workstreamId")] string workstreamId,
        [Body] TaskReview review,
        [Property(RetryRules.RepeatSafeName)] bool repeatSafe,
        CancellationToken cancellationToken);
}
