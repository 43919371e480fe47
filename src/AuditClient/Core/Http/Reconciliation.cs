using System.Runtime.ExceptionServices;

namespace AuditClient.Core.Http;

/// <summary>How a write that cannot be repeated blindly is reconciled after it ended in doubt.</summary>
/// <param name="PropagationDelay">How long a write may take to show in the vendor's listing; a look-up that finds
/// nothing is made once more after this wait, before the write is judged not stored.</param>
/// <param name="MaxResends">How many times a write judged not stored is sent again (the retry budget).</param>
/// <param name="Time">The clock of the wait, so that tests use fake time.</param>
internal sealed record ReconcileSettings(TimeSpan PropagationDelay, int MaxResends, TimeProvider Time);

/// <summary>
/// Reconcile instead of giving up: when a write ends in doubt (<see cref="AuditApiException.MayHaveTakenEffect"/>),
/// look it up at the vendor before returning or sending it again. Found: the stored result is returned, nothing is
/// sent again. Not found, twice, <see cref="ReconcileSettings.PropagationDelay"/> apart: it was not stored, and it is
/// sent again (at most <see cref="ReconcileSettings.MaxResends"/> times). The look-up failing: the write's own exception,
/// carrying the token, so that the caller can reconcile later. Sits above <see cref="ApiCall"/>: each send and each
/// look-up is a whole call with its own retries.
/// </summary>
internal static class Reconciliation
{
    public static async Task<T> WriteAsync<TState, T>(
        TState state,
        Func<TState, CancellationToken, Task<T>> send,
        Func<TState, CancellationToken, Task<T?>> find,
        string token,
        ReconcileSettings settings,
        CancellationToken cancellationToken)
        where T : class
    {
        for (var resends = 0; ; resends++)
        {
            AuditApiException doubt;
            try
            {
                return await send(state, cancellationToken).ConfigureAwait(false);
            }
            catch (AuditApiException e) when (e.MayHaveTakenEffect)
            {
                doubt = e;
            }

            T? found;
            try
            {
                found = await find(state, cancellationToken).ConfigureAwait(false);
                if (found is null)
                {
                    // A write stored just now may not be listed yet: one more look after the propagation delay.
                    await Task.Delay(settings.PropagationDelay, settings.Time, cancellationToken).ConfigureAwait(false);
                    found = await find(state, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (AuditClientException e)
            {
                throw Unresolved(doubt, token, $"Looking it up failed too ({e.GetType().Name}: {e.Message}); look for the token before sending it again.");
            }

            if (found is not null)
            {
                return found;
            }

            if (resends >= settings.MaxResends)
            {
                throw Unresolved(doubt, token, $"It was not found at the vendor after each of its {resends + 1} sends (the retry budget is spent).");
            }
        }
    }

    // The write's own exception (its type, status and vendor message), rethrown with the token and where it was thrown.
    private static AuditApiException Unresolved(AuditApiException doubt, string token, string note)
    {
        doubt.ReconcileToken = token;
        doubt.ReconcileNote = note;
        ExceptionDispatchInfo.Throw(doubt);
        return doubt;
    }
}
