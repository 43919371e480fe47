namespace AuditClient;

/// <summary>
/// A bulk run's journal cannot be used: another run is using it, it is not a journal, a line other than the last cannot
/// be read, or it was made for another input, another kind of write or another target (vendor, base address, account
/// or API key). Thrown before anything is sent (for a streamed input, when the first item that differs is read); the
/// journal's file is left as it was. When the journal cannot be written during a run (a full disk), the run is not
/// thrown out: the items it could not send are reported failed with this exception, naming the cause.
/// </summary>
public sealed class BulkJournalException : AuditClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The journal's file.</param>
    /// <param name="message">What is wrong with it, and what to do.</param>
    /// <param name="innerException">The cause, if any.</param>
    public BulkJournalException(string path, string message, Exception? innerException = null)
        : base($"Journal {path ?? throw new ArgumentNullException(nameof(path))}: {message ?? throw new ArgumentNullException(nameof(message))}", innerException)
    {
        Path = path;
    }

    /// <summary>The journal's file.</summary>
    public string Path { get; }
}
