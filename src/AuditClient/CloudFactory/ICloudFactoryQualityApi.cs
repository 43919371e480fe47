namespace AuditClient.CloudFactory;

/// <summary>
/// The CloudFactory Quality API: reports of reviewed tasks. Thread-safe: one instance serves concurrent callers.
/// </summary>
public interface ICloudFactoryQualityApi
{
    /// <summary>
    /// Submits a reviewed task (<c>POST /v1/workstreams/{workstream_id}/task_reviewed</c>); the path's workstream is
    /// the review's <see cref="TaskReview.WorkstreamId"/>. The review is validated before anything is sent. With
    /// <see cref="CloudFactoryOptions.AssignUniqueIds"/>, a review without <see cref="TaskReview.UniqueId"/> is sent as a
    /// copy carrying a new one, so that its retries are deduplicated.
    /// </summary>
    /// <param name="review">The review.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>CloudFactory's acknowledgement (202 Accepted).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="review"/> is <see langword="null"/>.</exception>
    /// <exception cref="AuditValidationException">The review breaks a rule of the API; nothing was sent.</exception>
    /// <exception cref="AuditApiException">The call failed; for a review with a <c>unique_id</c> that may have been
    /// stored, <see cref="AuditApiException.ReconcileToken"/> is that id (sending it again with it is harmless).</exception>
    Task<TaskReviewAccepted> SubmitTaskReviewedAsync(TaskReview review, CancellationToken cancellationToken = default);
}
