using AuditClient.CloudFactory;

namespace AuditClient.Samples.Snippets;

/// <summary>
/// 5. Submit one reviewed task to CloudFactory's Quality API. With a <c>UniqueId</c>, sending it again replaces the
/// stored review, which also lets the SDK retry it safely after a timeout or a 5xx.
/// </summary>
internal static class SubmitReview
{
    public static async Task<TaskReviewAccepted> RunAsync(ICloudFactoryQualityApi cloudFactory, Workstream workstream, TextWriter output, CancellationToken cancellationToken)
    {
        var review = new TaskReview
        {
            WorkstreamId = workstream.WorkstreamId,   // also the workstream of the request's path
            UseCaseId = workstream.UseCaseId,
            TaskDefinitionId = workstream.TaskDefinitionId,
            WorkerId = workstream.WorkerId,
            TaskId = "auditclient-sample-task-000",
            UniqueId = "auditclient-sample-review-000",
            ReviewCompletedAt = DateTimeOffset.UtcNow,
            ReviewDuration = 95,
            ReviewedBy = "qa.lead@example.com",
            ReviewScore = 0.8,
            ReviewType = ReviewType.QA,
            ReviewExplanation = "Two boxes do not capture the object's boundary.",
            Errors = new Dictionary<string, int> { ["boundary_not_captured"] = 2 },
        };

        // The same rules run before sending; a broken one is refused with its wire field named.
        // Models are plain classes: a copy to change is read back from the review's own JSON, which loses nothing.
        var outOfRange = AuditClientJson.Deserialize<TaskReview>(AuditClientJson.Serialize(review))!;
        outOfRange.ReviewScore = 1.5;
        foreach (var problem in outOfRange.Validate())
        {
            output.WriteLine($"refused before sending, a score of 1.5: {problem}");
        }

        var accepted = await cloudFactory.SubmitTaskReviewedAsync(review, cancellationToken);

        output.WriteLine($"review of {review.TaskId} (score {review.ReviewScore}, {review.ReviewType}) sent to workstream {review.WorkstreamId}");
        output.WriteLine($"CloudFactory: {accepted.Message}");
        return accepted;
    }
}
