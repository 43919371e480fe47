using System.CommandLine.Parsing;
using System.Globalization;
using AuditClient.Core.Validation;

namespace AuditClient.Cli.Input;

/// <summary>
/// Reads a time option (<c>--created-after</c>) as the vendors write times: ISO 8601. System.CommandLine's own parser
/// would name the CLR type in its error (<c>System.Nullable`1[System.DateTimeOffset]</c>).
/// </summary>
internal static class TimeArgument
{
    public static DateTimeOffset? Parse(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value))
        {
            return value;
        }

        var option = (result.Parent as OptionResult)?.Option.Name;
        result.AddError($"{option ?? "the time"} '{text}': {JsonShape.DateTimeRule}");
        return null;
    }
}
