using System.Text;

namespace AuditClient.Core.Validation;

/// <summary>
/// The wording of a value outside a documented set of values: the set as the vendor lists it, the value given, and the
/// documented value the caller probably meant when one is a typo away ("did you mean"). Values are compared as the
/// vendors compare them (ordinally); only the suggestion ignores case, so that <c>Error</c> points to <c>error</c>.
/// </summary>
internal static class ValueSet
{
    // A value longer than this is shown cut: a message names the value, it does not carry a document.
    private const int MaxShownLength = 64;

    /// <summary>Whether <paramref name="value"/> is one of <paramref name="values"/>, compared ordinally.</summary>
    public static bool Contains(IReadOnlyList<string> values, string value)
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (string.Equals(values[i], value, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The rule a value outside the set breaks, such as <c>must be one of 'comment', 'error', 'flag' or 'confirmation',
    /// not 'eror' (did you mean 'error'?)</c>.
    /// </summary>
    public static string MustBe(IReadOnlyList<string> values, string given) =>
        $"must be {(values.Count > 2 ? "one of " : string.Empty)}{Listed(values)}, not {Quoted(given)}{DidYouMean(given, values)}";

    /// <summary>The values in the vendor's order, quoted: <c>'a'</c>, <c>'a' or 'b'</c>, <c>'a', 'b' or 'c'</c>.</summary>
    public static string Listed(IReadOnlyList<string> values)
    {
        var text = new StringBuilder();
        for (var i = 0; i < values.Count; i++)
        {
            text.Append(i == 0 ? string.Empty : i == values.Count - 1 ? " or " : ", ").Append('\'').Append(values[i]).Append('\'');
        }

        return text.ToString();
    }

    /// <summary><c> (did you mean 'x'?)</c> when a documented value is close to <paramref name="given"/>; empty otherwise.</summary>
    public static string DidYouMean(string given, IReadOnlyList<string> values) =>
        Nearest(given, values, minimumReach: 1) is { } nearest ? $" (did you mean '{nearest}'?)" : string.Empty;

    /// <summary>
    /// The candidate <paramref name="given"/> was probably meant to be: the nearest by edit distance (ignoring case; a
    /// transposition is one edit), when at most a third of its length away, and never less than
    /// <paramref name="minimumReach"/>. The first of equally near candidates; <see langword="null"/> when none is near.
    /// </summary>
    public static string? Nearest(string given, IEnumerable<string> candidates, int minimumReach)
    {
        var reach = Math.Max(minimumReach, given.Length / 3);
        string? best = null;
        var bestDistance = reach + 1;
        foreach (var candidate in candidates)
        {
            var distance = Distance(given, candidate, bestDistance - 1);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    /// <summary>
    /// The optimal-string-alignment distance (Levenshtein plus transposition of neighbours), case-insensitive; any value
    /// above <paramref name="limit"/> when the lengths alone differ by more, which spares a long value the whole table.
    /// </summary>
    internal static int Distance(string a, string b, int limit)
    {
        if (Math.Abs(a.Length - b.Length) > limit)
        {
            return limit + 1;
        }

        // Three rows: the one before the previous is needed for a transposition.
        var before = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                var distance = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                {
                    distance = Math.Min(distance, before[j - 2] + 1);
                }

                current[j] = distance;
            }

            (before, previous, current) = (previous, current, before);
        }

        return previous[b.Length];
    }

    private static bool Same(char x, char y) => char.ToUpperInvariant(x) == char.ToUpperInvariant(y);

    /// <summary>
    /// The value as a message shows it: quoted, a lone surrogate written as its <c>\uXXXX</c> escape (so the message can
    /// be written as UTF-8), and a long value cut.
    /// </summary>
    public static string Quoted(string value)
    {
        var shown = value.Length > MaxShownLength ? value[..MaxShownLength] : value;
        if (!Violations.IsValidUtf16(shown))
        {
            shown = Violations.Escaped(shown);
        }

        return value.Length > MaxShownLength ? $"'{shown}...' ({value.Length} characters)" : $"'{shown}'";
    }
}
