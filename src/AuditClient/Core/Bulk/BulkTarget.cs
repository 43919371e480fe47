using System.Security.Cryptography;
using System.Text;
using AuditClient.Core.Errors;

namespace AuditClient.Core.Bulk;

/// <summary>
/// Where a bulk run's writes go: the vendor, the base address, the account, and the credential. A journal records it
/// (the credential as a fingerprint only) and refuses a run against another target, since what it says is done was done
/// there and nowhere else.
/// </summary>
/// <remarks>
/// The credential is kept to compute fingerprints and never leaves this object: <see cref="ToString"/> leaves it out.
/// </remarks>
internal sealed class BulkTarget
{
    /// <summary>
    /// PBKDF2 rounds of the key's fingerprint. The fingerprint sits in a file that may be read by others; a vendor's key
    /// is long and random, but a slow, salted derivation keeps a short or guessable one from being found by trying
    /// candidates (tens of milliseconds, once per run).
    /// </summary>
    private const int Rounds = 100_000;

    private const string Scheme = "pbkdf2-sha256";

    private readonly string _credential;
    private readonly Func<bool>? _isDisposed;

    public BulkTarget(string vendor, Uri baseAddress, string? account, string credential, Redactor redactor, Func<bool>? isDisposed = null)
    {
        _isDisposed = isDisposed;
        ArgumentNullException.ThrowIfNull(baseAddress);
        Vendor = vendor;
        BaseAddress = baseAddress.AbsoluteUri;
        Account = account;
        _credential = credential;
        Redactor = redactor;
    }

    /// <summary>Removes the target's credentials from what the journal writes of the vendor's answers.</summary>
    public Redactor Redactor { get; }

    /// <summary>Whether the clients that send to this target were disposed: nothing more can be sent.</summary>
    public bool IsDisposed => _isDisposed?.Invoke() ?? false;

    public string Vendor { get; }

    /// <summary>The absolute address the requests are sent under.</summary>
    public string BaseAddress { get; }

    /// <summary>The account's name; <see langword="null"/> for the unnamed account.</summary>
    public string? Account { get; }

    /// <summary>
    /// The credential's fingerprint under <paramref name="salt"/> (the journal's random id): PBKDF2-HMAC-SHA256, so that
    /// it cannot be reversed, and salted per journal, so that two journals of one key do not show that they share it.
    /// </summary>
    public string KeyFingerprint(string salt)
    {
        var hash = Rfc2898DeriveBytes.Pbkdf2(
            Encoding.UTF8.GetBytes(_credential), Encoding.UTF8.GetBytes("auditclient.bulk-journal:" + salt), Rounds, HashAlgorithmName.SHA256, 16);
        return $"{Scheme}:{Rounds}:{Convert.ToHexString(hash).ToLowerInvariant()}";
    }

    /// <summary>The vendor, the address and the account, as a message names them (never the credential).</summary>
    public override string ToString() => Describe(Vendor, BaseAddress, Account);

    internal static string Describe(string vendor, string baseAddress, string? account) =>
        $"{vendor} at {baseAddress} ({(account is null ? "the unnamed account" : "account " + account)})";
}
