namespace AuditClient.Scale;

/// <summary>
/// A callback body was refused by <see cref="ScaleCallbackReceiver.ParseAsync"/>: larger than the configured limit
/// (<see cref="IsTooLarge"/>; answer 413), or not a Scale callback (answer 400).
/// </summary>
/// <remarks>
/// Part of the SDK's family (<see cref="AuditClientException"/>), so that one catch covers everything the SDK throws,
/// but not an <see cref="AuditApiException"/>: no call to Scale failed, nothing is worth retrying, and a handler of
/// API failures must not see a malformed request made to the app. Not a <see cref="FormatException"/> either: a body
/// over the size limit is not a format error, and both cases are answered by the app, with 413 or 400.
/// </remarks>
public sealed class ScaleCallbackException : AuditClientException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the body.</param>
    /// <param name="isTooLarge">Whether the body exceeded the size limit.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ScaleCallbackException(string message, bool isTooLarge, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTooLarge = isTooLarge;
    }

    /// <summary>Whether the body was refused for exceeding <see cref="ScaleCallbackReceiver.MaxBodyBytes"/>.</summary>
    public bool IsTooLarge { get; }
}
