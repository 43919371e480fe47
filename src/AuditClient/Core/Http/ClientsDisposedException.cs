namespace AuditClient.Core.Http;

/// <summary>
/// The clients were disposed while a call was in flight: the .NET exception for use after disposal, which also says
/// whether a write may have taken effect, so that a bulk run reports it as the rest of the family would.
/// </summary>
internal sealed class ClientsDisposedException(string message, bool mayHaveTakenEffect, Exception? innerException = null)
    : ObjectDisposedException(message, innerException)
{
    /// <summary>Whether the write had left when the clients went away (always false for a read).</summary>
    public bool MayHaveTakenEffect => mayHaveTakenEffect;
}
