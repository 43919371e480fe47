using System.Globalization;
using AuditClient.Core.Validation;

namespace AuditClient.Scale;

/// <summary>What Scale accepts in a task listing, and how each filter is written on the wire.</summary>
internal static class ScaleTaskQueryRules
{
    public const int MinLimit = 1;
    public const int MaxLimit = 100;

    // Scale writes its own timestamps with milliseconds and a Z; the invariant culture keeps ':' and digits ASCII
    // whatever the machine's culture.
    private const string WireTimeFormat = "yyyy-MM-dd'T'HH':'mm':'ss'.'fff'Z'";

    public static void Validate(ScaleTaskQuery query, Violations violations)
    {
        NotEmptyWhenGiven(query.Project, "project", violations);
        NotEmptyWhenGiven(query.Batch, "batch", violations);
        NotEmptyWhenGiven(query.Type, "type", violations);
        NotEmptyWhenGiven(query.NextToken, "next_token", violations);
        if (query.Status is { } status)
        {
            NotEmptyWhenGiven(status.ToString(), "status", violations);
        }

        // Query values are sent escaped, so none of them can reach another path or parameter, and are the caller's
        // names (a project, a unique_id): any text is legal but a lone surrogate, which UTF-8 cannot carry.
        violations.Text(query.Project, "project");
        violations.Text(query.Batch, "batch");
        violations.Text(query.Type, "type");
        violations.Text(query.NextToken, "next_token");
        violations.Text(query.Status?.ToString(), "status");

        if (query.Limit is { } limit && limit is < MinLimit or > MaxLimit)
        {
            violations.Add("limit", $"must be between {MinLimit} and {MaxLimit}");
        }

        Ordered(query.StartTime, "start_time", query.EndTime, "end_time", violations);
        Ordered(query.CompletedAfter, "completed_after", query.CompletedBefore, "completed_before", violations);
        Ordered(query.UpdatedAfter, "updated_after", query.UpdatedBefore, "updated_before", violations);

        for (var i = 0; i < (query.CustomerReviewStatuses?.Count ?? 0); i++)
        {
            var value = query.CustomerReviewStatuses![i].ToString();
            if (string.IsNullOrWhiteSpace(value))
            {
                violations.Add($"customer_review_status[{i}]", "must not be empty");
            }
            else if (value.Contains(',', StringComparison.Ordinal))
            {
                violations.Add($"customer_review_status[{i}]", "must not contain ',' (the statuses are sent comma-joined)");
            }
            else
            {
                violations.Text(value, $"customer_review_status[{i}]");
            }
        }

        EachNotEmpty(query.UniqueIds, "unique_id", violations);
        EachNotEmpty(query.Tags, "tags", violations);
    }

    public static string? Time(DateTimeOffset? value) =>
        value?.UtcDateTime.ToString(WireTimeFormat, CultureInfo.InvariantCulture);

    public static string? ReviewStatuses(IReadOnlyList<CustomerReviewStatus>? statuses) =>
        statuses is { Count: > 0 } ? string.Join(',', statuses.Select(s => s.ToString())) : null;

    public static string? Number(int? value) => value?.ToString(CultureInfo.InvariantCulture);

    public static string? Boolean(bool? value) => value switch { true => "true", false => "false", null => null };

    private static void NotEmptyWhenGiven(string? value, string path, Violations violations)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            violations.Add(path, "must not be empty when given");
        }
    }

    private static void Ordered(DateTimeOffset? after, string afterPath, DateTimeOffset? before, string beforePath, Violations violations)
    {
        if (after is { } a && before is { } b && a > b)
        {
            violations.Add(afterPath, $"must not be later than {beforePath}");
        }
    }

    private static void EachNotEmpty(IReadOnlyList<string>? values, string path, Violations violations)
    {
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (string.IsNullOrWhiteSpace(values![i]))
            {
                violations.Add($"{path}[{i}]", "must not be empty");
            }
            else
            {
                violations.Text(values[i], $"{path}[{i}]");
            }
        }
    }
}
