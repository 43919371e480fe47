using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AuditClient.Core.Errors;

/// <summary>
/// Removes a vendor's credentials from any text the SDK or the CLI hands out (messages, excerpts, header values, log
/// lines, results files): a vendor or proxy that echoes the key in what it sends must not put it into the caller's
/// logs. The one place where that is done.
/// </summary>
/// <remarks>
/// A secret comes back in whatever encoding the answer used, so each of its characters is matched in every form it can
/// take: as is; JSON-escaped (<c>\/</c>, <c>\"</c>, <c>\\</c>, <c>\uXXXX</c> in either case of hex, a surrogate pair
/// for a character beyond the BMP, and one more backslash per level of JSON in a JSON string); percent-encoded (the
/// UTF-8 bytes as <c>%XX</c> in either case, <c>+</c> for a space, <c>%25XX</c> when encoded twice); or as an HTML
/// character reference (<c>&amp;#47;</c>, <c>&amp;#x2F;</c>, <c>&amp;amp;</c>). The forms mix freely, since encoders
/// differ in what they escape. Forms that are not a character-for-character encoding of the key (the Base64 of a Basic
/// credential) are secrets of their own, which the vendor's credential scheme supplies
/// (<see cref="Vendors.VendorProfile.CreateCredential"/>); they are matched in the same forms.
/// </remarks>
internal sealed class Redactor
{
    public const string Redacted = "[redacted]";

    // Enough for a JSON document inside a JSON string inside another, and for a value encoded twice; bounded, so that
    // a text of nothing but backslashes or '%25' costs linear time to scan.
    private const int MaxEscapeDepth = 4;

    private readonly Regex? _pattern;

    /// <summary>Matches every form of each secret; empty secrets are ignored.</summary>
    /// <param name="secrets">The texts that must never be handed out.</param>
    public Redactor(IEnumerable<string> secrets)
    {
        // A key read with whitespace around it (a secrets file's trailing newline) comes back without it from a vendor
        // that trims what it echoes. Longest first: a secret that is the start of another (a Base64 credential without
        // its padding) must not leave the rest of the longer one behind.
        var forms = secrets.SelectMany(s => new[] { s, s.Trim() }).Where(s => s.Length > 0).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).Select(Forms).ToList();
        // Stryker disable once Bitwise : every group is non-capturing and nothing ignores case, so neither option changes a match.
        _pattern = forms.Count == 0 ? null : new Regex(string.Join('|', forms), RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture);
    }

    public static Redactor None { get; } = new([]);

    /// <summary>
    /// <paramref name="text"/> with every form of every secret replaced by <see cref="Redacted"/>.
    /// </summary>
    /// <param name="text">Text that came from, or quotes, a vendor's answer.</param>
    /// <returns>The text without the secrets; <see langword="null"/> for <see langword="null"/>.</returns>
    public string? Redact(string? text) =>
        _pattern is null || string.IsNullOrEmpty(text) ? text : _pattern.Replace(text, Redacted);

    private static string Forms(string secret)
    {
        var pattern = new StringBuilder();
        Span<char> units = stackalloc char[2];
        Span<byte> bytes = stackalloc byte[4];
        foreach (var rune in secret.EnumerateRunes())
        {
            pattern.Append("(?:").Append(Regex.Escape(rune.ToString()));

            // JSON: \uXXXX for each UTF-16 unit, and the short escapes.
            var json = new StringBuilder();
            foreach (var unit in units[..rune.EncodeToUtf16(units)])
            {
                json.Append(Backslashes).Append('u').Append(Hex(unit, 4));
            }

            pattern.Append('|').Append(json);
            if (ShortEscape(rune) is { } escape)
            {
                pattern.Append('|').Append(Backslashes).Append(Regex.Escape(escape.ToString()));
            }

            // Percent-encoding: each UTF-8 byte; a space may also be a '+'.
            pattern.Append('|');
            foreach (var b in bytes[..rune.EncodeToUtf8(bytes)])
            {
                pattern.Append("%(?:25){0,").Append(MaxEscapeDepth - 1).Append('}').Append(Hex(b, 2));
            }

            if (rune.Value == ' ')
            {
                pattern.Append(@"|\+");
            }

            // HTML character references, as a proxy's error page may write them.
            pattern.Append("|&#0*").Append(rune.Value.ToString(CultureInfo.InvariantCulture)).Append(';');
            pattern.Append("|&#[xX]0*").Append(Hex(rune.Value, 0)).Append(';');
            if (NamedReference(rune) is { } name)
            {
                pattern.Append("|&").Append(name).Append(';');
            }

            pattern.Append(')');
        }

        return pattern.ToString();
    }

    private static string Backslashes => @"\\{1," + MaxEscapeDepth.ToString(CultureInfo.InvariantCulture) + "}";

    private static char? ShortEscape(Rune rune) => rune.Value switch
    {
        '"' => '"',
        '\\' => '\\',
        '/' => '/',
        '\b' => 'b',
        '\f' => 'f',
        '\n' => 'n',
        '\r' => 'r',
        '\t' => 't',
        _ => null,
    };

    private static string? NamedReference(Rune rune) => rune.Value switch
    {
        '&' => "amp",
        '<' => "lt",
        '>' => "gt",
        '"' => "quot",
        '\'' => "apos",
        _ => null,
    };

    // Hex digits of value, at least 'digits' of them, each letter matched in either case.
    private static string Hex(int value, int digits)
    {
        var pattern = new StringBuilder();
        foreach (var digit in value.ToString(digits == 0 ? "X" : "X" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
        {
            pattern.Append(char.IsAsciiLetter(digit) ? $"[{digit}{char.ToLowerInvariant(digit)}]" : digit.ToString());
        }

        return pattern.ToString();
    }
}
