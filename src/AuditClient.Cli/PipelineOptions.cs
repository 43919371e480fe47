using System.CommandLine;
using System.CommandLine.Invocation;
using System.Globalization;
using System.Reflection;
using AuditClient.Cli.Commands;

namespace AuditClient.Cli;

/// <summary>The options that fit the tool into a pipeline: a summary a program reads, bounded problem output, a stop when the vendor cannot be reached.</summary>
internal static class PipelineOptions
{
    /// <summary>The default of <c>--max-failures</c>.</summary>
    public const int DefaultMaxFailures = 50;

    public static Option<string?> SummaryJson() => new("--summary-json")
    {
        Description = "Write one JSON object to FILE when the command ends, however it ends (also when interrupted or stopped): "
            + "the counts, elapsed_seconds, rate (records/s), exit_code and exit_reason (ok, failed, usage, configuration, interrupted, invalid, stopped, empty). "
            + "Written to a temporary file that then replaces FILE.",
        HelpName = "FILE",
    };

    public static Option<int> MaxProblems()
    {
        var option = new Option<int>("--max-problems")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Print the first N problem lines, then the rest counted by rule; 0 prints none, all prints every one. Default {Checker.DefaultMaxProblems}. The exit code does not depend on it."),
            HelpName = "N|all",
            DefaultValueFactory = _ => Checker.DefaultMaxProblems,
            CustomParser = result =>
            {
                var text = result.Tokens is [{ } token] ? token.Value : string.Empty;
                if (string.Equals(text, "all", StringComparison.OrdinalIgnoreCase))
                {
                    return int.MaxValue;
                }

                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                {
                    return n;
                }

                result.AddError($"--max-problems: must be a number of 0 or more, or all (was '{text}').");
                return 0;
            },
        };
        return option;
    }

    public static Option<int> MaxFailures()
    {
        var option = new Option<int>("--max-failures")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"Stop sending after N sends in a row failed without an answer from the vendor (connection refused, unreachable, timed out, after the retries); an answer of any kind, a 4xx included, starts the count again. The sends in flight finish; the rest is reported not_sent (with --journal, the same command sends them later); exit code 6. Default {DefaultMaxFailures}; 0 never stops."),
            HelpName = "N",
            DefaultValueFactory = _ => DefaultMaxFailures,
        };
        option.Validators.Add(r =>
        {
            if (r.Tokens is [{ } token] && int.TryParse(token.Value, out var value) && value < 0)
            {
                r.AddError("--max-failures: must be 0 (never stop) or more.");
            }
        });
        return option;
    }

    /// <summary><c>--version</c> prints the package's version, as <c>dotnet tool list</c> shows it (without the commit).</summary>
    public static void UseVersion(RootCommand root)
    {
        foreach (var option in root.Options.OfType<VersionOption>())
        {
            option.Action = new VersionAction();
        }
    }

    public static string Version
    {
        get
        {
            var informational = typeof(PipelineOptions).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
            var plus = informational.IndexOf('+', StringComparison.Ordinal);
            return plus < 0 ? informational : informational[..plus];
        }
    }

    private sealed class VersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return ExitCodes.Ok;
        }
    }
}
