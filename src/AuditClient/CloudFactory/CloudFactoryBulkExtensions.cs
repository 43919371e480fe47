using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AuditClient.Core.Bulk;
using AuditClient.Core.Http;
using AuditClient.Core.Serialization;

namespace AuditClient.CloudFactory;

/// <summary>Bulk submission of reviews to the CloudFactory Quality API.</summary>
public static class CloudFactoryBulkExtensions
{
    // RS0026 guards against adding an overload with optional parameters after another has shipped; these two ship
    // together and differ in the type of the input, so no call can bind differently.
    private const string OverloadsShippedTogether = "Both overloads ship together and differ in the input's type.";

    // The keyed overloads take the selector second, as LINQ's ToDictionary does; a call binds to them only when it
    // passes a Func, which no unkeyed overload takes.
    private const string KeyedOverloads = "The keyed overloads differ from the others in the type of their second parameter.";

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
    /// simply sent again. Your objects are not changed; a <c>unique_id</c> of your own is used as given. With
    /// <see cref="BulkOptions.StampTokens"/> <see langword="false"/>, none is assigned: a review without one whose
    /// outcome is unknown is reported failed with <see cref="AuditApiException.MayHaveTakenEffect"/>, journaled in doubt,
    /// and never sent again.
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
        ArgumentNullException.ThrowIfNull(reviews);
        return BulkRunner.RunAsync(reviews, new ReviewWrite(api), null, options, progress, cancellationToken);
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
        ArgumentNullException.ThrowIfNull(reviews);
        return BulkRunner.RunAsync(reviews, new ReviewWrite(api), null, options, progress, cancellationToken);
    }

    /// <summary>
    /// As <see cref="SubmitTaskReviewedManyAsync(ICloudFactoryQualityApi, IEnumerable{TaskReview}, BulkOptions?, IProgress{BulkProgress}?, CancellationToken)"/>,
    /// with each review's key given by <paramref name="keySelector"/> instead of derived from its position and content, so
    /// that a journaled run resumes correctly although the input was re-ordered, filtered or appended to since the last
    /// run: each review is matched to the journal by its key (see docs/resilience.md, "Keys you give").
    /// </summary>
    /// <param name="api">The CloudFactory client.</param>
    /// <param name="reviews">The reviews.</param>
    /// <param name="keySelector">
    /// The review's stable key: the same for the same review in every run, unique within one input, non-empty printable
    /// text (no control characters). Two reviews with one key, or a key that cannot be carried, are refused with
    /// <see cref="ArgumentException"/> naming their positions before anything is sent. Under a journal, a key journaled
    /// for other content is refused with <see cref="BulkJournalException"/> naming the key, before anything is sent.
    /// </param>
    /// <param name="options">Concurrency and journal; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each review's outcome; reports may arrive out of order.</param>
    /// <param name="cancellationToken">Stops new submissions; submissions already started finish.</param>
    /// <returns>One result per review, in input order, each with its <see cref="BulkItemResult{TItem, TResult}.Key"/>.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = KeyedOverloads)]
    public static Task<IReadOnlyList<BulkItemResult<TaskReview, TaskReviewAccepted>>> SubmitTaskReviewedManyAsync(
        this ICloudFactoryQualityApi api,
        IEnumerable<TaskReview> reviews,
        Func<TaskReview, string> keySelector,
        BulkOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentNullException.ThrowIfNull(keySelector);
        return BulkRunner.RunAsync(reviews, new ReviewWrite(api), keySelector, options, progress, cancellationToken);
    }

    /// <summary>
    /// As the <see cref="IAsyncEnumerable{T}"/> overload, with each review's key given by <paramref name="keySelector"/>.
    /// A stream is checked as it is read: at the first review refused (a key seen before, or journaled for other
    /// content), nothing more is read or sent, and the refusal is thrown once the submissions already started finish.
    /// </summary>
    /// <param name="api">The CloudFactory client.</param>
    /// <param name="reviews">The reviews. The stream is given <paramref name="cancellationToken"/>.</param>
    /// <param name="keySelector">The review's stable key, as for the <see cref="IEnumerable{T}"/> overload.</param>
    /// <param name="options">Concurrency and journal; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each review's outcome; reports may arrive out of order.</param>
    /// <param name="cancellationToken">Stops new submissions; submissions already started finish.</param>
    /// <returns>One result per review read from the stream, in stream order.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = KeyedOverloads)]
    public static Task<IReadOnlyList<BulkItemResult<TaskReview, TaskReviewAccepted>>> SubmitTaskReviewedManyAsync(
        this ICloudFactoryQualityApi api,
        IAsyncEnumerable<TaskReview> reviews,
        Func<TaskReview, string> keySelector,
        BulkOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(reviews);
        ArgumentNullException.ThrowIfNull(keySelector);
        return BulkRunner.RunAsync(reviews, new ReviewWrite(api), keySelector, options, progress, cancellationToken);
    }

    private sealed class ReviewWrite(ICloudFactoryQualityApi api) : IBulkWrite<TaskReview, TaskReviewAccepted>
    {
        private readonly CloudFactoryQualityClient? _client = api as CloudFactoryQualityClient;

        public BulkTarget? Target => _client?.Target;

        public string Kind => "cloudfactory.task_reviewed";

        public JsonTypeInfo<TaskReviewAccepted> ResultJson => AuditClientJsonContext.Wire.TaskReviewAccepted;

        public ReconcileSettings Reconcile => _client?.ResendSettings ?? CloudFactoryQualityClient.Resends(new CloudFactoryOptions().Resilience);

        public byte[] Content(TaskReview item) => JsonSerializer.SerializeToUtf8Bytes(item, AuditClientJsonContext.Wire.TaskReview);

        // A copy through the wire form keeps every field, known or not; the caller's object is left as given.
        public TaskReview Prepare(TaskReview item, string? token)
        {
            ArgumentNullException.ThrowIfNull(item);
            return token is null || !string.IsNullOrWhiteSpace(item.UniqueId) ? item : CloudFactoryQualityClient.WithUniqueId(item, token);
        }

        // In bulk, every review without unique_id gets one from the SDK (unless StampTokens is off), so that its retries
        // are deduplicated: a bulk run is where a 500 or a timeout is certain to happen somewhere.
        public Task<TaskReviewAccepted> SendAsync(TaskReview item, bool stamp, CancellationToken cancellationToken) =>
            stamp && _client is not null ? _client.SubmitTaskReviewedAsync(item, assignUniqueId: true, cancellationToken) : api.SubmitTaskReviewedAsync(item, cancellationToken);

        public Task<TaskReviewAccepted> SendOnceAsync(TaskReview prepared, CancellationToken cancellationToken) => api.SubmitTaskReviewedAsync(prepared, cancellationToken);

        public string? TokenOf(TaskReview prepared) => string.IsNullOrWhiteSpace(prepared.UniqueId) ? null : prepared.UniqueId;

        // CloudFactory keeps one review per unique_id (with replace_duplicate) and has no call to read reviews back:
        // sending again is the repeat-safe way to finish one in doubt. Without one, nothing can tell.
        public bool CanFind(TaskReview prepared) => TaskReviewRules.IsRepeatSafe(prepared);

        public Task<TaskReviewAccepted?> FindAsync(TaskReview prepared, DateTimeOffset sentAt, CancellationToken cancellationToken) =>
            Task.FromResult<TaskReviewAccepted?>(null);
    }
}
