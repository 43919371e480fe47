using AuditClient.CloudFactory;

namespace AuditClient.Samples.Snippets;

/// <summary>
/// 6. Submit many reviews at once: bounded concurrency under the client's rate limiter, progress as they complete, and
/// one result per review, in input order.
/// </summary>
internal static class SubmitReviewsInBulk
{
    public static async Task<IReadOnlyList<BulkItemResult<TaskReview, TaskReviewAccepted>>> RunAsync(
        ICloudFactoryQualityApi cloudFactory, Workstream workstream, int count, TextWriter output, CancellationToken cancellationToken)
    {
        var reviews = Enumerable.Range(1, count).Select(i => new TaskReview
        {
            WorkstreamId = workstream.WorkstreamId,
            UseCaseId = workstream.UseCaseId,
            TaskDefinitionId = workstream.TaskDefinitionId,
            WorkerId = workstream.WorkerId,
            TaskId = $"auditclient-sample-task-{i:D3}",
            UniqueId = $"auditclient-sample-review-{i:D3}",   // a rerun replaces these reviews instead of adding more
            ReviewCompletedAt = DateTimeOffset.UtcNow,
            ReviewScore = i % 5 == 0 ? 0.6 : 1.0,
            ReviewType = ReviewType.SpotCheck,
        }).ToList();

        // Reports arrive from the concurrent submissions: print every tenth.
        var progress = new InlineProgress<BulkProgress>(p =>
        {
            if (p.Completed % 10 == 0)
            {
                output.WriteLine($"{p.Completed}/{p.Total} done, {p.Failed} failed");
            }
        });

        var results = await cloudFactory.SubmitTaskReviewedManyAsync(reviews, new BulkOptions { MaxConcurrency = 8 }, progress, cancellationToken);

        var succeeded = results.Count(r => r.Status == BulkStatus.Succeeded);
        var failed = results.Where(r => r.Status == BulkStatus.Failed).ToList();
        var notSent = results.Count(r => r.Status == BulkStatus.NotSent);
        output.WriteLine($"{results.Count} reviews: {succeeded} accepted, {failed.Count} failed, {notSent} not sent");
        foreach (var failure in failed)
        {
            output.WriteLine($"  #{failure.Index} ({failure.Item.TaskId}): {failure.Error?.Message}");
        }

        return results;
    }
}
