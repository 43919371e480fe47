namespace AuditClient.Scale;

/// <summary>
/// A callback body was refused by <see cref="ScaleCallbackReceiver.ParseAsync"/>: larger than the configured limit
/// (<see cref="IsTooLarge"/>; answer 413), or not a Scale callback (answer 400).
/// </summary>
public sealed class ScaleCallbackException : AuditApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong with the body.</param>
    /// <param name="isTooLarge">Whether the body exceeded the size limit.</param>
    /// <param name="innerException">The cause, if any.</param>
    public ScaleCallbackException(string message, bool isTooLarge, Exception? innerException = null)
        : base(message, innerException)
    {
        IsTooLarge = isTooLarge;
        Vendor = AuditVendor.Scale;
    }

    /// <summary>Whether the body was refused for exceeding <see cref="ScaleCallbackReceiver.MaxBodyBytes"/>.</summary>
    public bool IsTooLarge { get; }
}
