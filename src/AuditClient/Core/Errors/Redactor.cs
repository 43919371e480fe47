namespace AuditClient.Core.Errors;

/// <summary>
/// Removes a vendor's credentials from any text the SDK hands out (messages, excerpts, header values, log lines): a
/// vendor or proxy that echoes the key in what it sends must not put it into the caller's logs.
/// </summary>
internal sealed class Redactor(IEnumerable<string> secrets)
{
    public const string Redacted = "[redacted]";

    public static Redactor None { get; } = new([]);

    private readonly string[] _secrets = [.. secrets.Where(s => s.Length > 0)];

    public string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        }

        return text;
    }
}
