using System.Globalization;
using System.Text.Json;

namespace AuditClient.Core.Bulk;

/// <summary>
/// Submits a stream of items through any write call of the SDK with bounded concurrency, and accounts for every item:
/// each one read from the input gets exactly one result, in input order, and is submitted at most once (retries are the
/// pipeline's business, under the vendor's rate limiter, not this helper's).
/// </summary>
/// <remarks>
/// Cancellation stops new submissions; the items then still read from the input are reported
/// <see cref="BulkStatus.NotSent"/>. Submissions already started are not canceled: they finish (bounded by the vendor's
/// timeouts), so whether they reached the vendor is always known.
/// </remarks>
internal static class BulkRunner
{
    private static readonly BulkOptions Defaults = new();

    public static Task<IReadOnlyList<BulkItemResult<TItem, TResult>>> RunAsync<TItem, TResult>(
        IEnumerable<TItem> items,
        Func<TItem, CancellationToken, Task<TResult>> submit,
        BulkOptions? options,
        IProgress<BulkProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(submit);
        int? total = items.TryGetNonEnumeratedCount(out var count) ? count : null;
        return RunAsync(new SyncSource<TItem>(items), total, Unjournaled(submit), options, progress, cancellationToken);
    }

    public static Task<IReadOnlyList<BulkItemResult<TItem, TResult>>> RunAsync<TItem, TResult>(
        IAsyncEnumerable<TItem> items,
        Func<TItem, CancellationToken, Task<TResult>> submit,
        BulkOptions? options,
        IProgress<BulkProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(submit);
        return RunAsync(items, null, Unjournaled(submit), options, progress, cancellationToken);
    }

