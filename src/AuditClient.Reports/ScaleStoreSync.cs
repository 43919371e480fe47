using AuditClient.Scale;

namespace AuditClient.Reports;

/// <summary>What <see cref="ScaleStoreSync.RunAsync"/> fetches.</summary>
public sealed class ScaleSyncOptions
{
    /// <summary>Only the tasks of this project; every project when <see langword="null"/>.</summary>
    public string? Project { get; init; }

    /// <summary>Only the tasks of these batches (one listing each); every batch when empty.</summary>
    public IReadOnlyList<string> Batches { get; init; } = [];

    /// <summary>Also list each task's fixless audits (<c>GET /v1/audits?task_id=</c>): one more call per task.</summary>
    public bool Fixless { get; init; }

    /// <summary>
    /// List every task again instead of only those updated since the last complete sync. Scale's documents do not say
    /// whether creating a fixless audit changes a task's <c>updated_at</c>, so an incremental sync may miss a fixless
    /// audit made on a task that did not change otherwise: a full refresh finds it.
    /// </summary>
    public bool Full { get; init; }

    /// <summary>
    /// How far before the last complete sync's watermark the next one asks from (<c>updated_after</c>), so that a task
    /// whose <c>updated_at</c> lags (clock skew, a write committed late) is not skipped; 10 minutes by default.
    /// </summary>
    public TimeSpan Overlap
    {
        get;
        init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "The overlap cannot be negative.");
    } = TimeSpan.FromMinutes(10);

    /// <summary>Tasks per page, 1 to 100; Scale's default (100) when <see langword="null"/>.</summary>
    public int? PageSize { get; init; }
}

/// <summary>Where a sync stands: pages and tasks stored, fixless audits listed.</summary>
/// <param name="Pages">Pages stored by this run.</param>
/// <param name="Tasks">Tasks stored by this run.</param>
/// <param name="FixlessAudits">Fixless audits stored by this run.</param>
public readonly record struct ScaleSyncProgress(int Pages, int Tasks, int FixlessAudits);

/// <summary>What a sync did.</summary>
/// <param name="Pages">Pages stored.</param>
/// <param name="Tasks">Tasks stored (a task listed twice is counted twice).</param>
/// <param name="FixlessAudits">Fixless audits stored.</param>
/// <param name="Resumed">Whether it went on from where an unfinished run stopped.</param>
public sealed record ScaleSyncResult(int Pages, int Tasks, int FixlessAudits, bool Resumed);

/// <summary>
/// Keeps an <see cref="AuditStore"/> in step with Scale: pages the task listing (only what changed since the last
/// complete sync, less <see cref="ScaleSyncOptions.Overlap"/>) and stores each page, with its tasks' fixless audits, in
/// one transaction together with the next page's token, so that a sync killed at any point resumes from its last
/// stored page. Calls go through the clients given, under their rate limiter and retry rules.
/// </summary>
public static class ScaleStoreSync
{
    /// <summary>Runs (or resumes) a sync.</summary>
    /// <param name="store">The store.</param>
    /// <param name="tasks">The Scale tasks client.</param>
    /// <param name="audits">The Scale fixless audits client; required with <see cref="ScaleSyncOptions.Fixless"/>.</param>
    /// <param name="options">What to fetch.</param>
    /// <param name="progress">Told after each stored page.</param>
    /// <param name="cancellationToken">Stops after the current call; what was stored stays, and the next run resumes.</param>
    /// <returns>What was stored.</returns>
    /// <exception cref="ArgumentNullException">A required argument is <see langword="null"/>.</exception>
    /// <exception cref="AuditClientException">A call failed; the pages stored before it stay.</exception>
    public static async Task<ScaleSyncResult> RunAsync(
        AuditStore store,
        IScaleTasksApi tasks,
        IScaleAuditsApi? audits,
        ScaleSyncOptions options,
        IProgress<ScaleSyncProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tasks);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Fixless && audits is null)
        {
            throw new ArgumentNullException(nameof(audits), "Listing fixless audits needs the Scale audits client.");
        }

        int pages = 0, stored = 0, fixlessStored = 0;
        var resumed = false;
        IReadOnlyList<string?> batches = options.Batches.Count > 0 ? [.. options.Batches] : [null];
        foreach (var batch in batches)
        {
            var scope = Scope(options.Project, batch);
            var state = store.State(scope);
            DateTimeOffset? updatedAfter;
            DateTimeOffset? runWatermark;
            string? token;
            if (state is { NextToken: { } unfinished } && !options.Full)
            {
                resumed = true;
                (token, updatedAfter, runWatermark) = (unfinished, state.RunUpdatedAfter, state.RunWatermark);
            }
            else
            {
                token = null;
                updatedAfter = options.Full || state?.Watermark is not { } watermark ? null : watermark - options.Overlap;
                runWatermark = options.Full ? null : state?.Watermark;
            }

            var watermarkBefore = options.Full ? null : state?.Watermark;
            var listing = tasks.ListAllTasksAsync(
                new ScaleTaskQuery { Project = options.Project, Batch = batch, UpdatedAfter = updatedAfter, Limit = options.PageSize },
                cancellationToken);

            // The SDK's paging: it ends at the last page and refuses a token that would page forever.
            await foreach (var page in listing.AsPages(token).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var docs = page.Docs?.Where(t => t is not null).ToList() ?? [];
                Dictionary<string, IReadOnlyList<FixlessAudit>>? fixless = null;
                if (options.Fixless)
                {
                    fixless = [];
                    foreach (var task in docs)
                    {
                        // A task listed again within the overlap, unchanged since it was stored, keeps its stored audits.
                        if (task.TaskId is { Length: > 0 } id && !fixless.ContainsKey(id) && (options.Full || !store.HoldsUnchanged(task)))
                        {
                            fixless[id] = await audits!.ListAuditsAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false);
                        }
                    }
                }

                foreach (var task in docs)
                {
                    if (task.UpdatedAt is { } at && (runWatermark is not { } w || at > w))
                    {
                        runWatermark = at;
                    }
                }

                var next = page.HasMore == false || string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
                store.SavePage(scope, docs, fixless, next is null
                    ? new SyncState(runWatermark, null, null, null)
                    : new SyncState(watermarkBefore, next, runWatermark, updatedAfter));
                pages++;
                stored += docs.Count;
                fixlessStored += fixless?.Values.Sum(a => a.Count) ?? 0;
                progress?.Report(new ScaleSyncProgress(pages, stored, fixlessStored));
            }
        }

        return new ScaleSyncResult(pages, stored, fixlessStored, resumed);
    }

    // One listing's state per project and batch: a page token belongs to its query.
    private static string Scope(string? project, string? batch) => $"scale\u001fproject={project}\u001fbatch={batch}";
}
