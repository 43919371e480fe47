using System.Globalization;
using AuditClient.Cli.Input;
using AuditClient.Scale;

namespace AuditClient.Cli.Commands;

/// <summary>What a check of a whole file found.</summary>
internal sealed record CheckSummary(int Records, int InvalidRecords, int Errors, int Warnings)
{
    public int ValidRecords => Records - InvalidRecords;
}

/// <summary>
/// Reads a file one record at a time (never the whole file), checks each with the SDK's rules and prints every problem
/// on its own line, <c>FILE:LINE: error|warning PATH: RULE</c>, the convention compilers use and editors jump to.
/// </summary>
internal static class Checker
{
    public static CheckSummary Check(CliContext context, string path, RecordKind kind, bool csv, AuditRules rules, CancellationToken cancellationToken)
    {
        int records = 0, invalid = 0, errors = 0, warnings = 0;
        foreach (var record in InputFile.Records(path, csv))
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

                context.Out.WriteLine(Format(path, parsed.Line, problem));
            }
        }

        return new CheckSummary(records, invalid, errors, warnings);
    }

    public static string Format(string path, int line, Problem problem) =>
        string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: {(problem.IsError ? "error" : "warning")} {problem.Path}: {problem.Rule}");

    public static string SummaryLine(string path, RecordKind kind, CheckSummary summary) => string.Create(
        CultureInfo.InvariantCulture,
        $"{path}: {summary.Records} {kind.Name} checked, {summary.ValidRecords} valid, {summary.InvalidRecords} with errors ({Count(summary.Errors, "error")}, {Count(summary.Warnings, "warning")})");

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? string.Empty : "s")}");
}
