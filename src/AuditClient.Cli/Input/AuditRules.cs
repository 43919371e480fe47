using System.CommandLine;
using AuditClient.Cli.Hosting;
using AuditClient.Scale;
using Microsoft.Extensions.Configuration;

namespace AuditClient.Cli.Input;

/// <summary>How Scale's rules judge an audit record: the grader policy and the value sets allowed to hold unlisted values.</summary>
internal readonly record struct AuditRules(GraderRulePolicy GraderRules, ScaleValueSets AllowUnlisted)
{
    /// <summary>The configuration key that <c>--allow-unlisted</c> stands in for.</summary>
    public const string AllowUnlistedKey = "AuditClients:Scale:AllowUnlistedValues";

    // The option's names of the value sets, in the order of ScaleValueSets.
    private static readonly (string Name, ScaleValueSets Set)[] Sets =
    [
        ("type", ScaleValueSets.FeedbackItemType),
        ("category", ScaleValueSets.FeedbackItemCategory),
        ("severity", ScaleValueSets.FeedbackItemSeverity),
        ("missing-annotation-type", ScaleValueSets.MissingAnnotationType),
    ];

    /// <summary>
    /// <c>--allow-unlisted SET[,SET...]</c>, repeatable. Each value is checked as <c>AcceptOnlyFromAmong</c> would, but
    /// after splitting at commas, which that check does not do; the values are still offered as completions.
    /// </summary>
    public static Option<string[]> AllowUnlistedOption()
    {
        var option = new Option<string[]>("--allow-unlisted")
        {
            Description = "Value sets whose values outside Scale's documented ones are sent with a warning instead of refused "
                + "(for a value Scale added after this version): type, category, severity, missing-annotation-type, separated by commas. "
                + $"Default: {AllowUnlistedKey} from the configuration, else none.",
            HelpName = "SET[,SET...]",
        };
        option.CompletionSources.Add([.. Sets.Select(s => s.Name)]);
        option.Validators.Add(result =>
        {
            foreach (var name in result.Tokens.SelectMany(t => Split(t.Value)))
            {
                if (!Sets.Any(s => s.Name == name))
                {
                    result.AddError($"--allow-unlisted: '{name}' is not one of {string.Join(", ", Sets.Select(s => s.Name))}.");
                }
            }
        });
        return option;
    }

    /// <summary>The configuration value that the option's values stand for, such as <c>FeedbackItemType, FeedbackItemCategory</c>; <see langword="null"/> without the option.</summary>
    public static string? ConfigurationValue(string[]? option)
    {
        var names = option?.SelectMany(Split).ToList();
        return names is { Count: > 0 } ? string.Join(", ", Sets.Where(s => names.Contains(s.Name)).Select(s => s.Set.ToString())) : null;
    }

    /// <summary>The value sets allowed by the option when given, else by the configuration (names separated by commas, as the SDK binds them).</summary>
    public static ScaleValueSets AllowUnlistedFrom(string[]? option, IConfiguration configuration)
    {
        var text = ConfigurationValue(option) ?? configuration[AllowUnlistedKey];
        var sets = ScaleValueSets.None;
        foreach (var name in Split(text))
        {
            // By name only, as the SDK's configuration check reads it: a number would name no set a reader knows.
            var known = Enum.GetNames<ScaleValueSets>().FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase))
                ?? throw CliException.Configuration(
                    $"{AllowUnlistedKey}: '{name}' is not one of {string.Join(", ", Enum.GetNames<ScaleValueSets>())} (was '{text}').");
            sets |= Enum.Parse<ScaleValueSets>(known);
        }

        return sets;
    }

    private static string[] Split(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
