using AuditClient.Core.Bulk;

namespace AuditClient.Cli.Commands;

/// <summary>
/// <c>--max-failures</c> for a run without a journal (a journaled run has the SDK's bulk helper do the same, with
/// <see cref="BulkOptions.StopAfterConsecutiveTransportFailures"/>): after that many sends in a row failed without an
/// answer from the vendor, <see cref="Token"/> is canceled, so no more records are sent. An answer of any kind starts
/// the count again. 0 never stops.
/// </summary>
internal sealed class FailureBrake(int limit, CancellationToken stop) : IDisposable
{
    private readonly CancellationTokenSource _source = CancellationTokenSource.CreateLinkedTokenSource(stop);
    private int _consecutive;
    private int _stopped;

    /// <summary>Canceled by the caller's token, or once the limit is reached.</summary>
    public CancellationToken Token => _source.Token;

    public bool Stopped => Volatile.Read(ref _stopped) == 1;

    /// <summary>Counts one send's end: <paramref name="error"/> is null when it succeeded.</summary>
    public void Count(Exception? error)
    {
        if (!BulkRunner.IsTransportFailure(error))
        {
            Volatile.Write(ref _consecutive, 0);
            return;
        }

        if (Interlocked.Increment(ref _consecutive) == limit && Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            // Not Cancel(): its callbacks (the loop waiting for a slot) would go on with the run on this send's thread.
            _ = _source.CancelAsync();
        }
    }

    public void Dispose() => _source.Dispose();
}
