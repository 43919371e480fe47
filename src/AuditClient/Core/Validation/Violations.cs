using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AuditClient.Core.Validation;

/// <summary>
/// Collects the violations of one input so that all of them are reported together: errors (refused before sending)
/// and warnings (sent, and logged). Each vendor writes its rules once, as a method that fills a collector; the SDK runs
/// it before sending and exposes it for validating without sending.
/// </summary>
internal sealed class Violations
{
    private List<ValidationViolation>? _items;
    private int _errors;

    // The paths of values of the wrong JSON kind (and of the members left out with them): each is reported once, by
    // its kind, and no other rule speaks of it (a review_score of "high" is not also "required").
    private HashSet<string>? _wrongKinds;

    public IReadOnlyList<ValidationViolation> Items => (IReadOnlyList<ValidationViolation>?)_items ?? [];

    public bool AnyWarnings => _items is not null && _items.Count > _errors;

    /// <summary>A rule whose break the vendor would refuse.</summary>
    public void Add(string path, string rule)
    {
        if (_wrongKinds is not null && _wrongKinds.Contains(path))
        {
            return;
        }

        (_items ??= []).Add(new ValidationViolation(path, rule));
        _errors++;
    }

    /// <summary>
    /// A value of the wrong JSON kind (<c>must be a number</c>), refused; from then on no other rule is reported at
    /// <paramref name="path"/> nor at <paramref name="cutPath"/>, the member left out with it, which the record was read
    /// without.
    /// </summary>
    public void WrongKind(string path, string rule, string? cutPath = null)
    {
        Add(path, rule);
        _wrongKinds ??= new HashSet<string>(StringComparer.Ordinal);
        _wrongKinds.Add(path);
        if (cutPath is not null)
        {
            _wrongKinds.Add(cutPath);
        }
    }

    /// <summary>Whether a value of the wrong kind was reported at <paramref name="path"/>.</summary>
    public bool IsWrongKind(string path) => _wrongKinds is not null && _wrongKinds.Contains(path);

    /// <summary>A rule the vendor accepts to see broken, but marks or ignores; refused when <paramref name="refuse"/>.</summary>
    public void Warn(string path, string rule, bool refuse = false)
    {
        if (_wrongKinds is not null && _wrongKinds.Contains(path))
        {
            return;
        }

        if (refuse)
        {
            Add(path, rule);
            return;
        }

        (_items ??= []).Add(new ValidationViolation(path, rule) { Severity = ValidationSeverity.Warning });
    }

