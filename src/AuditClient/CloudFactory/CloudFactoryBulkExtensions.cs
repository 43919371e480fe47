using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AuditClient.Core.Bulk;
using AuditClient.Core.Serialization;

namespace AuditClient.CloudFactory;

/// <summary>Bulk submission of reviews to the CloudFactory Quality API.</summary>
public static class CloudFactoryBulkExtensions
{
    // RS0026 guards against adding an overload with optional parameters after another has shipped; these two ship
    // together and differ in the type of the input, so no call can bind differently.
    private const string OverloadsShippedTogether = "Both overloads ship together and differ in the input's type.";

    /// <summary>
    /// Submits many reviews, at most <see cref="BulkOptions.MaxConcurrency"/> at once, each through
    /// <see cref="ICloudFactoryQualityApi.SubmitTaskReviewedAsync"/> (so validated first, and under the vendor's rate
    /// limiter and retry rules). Returns one result per review, in input order. A review refused by validation is
    /// <see cref="BulkStatus.Failed"/> with its <see cref="AuditValidationException"/> and is never sent.
    /// </summary>
    /// <param name="api">The CloudFactory client.</param>
    /// <param name="reviews">The reviews. A collection also gives <see cref="BulkProgress.Total"/>.</param>
    /// <param name="options">Concurrency; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each review's outcome; reports may arrive out of order.</param>
    /// <param name="cancellationToken">
    /// Stops new submissions: the reviews not yet sent are reported <see cref="BulkStatus.NotSent"/> and the method
    /// returns normally. Submissions already started finish, so every result says for sure whether it was sent.
    /// </param>
    /// <remarks>
    /// With <see cref="BulkOptions.JournalPath"/> the run is resumable, and a review without
    /// <see cref="TaskReview.UniqueId"/> is sent with one the SDK assigns (the journal's token of the item, the same on
    /// every resend), so that CloudFactory stores it once however often it is sent: a review whose outcome is unknown is
    /// simply sent again. Your objects are not changed; a <c>unique_id</c> of your own is used as given.
    /// </remarks>
    /// <returns>One result per review, in input order.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = OverloadsShippedTogether)]
    public static Task<IReadOnlyList<BulkItemResult<TaskReview, TaskReviewAccepted>>> SubmitTaskReviewedManyAsync(
        this ICloudFactoryQualityApi api,
        IEnumerable<TaskReview> reviews,
        BulkOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        return BulkRunner.RunAsync(reviews, new ReviewWrite(api), options, progress, cancellationToken);
    }

    /// <summary>
    /// Submits many reviews read from an asynchronous stream, at most <see cref="BulkOptions.MaxConcurrency"/> at once;
    /// otherwise as the <see cref="IEnumerable{T}"/> overload. The stream is read as submissions free up, so it need not
    /// fit in memory (the results do).
    /// </summary>
    /// <param name="api">The CloudFactory client.</param>
    /// <param name="reviews">The reviews. The stream is given <paramref name="cancellationToken"/>.</param>
    /// <param name="options">Concurrency; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each review's outcome; reports may arrive out of order.</param>
    /// <param name="cancellationToken">
    /// Stops new submissions: the reviews the stream still yields are reported <see cref="BulkStatus.NotSent"/> (a
    /// stream that ends on cancellation yields no more) and the method returns normally. Submissions already started
    /// finish.
    /// </param>
    /// <returns>One result per review read from the stream, in stream order.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = OverloadsShippedTogether)]
    public static Task<IReadOnlyList<BulkItemResult<TaskReview, TaskReviewAccepted>>> SubmitTaskReviewedManyAsync(
        this ICloudFactoryQualityApi api,
        IAsyncEnumerable<TaskReview> reviews,
        BulkOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        return BulkRunner.RunAsync(reviews, new ReviewWrite(api), options, progress, cancellationToken);
    }

    private sealed class ReviewWrite(ICloudFactoryQualityApi api) : IBulkWrite<TaskReview, TaskReviewAccepted>
    {
        public string Kind => "cloudfactory.task_reviewed";

        public JsonTypeInfo<TaskReviewAccepted> ResultJson => AuditClientJsonContext.Wire.TaskReviewAccepted;

        public byte[] Content(TaskReview item) => JsonSerializer.SerializeToUtf8Bytes(item, AuditClientJsonContext.Wire.TaskReview);

        public TaskReview Prepare(TaskReview item, string token)
        {
            ArgumentNullException.ThrowIfNull(item);
            if (item.UniqueId is not null)
            {
                return item;
            }

            // A copy through the wire form keeps every field, known or not; the caller's object is left as given.
            var copy = JsonSerializer.Deserialize(Content(item), AuditClientJsonContext.Wire.TaskReview)!;
            copy.UniqueId = token;
            return copy;
        }

        private readonly Func<TaskReview, CancellationToken, Task<TaskReviewAccepted>> _send = RepeatSafe(api);

        public Task<TaskReviewAccepted> SendAsync(TaskReview prepared, CancellationToken cancellationToken) => _send(prepared, cancellationToken);

        // CloudFactory keeps one review per unique_id (specs: "any given WorkStream, use case and task definition") and
        // has no call to read reviews back: sending again is the repeat-safe way to finish one in doubt.
        public Task<TaskReviewAccepted?> ReconcileAsync(TaskReview prepared, string token, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
            Task.FromResult<TaskReviewAccepted?>(null);
    }

    // In bulk, every review without unique_id gets one from the SDK, so that its retries are deduplicated: a bulk run
    // is where a 500 or a timeout is certain to happen somewhere (docs/resilience.md, "Nothing lost, nothing twice").
    private static Func<TaskReview, CancellationToken, Task<TaskReviewAccepted>> RepeatSafe(ICloudFactoryQualityApi api) =>
        api is CloudFactoryQualityClient client
            ? (review, ct) => client.SubmitTaskReviewedAsync(review, assignUniqueId: true, ct)
            : api.SubmitTaskReviewedAsync;
}
