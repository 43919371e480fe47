using System.Globalization;
using System.Text.RegularExpressions;
using AuditClient.Cli.Input;
using AuditClient.Scale;

namespace AuditClient.Cli.Commands;

/// <summary>What a check of a whole file found; <see cref="ByRule"/> counts every problem by rule, in the order first seen.</summary>
internal sealed record CheckSummary(int Records, int InvalidRecords, int Errors, int Warnings, IReadOnlyList<RuleCount> ByRule)
{
    public int ValidRecords => Records - InvalidRecords;
}

/// <summary>How many problems of one rule a file has: the wire path with its indexes removed (<c>feedback_items[].type</c>) and the rule.</summary>
internal sealed record RuleCount(bool IsError, string Rule, int Count)
{
    public string Severity => IsError ? "error" : "warning";
}

/// <summary>
/// Reads a file one record at a time (never the whole file), checks each with the SDK's rules and prints problems on
/// standard error, each on its own line, <c>FILE:LINE: error|warning PATH: RULE</c>, the convention compilers use and
/// editors jump to: the first <c>--max-problems</c> of them, then the rest counted by rule.
/// </summary>
internal static partial class Checker
{
    /// <summary>The default of <c>--max-problems</c>.</summary>
    public const int DefaultMaxProblems = 100;

    public static CheckSummary Check(CliContext context, string path, RecordKind kind, bool csv, AuditRules rules, CancellationToken cancellationToken, int maxProblems = DefaultMaxProblems)
    {
        int records = 0, invalid = 0, errors = 0, warnings = 0, printed = 0;
        var byRule = new Dictionary<(bool IsError, string Rule), (int All, int NotPrinted)>();
        foreach (var record in Records(path, kind, csv))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var parsed = kind.Parse(record, rules);
            records++;
            if (parsed.HasError)
            {
                invalid++;
            }

            foreach (var problem in parsed.Problems)
            {
                if (problem.IsError)
                {
                    errors++;
                }
                else
                {
                    warnings++;
                }

                var rule = (problem.IsError, Pattern(problem));
                var counts = byRule.GetValueOrDefault(rule);
                if (printed < maxProblems)
                {
                    printed++;
                    context.Error.WriteLine(Format(path, parsed.Line, problem));
                    byRule[rule] = (counts.All + 1, counts.NotPrinted);
                }
                else
                {
                    byRule[rule] = (counts.All + 1, counts.NotPrinted + 1);
                }
            }
        }

        var rest = errors + warnings - printed;
        if (rest > 0)
        {
            context.Error.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"{path}: {N(rest)} more {(rest == 1 ? "problem" : "problems")} not printed (--max-problems {maxProblems}; --max-problems all prints every one), by rule:"));
            foreach (var ((isError, rule), counts) in byRule.Where(r => r.Value.NotPrinted > 0).OrderByDescending(r => r.Value.NotPrinted))
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {N(counts.NotPrinted)} {(isError ? "error" : "warning")} {rule}"));
            }
        }

        return new CheckSummary(records, invalid, errors, warnings, [.. byRule.Select(r => new RuleCount(r.Key.IsError, r.Key.Rule, r.Value.All))]);
    }

    public static string Format(string path, int line, Problem problem) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: {(problem.IsError ? "error" : "warning")} {problem.Path}: {problem.Rule}");

    public static string SummaryLine(string path, RecordKind kind, CheckSummary summary) => string.Create(
        CultureInfo.InvariantCulture,
        $"{path}: {summary.Records} {kind.Name} checked, {summary.ValidRecords} valid, {summary.InvalidRecords} with errors ({Count(summary.Errors, "error")}, {Count(summary.Warnings, "warning")})");

    /// <summary>What an input without a record is told, on standard error; its exit code is <see cref="ExitCodes.Empty"/>.</summary>
    public static string EmptyLine(string path, RecordKind kind) =>
        $"{path}: holds no {kind.Name} (the file is empty or has blank lines only); nothing was checked or sent.";

    // A file of JSON lines whose first record is not a JSON object is of another format: said once, not once per line.
    private static IEnumerable<InputRecord> Records(string path, RecordKind kind, bool csv)
    {
        if (csv)
        {
            return InputFile.Records(path, csv);
        }

        if (!kind.SupportsCsv && path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            throw CliException.Usage($"{path}: is a .csv file; {kind.Name} are JSON lines only (one JSON object per line, the body of PUT /v1/audits).");
        }

        return FirstIsJson(path, kind, InputFile.Records(path, csv));
    }

    private static IEnumerable<InputRecord> FirstIsJson(string path, RecordKind kind, IEnumerable<InputRecord> records)
    {
        var first = true;
        foreach (var record in records)
        {
            if (first && record.Json is { } json && !json.AsSpan().TrimStart().TrimStart('\uFEFF').StartsWith("{", StringComparison.Ordinal))
            {
                throw CliException.Usage(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{path}:{record.Line}: is not a JSON object, so the file is not JSON lines; {kind.Name} are {(kind.SupportsCsv ? "JSON lines, or CSV with --format csv or a .csv name" : "JSON lines only (one JSON object per line, the body of PUT /v1/audits)")}."));
            }

            first = false;
            yield return record;
        }
    }

    // feedback_items[12].scope.type -> feedback_items[].scope.type: one rule, however many items break it.
    private static string Pattern(Problem problem) => Index().Replace(problem.Path, "[]") + ": " + problem.Rule;

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);
}
