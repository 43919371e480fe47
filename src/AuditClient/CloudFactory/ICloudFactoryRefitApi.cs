using AuditClient.Core.Http;
using Refit;

namespace AuditClient.CloudFactory;

/// <summary>CloudFactory's HTTP endpoints, as Refit generates them. The public interface validates, then calls these.</summary>
[Headers("Accept: application/json")]
internal interface ICloudFactoryRefitApi
{
    // The body is read as text, and may be empty: a 2xx means the review was accepted whatever the body says, so an
    // unreadable or missing acknowledgement must not turn an accepted review into a failure (and a resubmission).
    [Post("/v1/workstreams/{workstreamId}/task_reviewed")]
    Task<string?> SubmitTaskReviewedAsync(
        [AliasAs("workstreamId")] string workstreamId,
        [Body] TaskReview review,
        [Property(RetryRules.RepeatSafeName)] bool repeatSafe,
        [Property(ResponseBufferingHandler.EmptyBodyAcceptedName)] bool emptyBodyAccepted,
        CancellationToken cancellationToken);
}
