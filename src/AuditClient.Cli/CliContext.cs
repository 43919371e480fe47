using System.Collections;
using Spectre.Console;

namespace AuditClient.Cli;

/// <summary>
/// Where a command writes and what it knows of its surroundings: the process's console and environment in the tool,
/// captured writers and a virtual console in tests.
/// </summary>
internal sealed class CliContext
{
    public required TextWriter Out { get; init; }

    public required TextWriter Error { get; init; }

    /// <summary>The views asked for (tables of <c>audits list</c> and <c>quality</c>); writes to <see cref="Out"/>. No ANSI when output is redirected or NO_COLOR is set.</summary>
    public required IAnsiConsole Console { get; init; }

    /// <summary>
    /// The live progress bar and the summary table of <c>submit</c>; writes to <see cref="Error"/>, so that standard output
    /// carries data only. No ANSI when standard error is redirected or NO_COLOR is set.
    /// </summary>
    public required IAnsiConsole ErrorConsole { get; init; }

    /// <summary>Whether <see cref="Error"/> is a terminal: a live progress bar then, plain periodic lines otherwise.</summary>
    public required bool Interactive { get; init; }

    /// <summary>The environment variables (only the <c>AuditClients__</c> ones are read).</summary>
    public required IReadOnlyDictionary<string, string?> Environment { get; init; }

    /// <summary>
    /// Removes the configured API keys, in every form a vendor may echo them in, from text that came from a vendor
    /// before it is written to the console or a file; set when the configuration is read.
    /// </summary>
    public AuditClient.Core.Errors.Redactor Redactor { get; set; } = AuditClient.Core.Errors.Redactor.None;

    /// <summary>How often the plain progress line is written when output is redirected.</summary>
    public TimeSpan PlainProgressInterval { get; init; } = TimeSpan.FromSeconds(2);

    public static CliContext FromProcess()
    {
        var environment = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            environment[(string)entry.Key] = entry.Value as string;
        }

        var noColor = !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("NO_COLOR"));
        var error = TextWriter.Synchronized(new Output.DiagnosticsWriter(System.Console.Error));
        var errorRedirected = System.Console.IsErrorRedirected;
        var errorConsole = Ansi(error, errorRedirected, noColor);
        return new CliContext
        {
            Out = System.Console.Out,
            Error = error,
            Console = Ansi(System.Console.Out, System.Console.IsOutputRedirected, noColor),
            ErrorConsole = errorConsole,
            Interactive = !errorRedirected && errorConsole.Profile.Capabilities.Interactive,
            Environment = environment,
        };
    }

    private static IAnsiConsole Ansi(TextWriter writer, bool redirected, bool noColor) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = redirected || noColor ? AnsiSupport.No : AnsiSupport.Detect,
        ColorSystem = redirected || noColor ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
        Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
    });
}
