using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AuditClient.Core.Bulk;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>Bulk accept/reject of Scale tasks.</summary>
public static class ScaleTasksBulkExtensions
{
    private const string OverloadsShippedTogether = "Both overloads ship together and differ in the input's type.";

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
        return BulkRunner.RunAsync(actions, new TaskAuditWrite(api), options, progress, cancellationToken);
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
        return BulkRunner.RunAsync(actions, new TaskAuditWrite(api), options, progress, cancellationToken);
    }

    private sealed class TaskAuditWrite(IScaleTasksApi api) : IBulkWrite<TaskAuditAction, ScaleTask>
    {
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

        // Scale's call carries no token: the action is reconciled by its task, result and time.
        public TaskAuditAction Prepare(TaskAuditAction item, string token) => item;

        public Task<ScaleTask> SendAsync(TaskAuditAction prepared, CancellationToken cancellationToken) =>
            api.AuditTaskAsync(prepared.TaskId, prepared.Accepted, prepared.Comments, cancellationToken);

        public async Task<ScaleTask?> ReconcileAsync(TaskAuditAction prepared, string token, DateTimeOffset sentAt, CancellationToken cancellationToken)
        {
            var task = await api.GetTaskAsync(prepared.TaskId, cancellationToken).ConfigureAwait(false);
            return ScaleTasksClient.HoldsAudit(task, prepared.Accepted, sentAt) ? task : null;
        }
    }
}
