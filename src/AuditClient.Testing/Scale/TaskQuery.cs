using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AuditClient.Testing.Http;
using Microsoft.AspNetCore.Http;

namespace AuditClient.Testing;

/// <summary>
/// The filters and page of a <c>GET /v1/tasks</c> request. Time bounds are inclusive; <c>customer_review_status</c>,
/// <c>unique_id</c> and <c>tags</c> take comma-separated or repeated values (any status or id matches; a task must
/// carry every tag given). Tasks are listed newest first (by <c>created_at</c>, then <c>task_id</c>); a
/// <c>next_token</c> names the last task of its page, so pages neither repeat nor skip a task when tasks are added.
/// </summary>
internal sealed class TaskQuery
{
    private string? _project;
    private string? _batch;
    private string? _status;
    private string? _type;
    private HashSet<string>? _reviewStatuses;
    private HashSet<string>? _uniqueIds;
    private string[]? _tags;
    private (DateTimeOffset? From, DateTimeOffset? To) _created;
    private (DateTimeOffset? From, DateTimeOffset? To) _completed;
    private (DateTimeOffset? From, DateTimeOffset? To) _updated;

    private TaskQuery()
    {
    }

    public int Limit { get; private set; }

    public PageKey? After { get; private set; }

    /// <summary>
    /// True when <c>next_token</c> was given but is not one the fake issues: it names no place in the listing, so the
    /// page after it is empty and the last one.
    /// </summary>
    public bool UnknownToken { get; private set; }

    /// <summary>
    /// Reads the filters. Never refuses: no document in specs/ describes this listing (its parameters or any error
    /// answer), so the fake has no ground to answer 400 and reads each parameter as leniently as it can instead. A
    /// <c>limit</c> out of 1..<see cref="FakeSettings.MaxTaskPageSize"/> is clamped into it (<c>0</c> is 1,
    /// <c>1000</c> is 100) and one that is not an integer is the default page size; a time bound that is not an ISO
    /// 8601 timestamp is ignored (no bound); an unknown <c>next_token</c> sets <see cref="UnknownToken"/>.
    /// </summary>
    public static TaskQuery Parse(IQueryCollection query, int defaultLimit)
    {
        var parsed = new TaskQuery
        {
            _project = Single(query, "project"),
            _batch = Single(query, "batch"),
            _status = Single(query, "status"),
            _type = Single(query, "type"),
            _reviewStatuses = Set(query, "customer_review_status"),
            _uniqueIds = Set(query, "unique_id"),
            _tags = Set(query, "tags")?.ToArray(),
            Limit = Single(query, "limit") is { } limitText ? ClampedLimit(limitText, defaultLimit) : defaultLimit,
            _created = Range(query, "start_time", "end_time"),
            _completed = Range(query, "completed_after", "completed_before"),
            _updated = Range(query, "updated_after", "updated_before"),
        };

        if (Single(query, "next_token") is { } token)
        {
            if (PageKey.TryDecode(token, out var after))
            {
                parsed.After = after;
            }
            else
            {
                parsed.UnknownToken = true;
            }
        }

        return parsed;
    }

    // An integer (any sign, any size) is clamped into 1..MaxTaskPageSize; anything else is the default page size.
    private static int ClampedLimit(string text, int defaultLimit)
    {
        var digits = text.AsSpan().TrimStart('+');
        var negative = false;
        if (digits.Length > 0 && digits[0] == '-')
        {
            negative = true;
            digits = digits[1..];
        }

        if (digits.IsEmpty || digits.ContainsAnyExceptInRange('0', '9'))
        {
            return defaultLimit;
        }

        if (negative)
        {
            return 1;
        }

        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var limit)
            ? (int)Math.Clamp(limit, 1, FakeSettings.MaxTaskPageSize)
            : FakeSettings.MaxTaskPageSize;
    }

    public bool Matches(JsonObject task) =>
        Is(task, "project", _project)
        && Is(task, "batch", _batch)
        && Is(task, "status", _status)
        && Is(task, "type", _type)
        && (_reviewStatuses is null || (FakeJson.String(task, "customer_review_status") is { } review && _reviewStatuses.Contains(review)))
        && (_uniqueIds is null || (FakeJson.String(task, "unique_id") is { } unique && _uniqueIds.Contains(unique)))
        && (_tags is null || HasTags(task, _tags))
        && Within(task, "created_at", _created)
        && Within(task, "completed_at", _completed)
        && Within(task, "updated_at", _updated);

    private static bool Is(JsonObject task, string name, string? wanted) => wanted is null || FakeJson.String(task, name) == wanted;

    private static bool HasTags(JsonObject task, string[] wanted)
    {
        var tags = task["tags"] is JsonArray array ? array.Select(t => t?.GetValueKind() == System.Text.Json.JsonValueKind.String ? t.GetValue<string>() : null).ToHashSet() : [];
        return wanted.All(tags.Contains);
    }

    private static bool Within(JsonObject task, string name, (DateTimeOffset? From, DateTimeOffset? To) range)
    {
        if (range.From is null && range.To is null)
        {
            return true;
        }

        return FakeJson.TryParseTimestamp(FakeJson.String(task, name), out var time)
            && (range.From is not { } from || time >= from)
            && (range.To is not { } to || time <= to);
    }

    private static string? Single(IQueryCollection query, string name) =>
        query.TryGetValue(name, out var values) && !string.IsNullOrWhiteSpace(values.ToString()) ? values[0]!.Trim() : null;

    private static HashSet<string>? Set(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        var set = values.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToHashSet(StringComparer.Ordinal);
        return set.Count == 0 ? null : set;
    }

    private static (DateTimeOffset? From, DateTimeOffset? To) Range(IQueryCollection query, string fromName, string toName) =>
        (Bound(query, fromName), Bound(query, toName));

    private static DateTimeOffset? Bound(IQueryCollection query, string name) =>
        Single(query, name) is { } text && FakeJson.TryParseTimestamp(text, out var time) ? time : null;
}

/// <summary>A task's place in the listing order: newest <c>created_at</c> first, then <c>task_id</c>.</summary>
internal readonly record struct PageKey(DateTimeOffset CreatedAt, string TaskId)
{
    public static PageKey Of(JsonObject task)
    {
        FakeJson.TryParseTimestamp(FakeJson.String(task, "created_at"), out var created);
        return new PageKey(created, FakeJson.String(task, "task_id") ?? string.Empty);
    }

    /// <summary>Negative when <paramref name="a"/> is listed before <paramref name="b"/>.</summary>
    public static int Compare(PageKey a, PageKey b)
    {
        var byTime = b.CreatedAt.CompareTo(a.CreatedAt);
        return byTime != 0 ? byTime : string.CompareOrdinal(a.TaskId, b.TaskId);
    }

    public static bool TryDecode(string token, out PageKey key)
    {
        key = default;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(FromUrlSafe(token)));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (bar <= 0 || !long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks)
            {
                return false;
            }

            key = new PageKey(new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..]);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public string Encode()
    {
        var text = CreatedAt.UtcTicks.ToString(CultureInfo.InvariantCulture) + "|" + TaskId;
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static string FromUrlSafe(string token)
    {
        var base64 = token.Replace('-', '+').Replace('_', '/');
        return base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
    }
}
