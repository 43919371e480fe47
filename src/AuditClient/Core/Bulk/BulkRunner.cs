using System.Globalization;
using System.Text.Json;
using AuditClient.Core.Http;

namespace AuditClient.Core.Bulk;

/// <summary>
/// Submits a stream of items through any write call of the SDK with bounded concurrency, and accounts for every item:
/// each one read from the input gets exactly one result, in input order, and is submitted at most once (retries are the
/// pipeline's business, under the vendor's rate limiter, not this helper's).
/// </summary>
/// <remarks>
/// Cancellation stops new submissions, and so does <see cref="BulkOptions.StopAfterConsecutiveTransportFailures"/>; the
/// items then still read from the input are reported <see cref="BulkStatus.NotSent"/>. Submissions already started are not canceled: they finish (bounded by the vendor's
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

    /// <summary>
    /// Submits through <paramref name="write"/>: with <see cref="BulkOptions.JournalPath"/>, journaled and resumable.
    /// With <paramref name="keySelector"/>, each item's key is the caller's (refused before anything is sent when two
    /// items share one, or one cannot be carried); otherwise it is derived from the item's position and content.
    /// </summary>
    public static async Task<IReadOnlyList<BulkItemResult<TItem, TResult>>> RunAsync<TItem, TResult>(
        IEnumerable<TItem> items,
        IBulkWrite<TItem, TResult> write,
        Func<TItem, string>? keySelector,
        BulkOptions? options,
        IProgress<BulkProgress>? progress,
        CancellationToken cancellationToken)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(items);
        options ??= Defaults;
        if (options.JournalPath is null && keySelector is null)
        {
            return await RunAsync(items, (item, ct) => write.SendAsync(item, options.StampTokens, ct), options, progress, cancellationToken).ConfigureAwait(false);
        }

        // The keys (and the header's fingerprint) need the whole input before anything is sent (the results hold it all anyway).
        var list = items as IReadOnlyList<TItem> ?? items.ToList();
        var keys = new ItemKey[list.Count];
        var seen = keySelector is null ? null : new Dictionary<string, int>(list.Count, StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            keys[i] = KeyOf(write, keySelector, list[i], i, journaled: options.JournalPath is not null);
            if (seen is not null && !seen.TryAdd(keys[i].Key, i))
            {
                throw DuplicateKey(keys[i].Key, seen[keys[i].Key], i);
            }
        }

        if (options.JournalPath is not { } path)
        {
            var keyed = Unjournaled<TItem, TResult>((item, ct) => write.SendAsync(item, options.StampTokens, ct), (_, index) => keys[index].Key);
            return await RunAsync(new SyncSource<TItem>(list), list.Count, keyed, options, progress, cancellationToken).ConfigureAwait(false);
        }

        var fingerprint = keySelector is null ? BulkJournal.Fingerprint(keys.Select(k => k.Key)) : null;
        var journal = BulkJournal.Open(path, new JournalFor(write.Kind, write.Target, write.ResultJson, fingerprint, list.Count, CallerKeys: keySelector is not null));
        await using (journal.ConfigureAwait(false))
        {
            if (keySelector is not null)
            {
                // Checked for the whole input before the first send, so that a journal for other input costs nothing.
                for (var i = 0; i < keys.Length; i++)
                {
                    journal.CheckContent(i, keys[i].Key, keys[i].Hash!);
                }
            }

            var process = Journaled(write, journal, keys, null, options.StampTokens);
            return await RunAsync(new SyncSource<TItem>(list), list.Count, process, options, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// As the <see cref="IEnumerable{T}"/> overload; a streamed input is checked (against the journal, and for keys seen
    /// before) item by item as it is read, and the run stops reading at the first item refused.
    /// </summary>
    public static async Task<IReadOnlyList<BulkItemResult<TItem, TResult>>> RunAsync<TItem, TResult>(
        IAsyncEnumerable<TItem> items,
        IBulkWrite<TItem, TResult> write,
        Func<TItem, string>? keySelector,
        BulkOptions? options,
        IProgress<BulkProgress>? progress,
        CancellationToken cancellationToken)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(items);
        options ??= Defaults;
        if (options.JournalPath is not { } path)
        {
            var streamed = keySelector is null ? null : new StreamKeys<TItem, TResult>(write, keySelector, journaled: false);
            Func<TItem, int, string>? keyOf = streamed is null ? null : (item, index) => streamed.Next(item, index).Key;
            var keyed = Unjournaled<TItem, TResult>((item, ct) => write.SendAsync(item, options.StampTokens, ct), keyOf);
            return await RunAsync(items, null, keyed, options, progress, cancellationToken).ConfigureAwait(false);
        }

        var journal = BulkJournal.Open(path, new JournalFor(write.Kind, write.Target, write.ResultJson, null, null, CallerKeys: keySelector is not null));
        await using (journal.ConfigureAwait(false))
        {
            var streamKeys = new StreamKeys<TItem, TResult>(write, keySelector, journaled: true);
            return await RunAsync(items, null, Journaled(write, journal, null, streamKeys, options.StampTokens), options, progress, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The stable key of an item: the caller's (checked), or its position and the hash of its content; with the caller's
    /// and a journal, also the content hash, journaled so that a key resumed for other content is refused (without a
    /// journal nothing reads it, and the item is not serialized to compute it).
    /// </summary>
    internal static ItemKey KeyOf<TItem, TResult>(IBulkWrite<TItem, TResult> write, Func<TItem, string>? keySelector, TItem item, int index, bool journaled)
        where TResult : class
    {
        if (keySelector is null)
        {
            return new(string.Create(CultureInfo.InvariantCulture, $"{index}:{BulkJournal.Hash(write.Content(item))}"), null);
        }

        var key = keySelector(item);
        CheckKey(key, index);
        return new(key, journaled ? BulkJournal.Hash(write.Content(item)) : null);
    }

    // A key goes into the journal (JSON, read by people), the messages, and the token the vendor keeps (a string in a
    // JSON body: no length limit in the vendors' documents, so none here). What cannot be carried is refused.
    private static void CheckKey(string? key, int index)
    {
        if (KeyProblem(key) is { } problem)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"The key of item {index} {problem}; keySelector must give each item a non-empty key of printable text."), "keySelector");
        }
    }

    /// <summary>What makes a caller's key uncarriable, or <see langword="null"/>; the journal reads its keys by the same rule.</summary>
    internal static string? KeyProblem(string? key) => key switch
    {
        null => "is null",
        _ when string.IsNullOrWhiteSpace(key) => "is empty or white space",
        _ when key.Any(char.IsControl) => "contains a control character (keys are printed in messages and journal lines)",
        _ when !Core.Validation.Violations.IsValidUtf16(key) => "contains a lone surrogate (it cannot be written as UTF-8 JSON)",
        _ => null,
    };

    private static ArgumentException DuplicateKey(string key, int first, int second) =>
        new(string.Create(CultureInfo.InvariantCulture, $"Items {first} and {second} have the same key \"{key}\"; keySelector must give each item of one input its own key. Nothing was sent."), "keySelector");

    /// <summary>An item's key, and its content hash when the caller gave the key to a journaled run.</summary>
    internal readonly record struct ItemKey(string Key, string? Hash);

    /// <summary>The keys of a streamed input, made and checked as items are read (in input order, one at a time).</summary>
    private sealed class StreamKeys<TItem, TResult>(IBulkWrite<TItem, TResult> write, Func<TItem, string>? keySelector, bool journaled)
        where TResult : class
    {
        private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

        public bool CallerKeys => keySelector is not null;

        public ItemKey Next(TItem item, int index)
        {
            var key = KeyOf(write, keySelector, item, index, journaled);
            if (keySelector is not null && !_seen.TryAdd(key.Key, index))
            {
                throw DuplicateKey(key.Key, _seen[key.Key], index);
            }

            return key;
        }
    }

    private static Process<TItem, TResult> Unjournaled<TItem, TResult>(
        Func<TItem, CancellationToken, Task<TResult>> submit, Func<TItem, int, string>? keyOf = null) =>
        (item, index, tally) =>
        {
            // Before the first await: a refused key faults the task at once, and the run stops reading there.
            var key = keyOf?.Invoke(item, index);
            return SubmitUnjournaledAsync(submit, item, index, key, tally);
        };

    private static async Task<BulkItemResult<TItem, TResult>> SubmitUnjournaledAsync<TItem, TResult>(
        Func<TItem, CancellationToken, Task<TResult>> submit, TItem item, int index, string? key, Tally tally)
    {
        try
        {
            // Not the caller's token: a started submission finishes, so its outcome (sent or not) is known.
            var result = await submit(item, CancellationToken.None).ConfigureAwait(false);
            tally.Add(succeeded: true, resumed: false);
            return new BulkItemResult<TItem, TResult> { Item = item, Index = index, Key = key, Status = BulkStatus.Succeeded, Result = result };
        }
        catch (Exception exception)
        {
            tally.Add(succeeded: false, resumed: false);
            return new BulkItemResult<TItem, TResult> { Item = item, Index = index, Key = key, Status = BulkStatus.Failed, Error = AsSdkError(exception, index) };
        }
    }

    /// <summary>
    /// One item under a journal: done items come from the journal; the others go through <see cref="Reconciliation"/>,
    /// the rule of the single calls, with the journal's hooks: each send is journaled "sent" (on disk) before it
    /// leaves, each doubt "in doubt"; an item in flight when the last run died is looked up before it is sent again.
    /// </summary>
    private static Process<TItem, TResult> Journaled<TItem, TResult>(
        IBulkWrite<TItem, TResult> write, BulkJournal journal, ItemKey[]? keys, StreamKeys<TItem, TResult>? streamKeys, bool stampTokens)
        where TResult : class =>
        (item, index, tally) =>
        {
            // Before the first await: an item refused here faults its task at once, and the run stops reading there.
            ItemKey itemKey;
            if (keys is not null)
            {
                itemKey = keys[index];
            }
            else
            {
                itemKey = streamKeys!.Next(item, index);
                if (streamKeys.CallerKeys)
                {
                    journal.CheckContent(index, itemKey.Key, itemKey.Hash!);
                }
                else
                {
                    journal.CheckPosition(index, itemKey.Key);
                }
            }

            return SubmitJournaledAsync(write, journal, item, index, itemKey, stampTokens, tally);
        };

    private static async Task<BulkItemResult<TItem, TResult>> SubmitJournaledAsync<TItem, TResult>(
        IBulkWrite<TItem, TResult> write, BulkJournal journal, TItem item, int index, ItemKey itemKey, bool stampTokens, Tally tally)
        where TResult : class
    {
        var (key, hash) = itemKey;

        // A derived key's colon becomes a dot in the token; a caller's key is kept as given, so two keys never share a token.
        var token = journal.Id + "." + (hash is null ? key.Replace(':', '.') : key);
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

        string Named(string message) => string.Create(CultureInfo.InvariantCulture, $"Item {index} (key {key}): {message}");

        if (prior is { State: JournalState.Done, Result: { } journaled })
        {
            // Read when the journal was opened: a done line whose result cannot be read is refused there.
            return Succeeded(JsonSerializer.Deserialize(journaled, write.ResultJson)!, resumed: true);
        }

        // A journal that cannot be written stops the run: no item is sent that the journal cannot hold as sent.
        if (journal.Failure is not null)
        {
            return Failed(journal.NotSent(index, key, sentBefore: false));
        }

        TItem prepared;
        try
        {
            prepared = write.Prepare(item, stampTokens ? token : null);
        }
        catch (Exception e)
        {
            var error = AsSdkError(e, index);
            journal.Failed(key, index, hash, DateTimeOffset.UtcNow, Named(error.Message));
            return Failed(error);
        }

        // The look-up's "since": when this item was last sent by the run that died, else this run's first send.
        var state = new SendState<TItem, TResult>(write, prepared) { Since = prior?.At };
        var record = new WriteRecord
        {
            SentBefore = prior is { State: JournalState.Sent or JournalState.InDoubt },
            Sending = async () =>
            {
                // Clients disposed before this item leaves: it is not journaled as sent, so the next run sends it without
                // looking it up first (only the items on the wire at disposal are kept in doubt).
                if (write.Target is { IsDisposed: true })
                {
                    throw new ClientsDisposedException("The clients were disposed before the item was sent. It has not taken effect.", mayHaveTakenEffect: false);
                }

                var now = DateTimeOffset.UtcNow;
                await journal.SentAsync(key, index, hash, now).ConfigureAwait(false);
                state.Since ??= now;
                state.Sent = true;
            },
            InDoubt = e => journal.InDoubt(key, index, hash, DateTimeOffset.UtcNow, Named(e.Message)),
        };

        try
        {
            var result = await Reconciliation.WriteAsync(
                state,
                static (s, ct) => s.Write.SendOnceAsync(s.Prepared, ct),
                write.CanFind(prepared) ? static (s, ct) => s.Write.FindAsync(s.Prepared, s.Since ?? DateTimeOffset.UtcNow, ct) : null,
                write.TokenOf(prepared) ?? token,
                write.Reconcile,
                CancellationToken.None,
                record).ConfigureAwait(false);
            journal.Done(key, index, hash, DateTimeOffset.UtcNow, JsonSerializer.SerializeToUtf8Bytes(result, write.ResultJson));

            // Not sent by this run: found stored, as the run that died left it.
            return Succeeded(result, resumed: !state.Sent);
        }
        catch (BulkJournalException) when (journal.Failure is not null)
        {
            // Its "sent" line could not be written, so it did not leave (this time).
            return Failed(journal.NotSent(index, key, sentBefore: state.Sent || record.SentBefore));
        }
        catch (AuditApiException e) when (e.ReconcileToken is not null && e.MayHaveTakenEffect)
        {
            // Unresolved: the journal keeps it in doubt, and the next run looks it up first (never sends it blindly).
            e.ReconcileNote = Named(e.ReconcileNote ?? string.Empty);
            journal.InDoubt(key, index, hash, DateTimeOffset.UtcNow, e.Message);
            return Failed(e);
        }
        catch (Exception e) when (state.Sent && e is not AuditClientException or AuditApiException { MayHaveTakenEffect: true })
        {
            // Its request left, and what ended it (the clients disposed mid-call) does not say that it had no effect: the
            // journal keeps it in doubt, so the next run looks it up before sending it again, and the result says so.
            var doubt = AsSdkError(e, index, sent: true);
            journal.InDoubt(key, index, hash, DateTimeOffset.UtcNow, Named(doubt.Message));
            return Failed(doubt);
        }
        catch (Exception e)
        {
            var error = AsSdkError(e, index);
            journal.Failed(key, index, hash, DateTimeOffset.UtcNow, Named(error.Message));
            return Failed(error);
        }
    }

    /// <summary>One journaled item as <see cref="Reconciliation"/> carries it: what is sent, and when it was first sent.</summary>
    private sealed class SendState<TItem, TResult>(IBulkWrite<TItem, TResult> write, TItem prepared)
        where TResult : class
    {
        public IBulkWrite<TItem, TResult> Write => write;

        public TItem Prepared => prepared;

        public DateTimeOffset? Since { get; set; }

        public bool Sent { get; set; }
    }

    // The SDK's calls throw only the exception family (validation included); anything else is reported on its item
    // rather than losing the results of the others. The clients disposed mid-call: the write's own exception when it was
    // being looked up (it carries the token), else whether it had left (or, under a journal, was journaled as sent), so
    // that an item on the wire is never reported as one that had no effect.
    private static AuditClientException AsSdkError(Exception exception, int index, bool sent = false) => exception switch
    {
        AuditClientException sdk => sdk,
        ClientsDisposedException { InnerException: AuditApiException doubt } => doubt,
        _ => new AuditApiException($"Item {index} could not be submitted: {exception.Message}", exception)
        {
            MayHaveTakenEffect = sent || exception is ClientsDisposedException { MayHaveTakenEffect: true },
        },
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
        options ??= Defaults;
        var maxConcurrency = options.MaxConcurrency;
        if (maxConcurrency < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), maxConcurrency, "BulkOptions.MaxConcurrency must be at least 1.");
        }

        if (options.StopAfterConsecutiveTransportFailures < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.StopAfterConsecutiveTransportFailures, "BulkOptions.StopAfterConsecutiveTransportFailures must be 0 (never stop) or more.");
        }

        using var slots = new SemaphoreSlim(maxConcurrency);

        // The input is still read to its end after a stop, so that every item is reported; only the sending stops.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var brake = new Brake(options.StopAfterConsecutiveTransportFailures, stop);
        var tally = new Tally(progress, total);
        // Stryker disable once NullCoalescing : the list's initial capacity, which no outcome depends on.
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
                outcomes.Add(await TakeSlotAsync(slots, stop.Token).ConfigureAwait(false)
                    ? SubmitOneAsync(item, index, process, slots, tally, brake)
                    : Task.FromResult(new BulkItemResult<TItem, TResult> { Item = item, Index = index, Status = BulkStatus.NotSent }));

                // An item refused as it was read (a duplicate key, a journal for other input): nothing after it is sent,
                // and the refusal is thrown once the submissions already started have finished.
                if (outcomes[^1].IsFaulted)
                {
                    break;
                }
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
        // Stryker disable once Block,Statement : without it, WaitAsync with the canceled token throws at once and the catch below returns false.
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
        TItem item, int index, Process<TItem, TResult> process, SemaphoreSlim slots, Tally tally, Brake brake)
    {
        try
        {
            var result = await process(item, index, tally).ConfigureAwait(false);

            // Before the slot is freed: a caller that records each outcome has it before the next item is sent, and
            // a stop is seen by the next item before it takes the slot.
            tally.Completed(result);
            brake.Count(result.Status == BulkStatus.Failed && IsTransportFailure(result.Error));
            return result;
        }
        finally
        {
            slots.Release();
        }
    }

    /// <summary>
    /// Whether an item failed without any answer from the vendor (refused, unreachable, reset, timed out): what says the
    /// vendor cannot be reached rather than that it refused the item.
    /// </summary>
    internal static bool IsTransportFailure(Exception? error) => error is AuditTransportException or AuditTimeoutException;

    /// <summary>Stops sending after <c>limit</c> transport failures in a row (0: never); any other outcome starts the count again.</summary>
    private sealed class Brake(int limit, CancellationTokenSource stop)
    {
        private int _consecutive;

        public void Count(bool transportFailure)
        {
            if (!transportFailure)
            {
                Volatile.Write(ref _consecutive, 0);
                return;
            }

            if (Interlocked.Increment(ref _consecutive) == limit)
            {
                // Not Cancel(): its callbacks (the input loop waiting for a slot) would run on this send's thread.
                _ = stop.CancelAsync();
            }
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

        /// <summary>Tells a progress that also takes items' results (see <see cref="BulkItemResult{TItem, TResult}"/>) this item's.</summary>
        public void Completed<TItem, TResult>(BulkItemResult<TItem, TResult> result) =>
            (progress as IProgress<BulkItemResult<TItem, TResult>>)?.Report(result);
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
