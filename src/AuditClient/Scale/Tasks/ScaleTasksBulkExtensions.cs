using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AuditClient.Core.Bulk;
using AuditClient.Core.Http;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>Bulk accept/reject of Scale tasks.</summary>
public static class ScaleTasksBulkExtensions
{
    private const string OverloadsShippedTogether = "Both overloads ship together and differ in the input's type.";

    // The keyed overloads take the selector second, as LINQ's ToDictionary does; a call binds to them only when it
    // passes a Func, which no unkeyed overload takes.
    private const string KeyedOverloads = "The keyed overloads differ from the others in the type of their second parameter.";

    /// <summary>
    /// Accepts or rejects many tasks, at most <see cref="BulkOptions.MaxConcurrency"/> at once, each through
    /// <see cref="IScaleTasksApi.AuditTaskAsync"/>. Returns one result per action, in input order, with the task as
    /// Scale answered it. With <see cref="BulkOptions.JournalPath"/> the run is resumable; an action whose outcome is
    /// unknown (in doubt, or in flight when a run died) is looked up on the task before it is sent again: it counts as
    /// done when the task holds a customer audit with the same result made since the send (allowing 5 seconds of
    /// clock difference). Scale's call takes no token, so another auditor giving the task the same result at the
    /// same moment is taken for this action; the action is then reported done and not sent again.
    /// </summary>
    /// <param name="api">The Scale tasks client.</param>
    /// <param name="actions">The actions. A collection also gives <see cref="BulkProgress.Total"/>.</param>
    /// <param name="options">Concurrency and journal; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each action's outcome; reports may arrive out of order.</param>
    /// <param name="cancellationToken">
    /// Stops new submissions: the actions not yet sent are reported <see cref="BulkStatus.NotSent"/> and the method
    /// returns normally. Submissions already started finish.
    /// </param>
    /// <returns>One result per action, in input order.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = OverloadsShippedTogether)]
    public static Task<IReadOnlyList<BulkItemResult<TaskAuditAction, ScaleTask>>> AuditTaskManyAsync(
        this IScaleTasksApi api,
        IEnumerable<TaskAuditAction> actions,
        BulkOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(actions);
        return BulkRunner.RunAsync(actions, new TaskAuditWrite(api), null, options, progress, cancellationToken);
    }

    /// <summary>
    /// Accepts or rejects many tasks read from an asynchronous stream; otherwise as the <see cref="IEnumerable{T}"/>
    /// overload. Under a journal, each action read is checked against the one journaled at its position.
    /// </summary>
    /// <param name="api">The Scale tasks client.</param>
    /// <param name="actions">The actions. The stream is given <paramref name="cancellationToken"/>.</param>
    /// <param name="options">Concurrency and journal; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each action's outcome; reports may arrive out of order.</param>
    /// <param name="cancellationToken">Stops new submissions; submissions already started finish.</param>
    /// <returns>One result per action read from the stream, in stream order.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = OverloadsShippedTogether)]
    public static Task<IReadOnlyList<BulkItemResult<TaskAuditAction, ScaleTask>>> AuditTaskManyAsync(
        this IScaleTasksApi api,
        IAsyncEnumerable<TaskAuditAction> actions,
        BulkOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(actions);
        return BulkRunner.RunAsync(actions, new TaskAuditWrite(api), null, options, progress, cancellationToken);
    }

    /// <summary>
    /// As <see cref="AuditTaskManyAsync(IScaleTasksApi, IEnumerable{TaskAuditAction}, BulkOptions?, IProgress{BulkProgress}?, CancellationToken)"/>,
    /// with each action's key given by <paramref name="keySelector"/> instead of derived from its position and content, so
    /// that a journaled run resumes correctly although the input was re-ordered, filtered or appended to since the last
    /// run: each action is matched to the journal by its key (see docs/resilience.md, "Keys you give").
    /// </summary>
    /// <param name="api">The Scale tasks client.</param>
    /// <param name="actions">The actions.</param>
    /// <param name="keySelector">
    /// The action's stable key: the same for the same action in every run, unique within one input, non-empty printable
    /// text (no control characters). Two actions with one key, or a key that cannot be carried, are refused with
    /// <see cref="ArgumentException"/> naming their positions before anything is sent. Under a journal, a key journaled
    /// for other content is refused with <see cref="BulkJournalException"/> naming the key, before anything is sent.
    /// </param>
    /// <param name="options">Concurrency and journal; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each action's outcome; reports may arrive out of order.</param>
    /// <param name="cancellationToken">Stops new submissions; submissions already started finish.</param>
    /// <returns>One result per action, in input order, each with its <see cref="BulkItemResult{TItem, TResult}.Key"/>.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = KeyedOverloads)]
    public static Task<IReadOnlyList<BulkItemResult<TaskAuditAction, ScaleTask>>> AuditTaskManyAsync(
        this IScaleTasksApi api,
        IEnumerable<TaskAuditAction> actions,
        Func<TaskAuditAction, string> keySelector,
        BulkOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(keySelector);
        return BulkRunner.RunAsync(actions, new TaskAuditWrite(api), keySelector, options, progress, cancellationToken);
    }