    /// <summary>Submits through <paramref name="write"/>: with <see cref="BulkOptions.JournalPath"/>, journaled and resumable.</summary>
    public static async Task<IReadOnlyList<BulkItemResult<TItem, TResult>>> RunAsync<TItem, TResult>(
        IEnumerable<TItem> items,
        IBulkWrite<TItem, TResult> write,
        BulkOptions? options,
        IProgress<BulkProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (options?.JournalPath is not { } path)
        {
            return await RunAsync(items, write.SendAsync, options, progress, cancellationToken).ConfigureAwait(false);
        }

        // The header's fingerprint needs the whole input before anything is sent (the results hold it all anyway).
        var list = items as IReadOnlyList<TItem> ?? items.ToList();
        var keys = new string[list.Count];
        for (var i = 0; i < list.Count; i++)
        {
            keys[i] = KeyOf(write, list[i], i);
        }

        var journal = BulkJournal.Open(path, write.Kind, BulkJournal.Fingerprint(keys), list.Count);
        await using (journal.ConfigureAwait(false))
        {
            var process = Journaled(write, journal, keys);
            return await RunAsync(new SyncSource<TItem>(list), list.Count, process, options, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>As the <see cref="IEnumerable{T}"/> overload; a streamed input is checked against the journal item by item.</summary>
    public static async Task<IReadOnlyList<BulkItemResult<TItem, TResult>>> RunAsync<TItem, TResult>(
        IAsyncEnumerable<TItem> items,
        IBulkWrite<TItem, TResult> write,
        BulkOptions? options,
        IProgress<BulkProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (options?.JournalPath is not { } path)
        {
            return await RunAsync(items, write.SendAsync, options, progress, cancellationToken).ConfigureAwait(false);
        }

        var journal = BulkJournal.Open(path, write.Kind, null, null);
        await using (journal.ConfigureAwait(false))
        {
            return await RunAsync(items, null, Journaled(write, journal, null), options, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The stable key of an item: its position in the input and the hash of its content.</summary>
    internal static string KeyOf<TItem, TResult>(IBulkWrite<TItem, TResult> write, TItem item, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{index}:{BulkJournal.Hash(write.Content(item))}");

    private static Process<TItem, TResult> Unjournaled<TItem, TResult>(Func<TItem, CancellationToken, Task<TResult>> submit) =>
        async (item, index, tally) =>
        {
            try
            {
                // Not the caller's token: a started submission finishes, so its outcome (sent or not) is known.
                var result = await submit(item, CancellationToken.None).ConfigureAwait(false);
                tally.Add(succeeded: true, resumed: false);
                return new BulkItemResult<TItem, TResult> { Item = item, Index = index, Status = BulkStatus.Succeeded, Result = result };
            }
            catch (Exception exception)
            {
                tally.Add(succeeded: false, resumed: false);
                return new BulkItemResult<TItem, TResult> { Item = item, Index = index, Status = BulkStatus.Failed, Error = AsSdkError(exception, index) };
            }
        };

    /// <summary>
    /// One item under a journal: done items come from the journal; items that were in flight are reconciled first;
    /// every send is journaled "sent" (on disk) before it leaves; a send that ends in doubt is reconciled and, when not
    /// stored, sent again under the same token, at most <see cref="MaxAttempts"/> times.
    /// </summary>
    private static Process<TItem, TResult> Journaled<TItem, TResult>(IBulkWrite<TItem, TResult> write, BulkJournal journal, string[]? keys) =>
        async (item, index, tally) =>
        {
            var key = keys?[index] ?? KeyOf(write, item, index);
            if (keys is null)
            {
                journal.CheckPosition(index, key);
            }

            var token = journal.Id + "." + key.Replace(':', '.');
            journal.Entries.TryGetValue(key, out var prior);
            BulkItemResult<TItem, TResult> Succeeded(TResult result, bool resumed)
            {
                tally.Add(succeeded: true, resumed);
                return new() { Item = item, Index = index, Key = key, Status = BulkStatus.Succeeded, Result = result, Resumed = resumed };
            }

            BulkItemResult<TItem, TResult> Failed(AuditClientException error)
            {
                tally.Add(succeeded: false, resumed: false);
                return new() { Item = item, Index = index, Key = key, Status = BulkStatus.Failed, Error = error };
            }

            if (prior is { State: JournalState.Done, Result: { } journaled })
            {
                return Succeeded(JsonSerializer.Deserialize(journaled, write.ResultJson)!, resumed: true);
            }

            TItem prepared;
            try
            {
                prepared = write.Prepare(item, token);
            }
            catch (Exception e)
            {
                var error = AsSdkError(e, index);
                journal.Failed(key, index, DateTimeOffset.UtcNow, error.Message);
                return Failed(error);
            }

            if (prior is { State: JournalState.Sent or JournalState.InDoubt })
            {
                // The last run died (or gave up) with this item in flight: ask the vendor before sending it again.
                try
                {
                    if (await write.ReconcileAsync(prepared, token, prior.At, CancellationToken.None).ConfigureAwait(false) is { } found)
                    {
                        journal.Done(key, index, DateTimeOffset.UtcNow, JsonSerializer.SerializeToUtf8Bytes(found, write.ResultJson));
                        return Succeeded(found, resumed: true);
                    }
                }
                catch (Exception e)
                {
                    var error = InDoubt(e, index, token);
                    journal.InDoubt(key, index, DateTimeOffset.UtcNow, error.Message);
                    return Failed(error);
                }
            }

            for (var attempt = 1; ; attempt++)
            {
                var sentAt = DateTimeOffset.UtcNow;
                try
                {
                    await journal.SentAsync(key, index, sentAt).ConfigureAwait(false);
                }
                catch (BulkJournalException e)
                {
                    return Failed(e);
                }

                try
                {
                    var result = await write.SendAsync(prepared, CancellationToken.None).ConfigureAwait(false);
                    journal.Done(key, index, DateTimeOffset.UtcNow, JsonSerializer.SerializeToUtf8Bytes(result, write.ResultJson));
                    return Succeeded(result, resumed: false);
                }
                catch (AuditApiException e) when (e.MayHaveTakenEffect)
                {
                    journal.InDoubt(key, index, DateTimeOffset.UtcNow, e.Message);
                    try
                    {
                        if (await write.ReconcileAsync(prepared, token, sentAt, CancellationToken.None).ConfigureAwait(false) is { } found)
                        {
                            journal.Done(key, index, DateTimeOffset.UtcNow, JsonSerializer.SerializeToUtf8Bytes(found, write.ResultJson));
                            return Succeeded(found, resumed: false);
                        }
                    }
                    catch (Exception reconcile)
                    {
                        return Failed(InDoubt(reconcile, index, token, e));
                    }

                    if (attempt == MaxAttempts)
                    {
                        // The last send is in doubt too: the journal keeps it so, and the next run looks it up first.
                        return Failed(new AuditApiException(
                            string.Create(CultureInfo.InvariantCulture, $"Item {index} may have taken effect: token {token}. It was sent {MaxAttempts} times; each send ended in doubt, the earlier ones were not found stored, and the last one is unknown: {e.Message}"),
                            e)
                        {
                            MayHaveTakenEffect = true,
                            Vendor = e.Vendor,
                            StatusCode = e.StatusCode,
                        });
                    }
                }
                catch (Exception e)
                {
                    var error = AsSdkError(e, index);
                    journal.Failed(key, index, DateTimeOffset.UtcNow, error.Message);
                    return Failed(error);
                }
            }
        };

    /// <summary>How many times a journaled item is sent when each send ends in doubt and is then found not stored.</summary>
    private const int MaxAttempts = 5;

    // The SDK's calls throw only the exception family (validation included); anything else is reported on its item
    // rather than losing the results of the others.
    private static AuditClientException AsSdkError(Exception exception, int index) =>
        exception as AuditClientException ?? new AuditApiException($"Item {index} could not be submitted: {exception.Message}", exception);

    /// <summary>The failure of an item whose send may have taken effect, when finding out whether it did failed.</summary>
    private static AuditApiException InDoubt(Exception exception, int index, string token, AuditApiException? send = null) =>
        new(string.Create(
            CultureInfo.InvariantCulture,
            $"Item {index} may have taken effect: token {token}. {(send is null ? string.Empty : "The send ended in doubt (" + send.Message + "), and ")}finding out whether the vendor stored it failed: {exception.Message}"),
            exception)
        {
            MayHaveTakenEffect = true,
            Vendor = (send ?? exception as AuditApiException)?.Vendor,
            StatusCode = (send ?? exception as AuditApiException)?.StatusCode,
        };

    private delegate Task<BulkItemResult<TItem, TResult>> Process<TItem, TResult>(TItem item, int index, Tally tally);

    private static async Task<IReadOnlyList<BulkItemResult<TItem, TResult>>> RunAsync<TItem, TResult>(
        IAsyncEnumerable<TItem> items,
        int? total,
        Process<TItem, TResult> process,
        BulkOptions? options,
        IProgress<BulkProgress>? progress,
        CancellationToken cancellationToken)
    {
        var maxConcurrency = (options ?? Defaults).MaxConcurrency;
        if (maxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), maxConcurrency, "BulkOptions.MaxConcurrency must be at least 1.");
        }

        using var slots = new SemaphoreSlim(maxConcurrency);
        var tally = new Tally(progress, total);
        var outcomes = new List<Task<BulkItemResult<TItem, TResult>>>(total ?? 0);

        // An asynchronous input gets the caller's token, so one that ends on cancellation (a channel reader, say)
        // is not read to its end; an in-memory sequence is read to its end so that every item is reported.
        var enumerator = items.GetAsyncEnumerator(cancellationToken);
        try
        {
            while (await MoveNextAsync(enumerator, cancellationToken).ConfigureAwait(false))
            {
                var item = enumerator.Current;
                var index = outcomes.Count;
                outcomes.Add(await TakeSlotAsync(slots, cancellationToken).ConfigureAwait(false)
                    ? SubmitOneAsync(item, index, process, slots, tally)
                    : Task.FromResult(new BulkItemResult<TItem, TResult> { Item = item, Index = index, Status = BulkStatus.NotSent }));
            }
        }
        finally
        {
            await enumerator.DisposeAsync().ConfigureAwait(false);

            // Even when the input throws, no submission is left running unobserved.
            await Task.WhenAll(outcomes).ConfigureAwait(false);
        }

        return await Task.WhenAll(outcomes).ConfigureAwait(false);
    }

    private static async ValueTask<bool> MoveNextAsync<TItem>(IAsyncEnumerator<TItem> enumerator, CancellationToken cancellationToken)
    {
        try
        {
            return await enumerator.MoveNextAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static async ValueTask<bool> TakeSlotAsync(SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        if (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        try
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (cancellationToken.IsCancellationRequested)
        {
            slots.Release();
            return false;
        }

        return true;
    }

    private static async Task<BulkItemResult<TItem, TResult>> SubmitOneAsync<TItem, TResult>(
        TItem item, int index, Process<TItem, TResult> process, SemaphoreSlim slots, Tally tally)
    {
        try
        {
            return await process(item, index, tally).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>Counts outcomes and reports consistent snapshots (outside the lock: the callback is the caller's code).</summary>
    private sealed class Tally(IProgress<BulkProgress>? progress, int? total)
    {
        private readonly object _lock = new();
        private int _succeeded;
        private int _failed;
        private int _resumed;

        public void Add(bool succeeded, bool resumed)
        {
            BulkProgress snapshot;
            lock (_lock)
            {
                if (succeeded)
                {
                    _succeeded++;
                }
                else
                {
                    _failed++;
                }

                if (resumed)
                {
                    _resumed++;
                }

                snapshot = new BulkProgress(_succeeded + _failed, _succeeded, _failed, total) { Resumed = _resumed };
            }

            progress?.Report(snapshot);
        }
    }

    /// <summary>An in-memory sequence seen as an asynchronous one; it ignores cancellation so that it is read to its end.</summary>
    private sealed class SyncSource<T>(IEnumerable<T> items) : IAsyncEnumerable<T>
    {
        public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) => new Enumerator(items.GetEnumerator());

        private sealed class Enumerator(IEnumerator<T> inner) : IAsyncEnumerator<T>
        {
            public T Current => inner.Current;

            public ValueTask<bool> MoveNextAsync() => new(inner.MoveNext());

            public ValueTask DisposeAsync()
            {
                inner.Dispose();
                return default;
            }
        }
    }
}
