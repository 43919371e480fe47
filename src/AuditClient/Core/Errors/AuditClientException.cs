namespace AuditClient;

/// <summary>
/// The base of every exception the SDK throws on its own account. It has two branches, to be caught apart:
/// <list type="bullet">
/// <item><see cref="AuditApiException"/> and its subtypes: a call was attempted and failed at the vendor or on the
/// way there (an error answer, an unreadable answer, a transport failure, a timeout, a refusal of the client-side rate
/// limiter). These carry what the vendor said and whether the request may have taken effect; some are worth retrying.</item>
/// <item><see cref="AuditValidationException"/>: the input was refused before anything was sent. Retrying the same
/// input fails the same way: it is a defect to fix, never a condition to retry.</item>
/// </list>
/// Parsing errors of data the app received rather than requested (a callback body) have types of their own that also
/// derive from this base. Cancellation requested by the caller stays an <see cref="OperationCanceledException"/>.
/// </summary>
/// <remarks>API keys are never part of the message, <see cref="Exception.Data"/> or <see cref="object.ToString"/>.</remarks>
public abstract class AuditClientException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    protected AuditClientException(string message)
        : base(message ?? throw new ArgumentNullException(nameof(message)))
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    protected AuditClientException(string message, Exception? innerException)
        : base(message ?? throw new ArgumentNullException(nameof(message)), innerException)
    {
    }
}
