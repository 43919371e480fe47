namespace AuditClient.Cli;

/// <summary>The exit codes of <c>auditclient</c>, documented in the README and in <c>auditclient --help</c>.</summary>
internal static class ExitCodes
{
    /// <summary>Everything succeeded (warnings do not count).</summary>
    public const int Ok = 0;

    /// <summary>Some items are invalid or failed at the vendor, or a call failed.</summary>
    public const int Failed = 1;

    /// <summary>
    /// The command line or its surroundings are wrong: unknown command or option, a missing or unreadable input file, an
    /// option not available yet, a journal that cannot be used (refused before sending) or written (during the run).
    /// </summary>
    public const int Usage = 2;

    /// <summary>The configuration is missing or invalid: no API key for the vendor, a bad setting, an unreadable <c>--config</c> file.</summary>
    public const int Configuration = 3;

    /// <summary>Interrupted (Ctrl+C, SIGTERM or SIGHUP): what was in flight finished, what was not sent is reported.</summary>
    public const int Interrupted = 4;
}
