using System.Runtime.ExceptionServices;

namespace AuditClient.Core.Http;

/// <summary>How a write that cannot be repeated blindly is reconciled after it ended in doubt.</summary>
/// <param name="PropagationDelay">How long a write may take to show in the vendor's listing; a look-up that finds
/// nothing is made once more after this wait, before the write is judged not stored.</param>
/// <param name="MaxResends">How many times a write judged not stored is sent again (the retry budget).</param>
/// <param name="Time">The clock of the wait, so that tests use fake time.</param>
internal sealed record ReconcileSettings(TimeSpan PropagationDelay, int MaxResends, TimeProvider Time);

/// <summary>
/// What a caller that keeps its own record of a write (a journal) tells <see cref="Reconciliation"/> and is told by it.
/// </summary>
internal sealed class WriteRecord
{
    /// <summary>Whether an earlier run may have sent the write already (and died not knowing): it is looked up first.</summary>
    public bool SentBefore { get; init; }

    /// <summary>Awaited before each send, so that a journal's "sent" line is on disk before the request leaves.</summary>
    public required Func<Task> Sending { get; init; }

    /// <summary>Told when a send ended in doubt, before it is looked up.</summary>
    public required Action<AuditApiException> InDoubt { get; init; }
}

/// <summary>
/// Reconcile instead of giving up: when a write ends in doubt (<see cref="AuditApiException.MayHaveTakenEffect"/>),
/// look it up at the vendor before returning or sending it again. Found: the stored result is returned, nothing is
/// sent again. Not found, twice, <see cref="ReconcileSettings.PropagationDelay"/> apart: it was not stored, and it is
/// sent again (at most <see cref="ReconcileSettings.MaxResends"/> times). The look-up failing, or no look-up being
/// possible: the write's own exception, carrying the token, so that the caller can reconcile later. Sits above
/// <see cref="ApiCall"/>: each send and each look-up is a whole call with its own retries. The single calls and the
/// journaled bulk runs both go through here, so the rule is written once.
/// <para>The vendor's <c>TotalTimeout</c> bounds the whole write, not each call in it (<see cref="CallBudget"/>): each
/// send and look-up gets what is left of it, and a look-up, a wait or a resend for which nothing is left is not
/// started: the write's own exception is thrown then, carrying the token, its note saying that the time ran out.</para>
/// </summary>
internal static class Reconciliation
{
    /// <summary>Sends <paramref name="state"/>'s write and reconciles it when it ends in doubt.</summary>
    /// <param name="state">The write.</param>
    /// <param name="send">Sends it once (the pipeline's retries included).</param>
    /// <param name="find">Its stored form at the vendor, or <see langword="null"/> when not found; <see langword="null"/>
    /// itself when the write cannot be looked up (it carries nothing the vendor keeps): a doubt then ends the write.</param>
    /// <param name="token">What identifies the write, for the caller's later reconcile.</param>
    /// <param name="settings">The vendor's propagation delay, clock and resend budget.</param>
    /// <param name="cancellationToken">Cancels the sends, the look-ups and the wait.</param>
    /// <param name="record">A journal's hooks, and whether an earlier run sent the write already.</param>
    public static async Task<T> WriteAsync<TState, T>(
        TState state,
        Func<TState, CancellationToken, Task<T>> send,
        Func<TState, CancellationToken, Task<T?>>? find,
        string token,
        ReconcileSettings settings,
        CancellationToken cancellationToken,
        WriteRecord? record = null)
        where T : class
    {
        var budget = CallBudget.Begin();
        if (record is { SentBefore: true })
        {
            var earlier = new AuditApiException("An earlier run sent this write and ended before it learned whether the vendor stored it. The request may have taken effect.")
            {
                MayHaveTakenEffect = true,
            };
            if (await LookUpAsync(state, find, earlier, token, settings, budget, cancellationToken).ConfigureAwait(false) is { } stored)
            {
                return stored;
            }
        }

        for (var resends = 0; ; resends++)
        {
            AuditApiException doubt;
            try
            {
                if (record is not null)
                {
                    await record.Sending().ConfigureAwait(false);
                }

                return await send(state, cancellationToken).ConfigureAwait(false);
            }
            catch (AuditApiException e) when (e.MayHaveTakenEffect)
            {
                doubt = e;
            }

            record?.InDoubt(doubt);
            if (await LookUpAsync(state, find, doubt, token, settings, budget, cancellationToken).ConfigureAwait(false) is { } found)
            {
                return found;
            }

            if (resends >= settings.MaxResends)
            {
                throw Unresolved(doubt, token, $"It was not found at the vendor after each of its {resends + 1} sends (the retry budget is spent).");
            }

            if (budget.Spent)
            {
                throw Unresolved(doubt, token, OutOfTime($"It was not found at the vendor, and its total timeout{Of(budget)} ran out before it could be sent again"));
            }
        }
    }

