using System.Collections.Concurrent;
using AuditClient.CloudFactory;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// A CloudFactory API of the caller's own making (as a test double in an app's tests would be): the bulk helpers take
/// any <see cref="ICloudFactoryQualityApi"/>. Answers each review as <c>answer</c> says and keeps every review it was
/// given, in the order given, with the token it was given.
/// </summary>
internal sealed class ScriptedReviews(Func<TaskReview, CancellationToken, Task<TaskReviewAccepted>> answer) : ICloudFactoryQualityApi
{
    private readonly ConcurrentQueue<TaskReview> _sent = new();

    public ScriptedReviews()
        : this((_, _) => Task.FromResult(new TaskReviewAccepted { Message = "Data successfully received." }))
    {
    }

    /// <summary>Every review sent, in the order the sends began.</summary>
    public IReadOnlyList<TaskReview> Sent => [.. _sent];

    public Task<TaskReviewAccepted> SubmitTaskReviewedAsync(TaskReview review, CancellationToken cancellationToken = default)
    {
        _sent.Enqueue(review);
        return answer(review, cancellationToken);
    }

    /// <summary>An answer of the vendor's, naming the review's task.</summary>
    public static TaskReviewAccepted Accepted(TaskReview review) => new() { Message = "stored " + review.TaskId };

    /// <summary>What a 5xx or a reset becomes: an error after which the review may have been stored.</summary>
    public static AuditApiException Doubt() => new("The vendor answered 500 Internal Server Error. The request may have taken effect.") { MayHaveTakenEffect = true };
}
