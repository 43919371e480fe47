namespace AuditClient.Cli;

/// <summary>
/// The exit codes of <c>auditclient</c>, each with one meaning, documented in docs/cli.md and in <c>auditclient --help</c>
/// (<see cref="Help"/>); <see cref="Reason"/> names each in <c>--summary-json</c>.
/// </summary>
internal static class ExitCodes
{
    /// <summary>Everything succeeded (warnings do not count).</summary>
    public const int Ok = 0;

    /// <summary>
    /// A vendor refused or failed records, or a call failed (a task Scale does not know, a page that could not be read);
    /// also when records were both invalid and failed at the vendor.
    /// </summary>
    public const int Failed = 1;

    /// <summary>
    /// The command line or its surroundings are wrong: unknown command or option, a missing or unreadable input file, a
    /// file of the wrong format, a resume token that cannot be decoded, a journal that cannot be used (refused before
    /// sending) or written (during the run).
    /// </summary>
    public const int Usage = 2;

    /// <summary>The configuration is missing or invalid: no API key for the vendor, a bad setting, an unreadable <c>--config</c> file.</summary>
    public const int Configuration = 3;

    /// <summary>Interrupted (Ctrl+C, SIGTERM or SIGHUP): what was in flight finished, what was not sent is reported.</summary>
    public const int Interrupted = 4;

    /// <summary>
    /// Invalid records and no vendor failure: validate found errors, submit refused to send, or submit skipped the invalid
    /// records (<c>--skip-invalid</c>) and every record it sent succeeded.
    /// </summary>
    public const int Invalid = 5;

    /// <summary><c>--max-failures</c> sends in a row failed without an answer from the vendor: the rest was not sent.</summary>
    public const int Stopped = 6;

    /// <summary>Nothing to work on: the input file holds no records, or the project has no tasks.</summary>
    public const int Empty = 7;

    public const string Help =
        "Exit codes: 0 ok; 1 failed at the vendor (or a call failed; also when records were both invalid and failed); "
        + "2 usage (unknown command or option, missing, unreadable or wrong-format file, a resume token that cannot be decoded, a journal that cannot be used or written); "
        + "3 configuration (no API key, bad setting, unreadable --config); 4 interrupted (Ctrl+C, SIGTERM or SIGHUP; a second signal ends at once); "
        + "5 invalid records (validate found errors; submit sent nothing, or skipped them and sent the rest successfully); "
        + "6 stopped by --max-failures; 7 empty (no records in the file, no tasks in the project).";

    /// <summary>The word for an exit code in <c>--summary-json</c>'s <c>exit_reason</c>: a closed set, one per code.</summary>
    public static string Reason(int code) => code switch
    {
        Ok => "ok",
        Failed => "failed",
        Usage => "usage",
        Configuration => "configuration",
        Interrupted => "interrupted",
        Invalid => "invalid",
        Stopped => "stopped",
        Empty => "empty",
        _ => "failed",
    };
}
