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
        int? total = items.TryGetNonEnumeratedCount(out var count) ? count : null;
        return RunAsync(new SyncSource<TItem>(items), total, submit, options, progress, cancellationToken);
    }

    public static Task<IReadOnlyList<BulkItemResult<TItem, TResult>>> RunAsync<TItem, TResult>(
        IAsyncEnumerable<TItem> items,
        Func<TItem, CancellationToken, Task<TResult>> submit,
        BulkOptions? options,
        IProgress<BulkProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        return RunAsync(items, null, submit, options, progress, cancellationToken);
    }

    private static async Task<IReadOnlyList<BulkItemResult<TItem, TResult>>> RunAsync<TItem, TResult>(
        IAsyncEnumerable<TItem> items,
        int? total,
        Func<TItem, CancellationToken, Task<TResult>> submit,
        BulkOptions? options,
        IProgress<BulkProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(submit);
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
                    ? SubmitOneAsync(item, index, submit, slots, tally)
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
        TItem item, int index, Func<TItem, CancellationToken, Task<TResult>> submit, SemaphoreSlim slots, Tally tally)
    {
        try
        {
            // Not the caller's token: a started submission finishes, so its outcome (sent or not) is known.
            var result = await submit(item, CancellationToken.None).ConfigureAwait(false);
            tally.Add(succeeded: true);
            return new BulkItemResult<TItem, TResult> { Item = item, Index = index, Status = BulkStatus.Succeeded, Result = result };
        }
        catch (Exception exception)
        {
            // The SDK's calls throw only the exception family (validation included); anything else is reported on
            // its item rather than losing the results of the others.
            var error = exception as AuditClientException ?? new AuditApiException($"Item {index} could not be submitted: {exception.Message}", exception);
            tally.Add(succeeded: false);
            return new BulkItemResult<TItem, TResult> { Item = item, Index = index, Status = BulkStatus.Failed, Error = error };
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

        public void Add(bool succeeded)
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

                snapshot = new BulkProgress(_succeeded + _failed, _succeeded, _failed, total);
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
