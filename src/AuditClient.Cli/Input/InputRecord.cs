namespace AuditClient.Cli.Input;

/// <summary>
/// One record of an input file: its line (from 1, where the record starts) and its JSON in the vendor's wire format,
/// or, when the line cannot be read at all (malformed CSV), the problem that says why.
/// </summary>
internal readonly record struct InputRecord(int Line, string? Json, Problem? ReadProblem);

/// <summary>One problem of one line, printed <c>FILE:LINE: error|warning PATH: RULE</c>.</summary>
internal sealed record Problem(bool IsError, string Path, string Rule);