    // Null: looked for twice, a propagation delay apart, and not found. Throws the doubt when it cannot be known.
    private static async Task<T?> LookUpAsync<TState, T>(
        TState state,
        Func<TState, CancellationToken, Task<T?>>? find,
        AuditApiException doubt,
        string token,
        ReconcileSettings settings,
        CallBudget budget,
        CancellationToken cancellationToken)
        where T : class
    {
        if (find is null)
        {
            throw Unresolved(doubt, token, "It carries nothing the vendor keeps to look it up by, so it is not sent again; check at the vendor before sending it yourself.");
        }

        if (budget.Spent)
        {
            throw Unresolved(doubt, token, OutOfTime($"Its total timeout{Of(budget)} ran out before it could be looked up"));
        }

        var found = await FindAsync(state, find, doubt, token, budget, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            // A write stored just now may not be listed yet: one more look after the propagation delay, if the total
            // timeout leaves time for it (a wait that would end in the timeout is not begun).
            if (!budget.Allows(settings.PropagationDelay))
            {
                throw Unresolved(doubt, token, OutOfTime($"It was not found at once, and its total timeout{Of(budget)} leaves no time to wait {settings.PropagationDelay.TotalSeconds:0.###} s for the vendor's listing and look again"));
            }

            await Task.Delay(settings.PropagationDelay, settings.Time, cancellationToken).ConfigureAwait(false);
            found = await FindAsync(state, find, doubt, token, budget, cancellationToken).ConfigureAwait(false);
        }

        return found;
    }

    private static async Task<T?> FindAsync<TState, T>(
        TState state,
        Func<TState, CancellationToken, Task<T?>> find,
        AuditApiException doubt,
        string token,
        CallBudget budget,
        CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return await find(state, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            // The clients were disposed: said as such, with the write still in doubt inside, carrying its token.
            doubt.ReconcileToken = token;
            doubt.ReconcileNote = "The clients were disposed before it could be looked up; look for the token before sending it again.";
            throw new ClientsDisposedException(
                $"The clients were disposed while a write that ended in doubt was being looked up. The request may have taken effect: token {token}.",
                mayHaveTakenEffect: true,
                doubt);
        }
        catch (AuditClientException e)
        {
            throw Unresolved(doubt, token, budget.Spent
                ? OutOfTime($"Its total timeout{Of(budget)} ran out while it was being looked up")
                : $"Looking it up failed too ({e.Message}); look for the token before sending it again.");
        }
    }

    private static string Of(CallBudget budget) => budget.Total is { } total ? $" of {total.TotalSeconds:0.###} s" : string.Empty;

    private static string OutOfTime(string what) => $"{what}; look for the token before sending it again.";

    // The write's own exception (its type, status and vendor message), rethrown with the token and where it was thrown.
    private static AuditApiException Unresolved(AuditApiException doubt, string token, string note)
    {
        doubt.ReconcileToken = token;
        doubt.ReconcileNote = note;
        ExceptionDispatchInfo.Throw(doubt);
        return doubt;
    }
}
