using AuditClient.Core.Http;
using Refit;

namespace AuditClient.CloudFactory;

/// <summary>
/// CloudFactory's HTTP endpoints, as Refit generates them. The public interface validates, then calls these through
/// <see cref="ApiCall"/>, which reads and classifies the raw answer.
/// </summary>
[Headers("Accept: application/json")]
internal interface ICloudFactoryRefitApi
{
    // A 2xx means the review was accepted whatever the body says (its operation accepts an empty body, and the body is
    // read as text), so an unreadable or missing acknowledgement never turns an accepted review into a failure (and a
    // resubmission).
    [Post("/v1/workstreams/{workstreamId}/task_reviewed")]
    Task<HttpResponseMessage> SubmitTaskReviewedAsync(
        [AliasAs("workstreamId")] string workstreamId,
        [Body] TaskReview review,
        CancellationToken cancellationToken);
}