    public void Required(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(path, "is required");
        }
    }

    public void AbsoluteUrl(string? value, string path)
    {
        if (value is not null && !IsAbsoluteUrl(value))
        {
            Add(path, "must be an absolute URL");
        }
    }

    // On Unix, Uri also takes a rooted path such as "/annotate/1" for an absolute file URI: only a scheme written out
    // makes a URL absolute.
    public static bool IsAbsoluteUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (!uri.IsFile || value.StartsWith("file:", StringComparison.OrdinalIgnoreCase));

    public void NotNegative(double? value, string path)
    {
        if (value is { } v && (double.IsNaN(v) || v < 0))
        {
            Add(path, "must not be negative");
        }
    }

    public void Finite(double value, string path)
    {
        if (!double.IsFinite(value))
        {
            Add(path, FiniteRule);
        }
    }

    /// <summary>
    /// The rule of an id that the SDK puts in a URL path segment: <c>.</c> and <c>..</c> are dot segments (the URI
    /// resolves them, so <c>/v1/task/../audit</c> reaches <c>/v1/audit</c>), and <c>/</c>, <c>\</c>, <c>?</c> and
    /// <c>#</c> end a segment or a path for the servers and proxies that decode an escaped one. No vendor issues such an
    /// id, so none of them is ever legal. An escape such as <c>%2e%2e</c> is sent escaped again (<c>%252e%252e</c>):
    /// it stays inside its segment and is left to the vendor.
    /// </summary>
    public void PathId(string? value, string path)
    {
        if (value is not null && IsPathHostile(value))
        {
            Add(path, PathIdRule);
        }
    }

    /// <summary>
    /// The rules of a call whose only input is an id put in a URL path (required, <see cref="PathId"/>,
    /// <see cref="Text"/>): checked without a collector, which a valid call (nearly all of them) then never allocates.
    /// </summary>
    public static void ThrowIfNotPathId(string? value, string path)
    {
        if (string.IsNullOrWhiteSpace(value) || IsPathHostile(value) || !IsValidUtf16(value))
        {
            var violations = new Violations();
            violations.Required(value, path);
            violations.PathId(value, path);
            violations.Text(value, path);
            violations.ThrowIfAny();
        }
    }

    private const string PathIdRule = "must not be '.' or '..' nor contain '/', '\\', '?' or '#' (it is sent in the URL path)";

    private static bool IsPathHostile(string value) => value is "." or ".." || value.AsSpan().IndexOfAny(@"/\?#") >= 0;

    /// <summary>
    /// Text the SDK sends: UTF-8 cannot carry a lone surrogate (the encoder writes U+FFFD in its place), so two
    /// different strings would reach the vendor as one.
    /// </summary>
    public void Text(string? value, string path)
    {
        if (value is not null && !IsValidUtf16(value))
        {
            Add(path, LoneSurrogateRule);
        }
    }

    /// <summary>Each key and string of free-form JSON, and each number a program put in it (JSON text holds no NaN).</summary>
    public void Json(JsonNode? node, string path)
    {
        // A first pass that builds no path: valid JSON (nearly all of it) then costs no string.
        if (!Walk(node, null))
        {
            Walk(node, path);
        }
    }

    /// <summary>
    /// Each key and value of an object's unknown members, kept to be sent back as they came: JSON read as text may
    /// escape a lone surrogate (<c>"\ud800"</c>), which the vendor would read as U+FFFD or refuse.
    /// </summary>
    public void Json(IDictionary<string, JsonElement>? members, string path)
    {
        if (members is not { Count: > 0 } || Walk(members, null))
        {
            return;
        }

        Walk(members, path);
    }

    // Walks JSON and reports what cannot be sent under path; with no path, only says whether all of it can (stopping at
    // the first that cannot) and reports nothing.
    private bool Walk(JsonNode? node, string? path)
    {
        var clean = true;
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    var at = MemberOrNull(path, key);
                    clean &= Check(IsValidUtf16(key), at, LoneSurrogateRule) & Walk(value, at);
                    if (!clean && path is null)
                    {
                        return false;
                    }
                }

                return clean;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    clean &= Walk(array[i], Index(path, i));
                    if (!clean && path is null)
                    {
                        return false;
                    }
                }

                return clean;
            case JsonValue value:
                // A value read from JSON first: reading its text would throw for an escaped lone surrogate.
                if (value.TryGetValue<JsonElement>(out var element))
                {
                    return Walk(element, path);
                }

                if (value.TryGetValue<string>(out var text))
                {
                    return Check(IsValidUtf16(text), path, LoneSurrogateRule);
                }

                // A char is written as a one-character string, and a lone surrogate of it as U+FFFD.
                if (value.TryGetValue<char>(out var unit))
                {
                    return Check(!char.IsSurrogate(unit), path, LoneSurrogateRule);
                }

                // A value answers only to its own type: each floating-point type the serializer writes is asked for.
                return Check(
                    !(value.TryGetValue<double>(out var number) && !double.IsFinite(number))
                        && !(value.TryGetValue<float>(out var single) && !float.IsFinite(single))
                        && !(value.TryGetValue<Half>(out var half) && !Half.IsFinite(half)),
                    path,
                    FiniteRule);
            default:
                return true;
        }
    }

    private bool Walk(JsonElement element, string? path)
    {
        var clean = true;
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    clean &= TryGetName(property, out var key)
                        ? Walk(property.Value, MemberOrNull(path, key))
                        : Check(false, MemberOrNull(path, "?"), LoneSurrogateRule);
                    if (!clean && path is null)
                    {
                        return false;
                    }
                }

                return clean;
            case JsonValueKind.Array:
                var i = 0;
                foreach (var item in element.EnumerateArray())
                {
                    clean &= Walk(item, Index(path, i++));
                    if (!clean && path is null)
                    {
                        return false;
                    }
                }

                return clean;
            case JsonValueKind.String:
                return Check(TryGetString(element), path, LoneSurrogateRule);
            default:
                return true;
        }
    }

    private bool Walk(IDictionary<string, JsonElement> members, string? path)
    {
        var clean = true;
        foreach (var (key, value) in members)
        {
            var at = MemberOrNull(path, key);
            clean &= Check(IsValidUtf16(key), at, LoneSurrogateRule) & Walk(value, at);
            if (!clean && path is null)
            {
                return false;
            }
        }

        return clean;
    }

    // Reports the rule under path when not ok (and a path is given); returns ok.
    private bool Check(bool ok, string? path, string rule)
    {
        if (!ok && path is not null)
        {
            Add(path, rule);
        }

        return ok;
    }

    /// <summary>
    /// Whether <paramref name="text"/> is well-formed UTF-16 (every surrogate in a pair), so that UTF-8 can carry it.
    /// </summary>
    public static bool IsValidUtf16(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The path of a member named <paramref name="key"/>: a lone surrogate in the key is written as its <c>\\uXXXX</c>
    /// escape, so that the message can be printed and written as UTF-8 and still say which key it is.
    /// </summary>
    public static string Member(string path, string key) => MemberOrNull(path, key)!;

    private static string? MemberOrNull(string? path, string key)
    {
        if (path is null)
        {
            return null;
        }

        var name = IsValidUtf16(key) ? key : Escaped(key);
        return path.Length == 0 ? name : path + "." + name;
    }

    private static string? Index(string? path, int index) =>
        path is null ? null : string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    private const string LoneSurrogateRule = "must not contain a lone surrogate (UTF-8 cannot carry it: it would be sent as U+FFFD)";

    private const string FiniteRule = "must be a finite number";

    // System.Text.Json refuses to unescape a lone surrogate ("\\ud800").
    private static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = string.Empty;
            return false;
        }
    }

    private static bool TryGetString(JsonElement element)
    {
        try
        {
            _ = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>The text with each lone surrogate written as its <c>\\uXXXX</c> escape.</summary>
    internal static string Escaped(string key)
    {
        var text = new StringBuilder(key.Length + 8);
        for (var i = 0; i < key.Length; i++)
        {
            if (char.IsHighSurrogate(key[i]) && i + 1 < key.Length && char.IsLowSurrogate(key[i + 1]))
            {
                text.Append(key, i++, 2);
            }
            else if (char.IsSurrogate(key[i]))
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)key[i]:X4}");
            }
            else
            {
                text.Append(key[i]);
            }
        }

        return text.ToString();
    }

    /// <summary>Throws <see cref="AuditValidationException"/>, listing the errors, when any was collected; warnings alone pass.</summary>
    public void ThrowIfAny()
    {
        if (_errors > 0)
        {
            throw new AuditValidationException(_errors == _items!.Count ? _items : [.. _items.Where(v => v.Severity == ValidationSeverity.Error)]);
        }
    }

    /// <summary>The warnings, for the log of a call that sends.</summary>
    public IEnumerable<ValidationViolation> Warnings => Items.Where(v => v.Severity == ValidationSeverity.Warning);
}
