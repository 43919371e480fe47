namespace AuditClient.CloudFactory;

/// <summary>
/// The CloudFactory Quality API: reports of reviewed tasks. Thread-safe: one instance serves concurrent callers.
/// </summary>
public interface ICloudFactoryQualityApi
{
    /// <summary>
    /// Submits a reviewed task (<c>POST /v1/workstreams/{workstream_id}/task_reviewed</c>); the path's workstream is
    /// the review's <see cref="TaskReview.WorkstreamId"/>. The review is validated before anything is sent.
    /// </summary>
    /// <param name="review">The review.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>CloudFactory's acknowledgement (202 Accepted).</returns>
    /// <exception cref="AuditValidationException">The review breaks a rule of the API; nothing was sent.</exception>
    /// <exception cref="AuditApiException">The call failed.</exception>
    Task<TaskReviewAccepted> SubmitTaskReviewedAsync(TaskReview review, CancellationToken cancellationToken = default);
}