    /// <summary>
    /// As the <see cref="IAsyncEnumerable{T}"/> overload, with each action's key given by <paramref name="keySelector"/>.
    /// A stream is checked as it is read: at the first action refused (a key seen before, or journaled for other
    /// content), nothing more is read or sent, and the refusal is thrown once the submissions already started finish.
    /// </summary>
    /// <param name="api">The Scale tasks client.</param>
    /// <param name="actions">The actions. The stream is given <paramref name="cancellationToken"/>.</param>
    /// <param name="keySelector">The action's stable key, as for the <see cref="IEnumerable{T}"/> overload.</param>
    /// <param name="options">Concurrency and journal; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each action's outcome; reports may arrive out of order.</param>
    /// <param name="cancellationToken">Stops new submissions; submissions already started finish.</param>
    /// <returns>One result per action read from the stream, in stream order.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = KeyedOverloads)]
    public static Task<IReadOnlyList<BulkItemResult<TaskAuditAction, ScaleTask>>> AuditTaskManyAsync(
        this IScaleTasksApi api,
        IAsyncEnumerable<TaskAuditAction> actions,
        Func<TaskAuditAction, string> keySelector,
        BulkOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(keySelector);
        return BulkRunner.RunAsync(actions, new TaskAuditWrite(api), keySelector, options, progress, cancellationToken);
    }

    private sealed class TaskAuditWrite(IScaleTasksApi api) : IBulkWrite<TaskAuditAction, ScaleTask>
    {
        private readonly ScaleTasksClient? _client = api as ScaleTasksClient;

        public BulkTarget? Target => _client?.Target;

        public string Kind => "scale.task_audit";

        public JsonTypeInfo<ScaleTask> ResultJson => AuditClientJsonContext.Wire.ScaleTask;

        public byte[] Content(TaskAuditAction item)
        {
            ArgumentNullException.ThrowIfNull(item);
            using var buffer = new MemoryStream();
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("task_id", item.TaskId);
                json.WriteBoolean("accepted", item.Accepted);
                if (item.Comments is not null)
                {
                    json.WriteString("comments", item.Comments);
                }

                json.WriteEndObject();
            }

            return buffer.ToArray();
        }

        public ReconcileSettings Reconcile => _client?.ReconcileSettings ?? ScaleReconcile.Settings(new ScaleOptions(), null);

        // Scale's call carries no token: the action is reconciled by its task, result and time.
        public TaskAuditAction Prepare(TaskAuditAction item, string? token) => item;

        public Task<ScaleTask> SendAsync(TaskAuditAction item, bool stamp, CancellationToken cancellationToken) =>
            api.AuditTaskAsync(item.TaskId, item.Accepted, item.Comments, cancellationToken);

        public Task<ScaleTask> SendOnceAsync(TaskAuditAction prepared, CancellationToken cancellationToken) =>
            _client is null
                ? api.AuditTaskAsync(prepared.TaskId, prepared.Accepted, prepared.Comments, cancellationToken)
                : _client.AuditTaskAsync(prepared.TaskId, prepared.Accepted, prepared.Comments, sentAt: null, cancellationToken);

        public string? TokenOf(TaskAuditAction prepared) => null;

        public bool CanFind(TaskAuditAction prepared) => true;

        public async Task<ScaleTask?> FindAsync(TaskAuditAction prepared, DateTimeOffset sentAt, CancellationToken cancellationToken)
        {
            var task = await api.GetTaskAsync(prepared.TaskId, cancellationToken).ConfigureAwait(false);
            return ScaleTasksClient.HoldsAudit(task, prepared.Accepted, sentAt) ? task : null;
        }
    }
}
