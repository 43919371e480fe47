using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditClient.Core.Errors;

namespace AuditClient.Tests.Core;

/// <summary>
/// The one redaction function, over keys made of the characters that encoders change, and the encoders a vendor or a
/// proxy may have used to echo them: each encoded key is gone from the text, and the text around it stays.
/// </summary>
public sealed class RedactorTests
{
    private static readonly string[] Keys =
    [
        "sk/live+key=9f3a",
        "k\"ey\\with/quote<&>'",
        "clé-ünïcødé/😀+",
        "key with spaces+and%percent",
    ];

    private static readonly Dictionary<string, Func<string, string>> Encoders = new()
    {
        ["as is"] = s => s,
        ["System.Text.Json, default encoder"] = s => JsonSerializer.Serialize(s)[1..^1],
        ["System.Text.Json, relaxed encoder"] = s => JsonSerializer.Serialize(s, new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })[1..^1],
        ["JSON with \\/ and lower-case \\u hex for every other character"] = s => string.Concat(s.Select(c =>
            c == '/' ? "\\/" : char.IsAsciiLetterOrDigit(c) ? c.ToString() : $"\\u{(int)c:x4}")),
        ["JSON in a JSON string"] = s => JsonSerializer.Serialize(JsonSerializer.Serialize(s)[1..^1])[1..^1],
        ["Uri.EscapeDataString"] = Uri.EscapeDataString,
        ["percent-encoding, lower-case hex"] = s => string.Concat(Encoding.UTF8.GetBytes(s).Select(b =>
            char.IsAsciiLetterOrDigit((char)b) ? ((char)b).ToString() : $"%{b:x2}")),
        ["WebUtility.UrlEncode (space as +)"] = WebUtility.UrlEncode,
        ["percent-encoded twice"] = s => Uri.EscapeDataString(Uri.EscapeDataString(s)),
        ["WebUtility.HtmlEncode"] = WebUtility.HtmlEncode,
        ["HTML decimal references"] = s => string.Concat(s.EnumerateRunes().Select(r => Rune.IsLetterOrDigit(r) ? r.ToString() : $"&#{r.Value};")),
    };

    public static IEnumerable<TestCaseData> Cases() =>
        from key in Keys
        from encoder in Encoders
        select new TestCaseData(key, encoder.Key).SetArgDisplayNames(key, encoder.Key);

    [TestCaseSource(nameof(Cases))]
    public void Every_form_of_a_key_is_redacted_and_the_text_around_it_kept(string key, string encoder)
    {
        var encoded = Encoders[encoder](key);
        var redactor = new Redactor([key]);

        Assert.That(redactor.Redact($"before {encoded} after {encoded}."), Is.EqualTo("before [redacted] after [redacted]."));
    }

    [Test]
    public void A_longer_secret_that_begins_with_a_shorter_one_is_redacted_whole()
    {
        var redactor = new Redactor(["c2VjcmV0Og", "c2VjcmV0Og=="]);

        Assert.That(redactor.Redact("Basic c2VjcmV0Og== and c2VjcmV0Og"), Is.EqualTo("Basic [redacted] and [redacted]"));
    }

    [Test]
    public void A_text_without_a_secret_is_returned_as_it_is()
    {
        var text = "no key here: sk/live key=9f3a";

        Assert.That(new Redactor(Keys).Redact(text), Is.SameAs(text));
    }
}
