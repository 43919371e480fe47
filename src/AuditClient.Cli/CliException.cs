namespace AuditClient.Cli;

/// <summary>A failure the user can act on: its message is printed as is (no stack trace) and it ends with its exit code.</summary>
internal sealed class CliException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;

    public static CliException Usage(string message) => new(ExitCodes.Usage, message);

    public static CliException Configuration(string message) => new(ExitCodes.Configuration, message);
}
