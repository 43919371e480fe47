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

    // Each character JSON writes as a short escape, and that escape under one to four levels of JSON.
    [TestCase("\"", "\\\"")]
    [TestCase("\\", "\\\\")]
    [TestCase("/", "\\/")]
    [TestCase("\b", "\\b")]
    [TestCase("\f", "\\f")]
    [TestCase("\n", "\\n")]
    [TestCase("\r", "\\r")]
    [TestCase("\t", "\\t")]
    [TestCase("/", "\\\\/")]
    [TestCase("/", "\\\\\\\\/")]
    public void A_character_in_its_JSON_short_escape_is_redacted(string character, string escaped)
    {
        var redactor = new Redactor(["key" + character + "9f3a"]);

        Assert.That(redactor.Redact($"echo: key{escaped}9f3a."), Is.EqualTo("echo: [redacted]."));
    }

    [TestCase("&", "&amp;")]
    [TestCase("<", "&lt;")]
    [TestCase(">", "&gt;")]
    [TestCase("\"", "&quot;")]
    [TestCase("'", "&apos;")]
    [TestCase("/", "&#47;")]
    [TestCase("/", "&#0047;")]
    [TestCase("/", "&#x2f;")]
    [TestCase("/", "&#X2F;")]
    [TestCase("/", "&#x002F;")]
    public void A_character_as_an_HTML_character_reference_is_redacted(string character, string reference)
    {
        var redactor = new Redactor(["key" + character + "9f3a"]);

        Assert.That(redactor.Redact($"<p>key{reference}9f3a</p>"), Is.EqualTo("<p>[redacted]</p>"));
    }

    [TestCase("%2F")]
    [TestCase("%2f")]
    [TestCase("%252F")]
    [TestCase("%25252F")]
    [TestCase("%2525252F")]
    public void A_character_percent_encoded_up_to_four_times_is_redacted(string encoded)
    {
        var redactor = new Redactor(["key/9f3a"]);

        Assert.That(redactor.Redact($"?q=key{encoded}9f3a&x=1"), Is.EqualTo("?q=[redacted]&x=1"));
    }

    [Test]
    public void Encodings_deeper_than_the_bound_are_left_so_that_scanning_stays_linear()
    {
        var redactor = new Redactor(["key/9f3a"]);
        var fiveTimes = "key%252525252F9f3a";
        var fiveBackslashes = "key" + new string('\\', 5) + "/9f3a";

        Assert.That(redactor.Redact(fiveTimes), Is.EqualTo(fiveTimes));
        Assert.That(redactor.Redact(fiveBackslashes), Is.EqualTo(fiveBackslashes));
    }

    [Test]
    public void A_plus_stands_for_a_space_and_for_nothing_else()
    {
        Assert.That(new Redactor(["key 9f3a"]).Redact("key+9f3a"), Is.EqualTo("[redacted]"));
        Assert.That(new Redactor(["key-9f3a"]).Redact("key+9f3a"), Is.EqualTo("key+9f3a"));
    }

    [Test]
    public void A_key_read_with_white_space_around_it_is_redacted_with_and_without_it()
    {
        var redactor = new Redactor([" sk_live_91bd\n"]);

        Assert.That(redactor.Redact("echo 'sk_live_91bd' and ' sk_live_91bd\n'"), Is.EqualTo("echo '[redacted]' and '[redacted]'"));
    }

    [Test]
    public void Keys_of_different_lengths_are_each_redacted_wherever_they_appear()
    {
        var redactor = new Redactor(["k1", "a-much-longer-key-0042", "mid/key"]);

        Assert.That(
            redactor.Redact("k1 a-much-longer-key-0042 mid%2Fkey k2 mid/ke"),
            Is.EqualTo("[redacted] [redacted] [redacted] k2 mid/ke"));
    }

    [Test]
    public void Without_secrets_every_text_is_returned_as_it_is()
    {
        var text = "no key here";

        using (Assert.EnterMultipleScope())
        {
            Assert.That(Redactor.None.Redact(text), Is.SameAs(text));
            Assert.That(new Redactor([]).Redact(text), Is.SameAs(text));
            Assert.That(new Redactor(["", ""]).Redact(text), Is.SameAs(text), "an empty key is no secret");
            Assert.That(Redactor.None.Redact(null), Is.Null);
            Assert.That(new Redactor(["k1"]).Redact(null), Is.Null);
            Assert.That(new Redactor(["k1"]).Redact(string.Empty), Is.Empty);
        }
    }

    [Test]
    public void A_text_without_a_secret_is_returned_as_it_is()
    {
        var text = "no key here: sk/live key=9f3a";

        Assert.That(new Redactor(Keys).Redact(text), Is.SameAs(text));
    }
}
