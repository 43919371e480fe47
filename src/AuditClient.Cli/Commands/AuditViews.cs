using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AuditClient.Cli.Hosting;
using AuditClient.Scale;
using Spectre.Console;

namespace AuditClient.Cli.Commands;

/// <summary>
/// <c>audits list --task ID</c> and <c>quality --task ID</c> / <c>--project NAME</c>: a task's fixless audits and what of
/// them counts, or the same summed over a project's tasks.
/// </summary>
internal static class AuditViews
{
    private static readonly JsonWriterOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true };

    public static async Task<int> ListAsync(CliContext context, ClientSession session, string taskId, bool json, CancellationToken cancellationToken)
    {
        var audits = await session.ScaleAudits.ListAuditsAsync(taskId: taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (audits.Count == 0)
        {
            // Scale lists no audits for a task id it does not know: the task itself says whether it exists.
            await TaskMustExistAsync(session, taskId, cancellationToken).ConfigureAwait(false);
        }

        if (json)
        {
            // One audit per line, in Scale's wire format, as tasks list writes tasks.
            foreach (var audit in audits)
            {
                context.Out.WriteLine(context.Redactor.Redact(AuditClientJson.Serialize(audit)));
            }

            return ExitCodes.Ok;
        }

        if (audits.Count == 0)
        {
            context.Out.WriteLine($"task {taskId} has no fixless audits.");
            return ExitCodes.Ok;
        }

        var table = new Table().Title($"fixless audits of task {Cell(context, taskId)}")
            .AddColumns("id", "created_at", "result", "active", "items", "errors", "conflicts", "ungraded");
        foreach (var audit in audits)
        {
            var items = audit.FeedbackItems ?? [];
            table.AddRow(
                Cell(context, audit.Id ?? string.Empty),
                Time(audit.CreatedAt),
                Cell(context, audit.Result?.ToString() ?? string.Empty),
                audit.Active switch { true => "yes", false => "no", null => string.Empty },
                N(items.Count),
                N(items.Count(i => i?.Type == FeedbackItemType.Error)),
                N(items.Count(i => i?.GraderOutput?.Conflict == true)),
                N(items.Count(i => i is not null && i.GraderOutput is null)));
        }

        context.Console.Write(table);
        return ExitCodes.Ok;
    }

    public static async Task<int> QualityAsync(CliContext context, ClientSession session, string taskId, bool json, CancellationToken cancellationToken)
    {
        var audits = await session.ScaleAudits.ListAuditsAsync(taskId: taskId, cancellationToken: cancellationToken).ConfigureAwait(false);
        var task = await session.ScaleTasks.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        var quality = FixlessAuditQuality.From(audits);
        var history = TaskAuditHistory.From(task);
        if (json)
        {
            context.Out.WriteLine(context.Redactor.Redact(Json(taskId, quality, history)));
            return ExitCodes.Ok;
        }

        var latest = quality.LatestAudit;
        var summary = new Table().Title($"quality of task {Cell(context, taskId)}").AddColumn("").AddColumn("");
        summary.HideHeaders();
        summary.AddRow("latest fixless audit", Cell(context, latest is null ? "none" : $"{latest.Id} ({latest.Result}, created {Time(latest.CreatedAt)})"));
        summary.AddRow("items counted toward quality", N(quality.CountedItems.Count));
        summary.AddRow("counted but not graded yet", N(quality.UngradedCount));
        summary.AddRow("grader conflicts (not counted)", N(quality.Conflicts.Count));
        summary.AddRow("audit history", Cell(context, history.Results.Count == 0 ? "none" : string.Join(" -> ", history.Results.Select(r => r?.ToString() ?? "?"))));
        summary.AddRow("audit time / active time", string.Create(CultureInfo.InvariantCulture, $"{history.AuditTime.TotalMinutes:F1} min / {history.ActiveTime.TotalMinutes:F1} min"));
        summary.AddRow("per-annotation errors fixed", string.Create(CultureInfo.InvariantCulture, $"{history.FixedErrorCount} of {history.ErrorCount}"));
        context.Console.Write(summary);

        Counts(context, "counted items by category", quality.CountsByCategory.Select(p => (p.Key.ToString(), p.Value)));
        Counts(context, "counted items by severity", quality.CountsBySeverity.Select(p => (p.Key.ToString(), p.Value)));
        if (quality.Conflicts.Count > 0)
        {
            var conflicts = new Table().Title("grader conflicts").AddColumns("item", "type", "category", "explanation");
            foreach (var item in quality.Conflicts)
            {
                conflicts.AddRow(
                    Cell(context, item.Id ?? string.Empty),
                    Cell(context, item.Type?.ToString() ?? string.Empty),
                    Cell(context, item.Category?.ToString() ?? string.Empty),
                    Cell(context, item.GraderOutput?.Explanation ?? string.Empty));
            }

            context.Console.Write(conflicts);
        }

        Counts(context, "audit history: errors by type", history.ErrorsByType.Select(p => (p.Key.ToString(), p.Value)));
        Counts(context, "audit history: errors by severity", history.ErrorsBySeverity.Select(p => (p.Key.ToString(), p.Value)));
        return ExitCodes.Ok;
    }

    /// <summary>
    /// Every task of the project (paged, one page in memory), each with its fixless audits: the sums of what
    /// <see cref="QualityAsync"/> shows for one task. A progress line per 100 tasks goes to standard error.
    /// </summary>
    public static async Task<int> ProjectQualityAsync(CliContext context, ClientSession session, string project, bool json, CancellationToken cancellationToken)
    {
        var sum = new ProjectSums();
        await foreach (var task in session.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Project = project }, cancellationToken).ConfigureAwait(false))
        {
            var audits = task.TaskId is { } id
                ? await session.ScaleAudits.ListAuditsAsync(taskId: id, cancellationToken: cancellationToken).ConfigureAwait(false)
                : [];
            sum.Add(FixlessAuditQuality.From(audits), TaskAuditHistory.From(task));
            if (sum.Tasks % 100 == 0)
            {
                context.Error.WriteLine($"quality: {sum.Tasks} tasks of project {project} read");
            }
        }

        if (sum.Tasks == 0)
        {
            context.Error.WriteLine($"project {context.Redactor.Redact(project)} has no tasks: Scale listed none.");
        }

        var code = sum.Tasks == 0 ? ExitCodes.Empty : ExitCodes.Ok;
        if (json)
        {
            context.Out.WriteLine(context.Redactor.Redact(sum.Json(project)));
            return code;
        }

        if (sum.Tasks == 0)
        {
            return code;
        }

        var summary = new Table().Title($"quality of project {Cell(context, project)}").AddColumn("").AddColumn("");
        summary.HideHeaders();
        summary.AddRow("tasks", N(sum.Tasks));
        summary.AddRow("tasks with a fixless audit", N(sum.TasksWithFixlessAudit));
        summary.AddRow("items counted toward quality", N(sum.Counted));
        summary.AddRow("counted but not graded yet", N(sum.Ungraded));
        summary.AddRow("grader conflicts (not counted)", N(sum.Conflicts));
        summary.AddRow("latest audit results", Cell(context, string.Join(", ", sum.LatestResults.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Value}"))));
        summary.AddRow("per-annotation errors fixed", string.Create(CultureInfo.InvariantCulture, $"{sum.FixedErrors} of {sum.Errors}"));
        context.Console.Write(summary);
        Counts(context, "counted items by category", sum.ByCategory.Select(p => (p.Key, p.Value)));
        Counts(context, "counted items by severity", sum.BySeverity.Select(p => (p.Key, p.Value)));
        Counts(context, "audit history: errors by type", sum.ErrorsByType.Select(p => (p.Key, p.Value)));
        return ExitCodes.Ok;
    }

    private static async Task TaskMustExistAsync(ClientSession session, string taskId, CancellationToken cancellationToken)
    {
        try
        {
            await session.ScaleTasks.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false);
        }
        catch (AuditNotFoundException e)
        {
            throw new CliException(ExitCodes.Failed, $"task {taskId}: Scale does not know it (GET /v1/task/{taskId} answered 404 Not Found: {e.VendorMessage ?? "no such task"}).");
        }
    }

    // A table cell of text from the vendor: without the API key, and not read as markup.
    private static string Cell(CliContext context, string? text) => Markup.Escape(context.Redactor.Redact(text) ?? string.Empty);

    private static void Counts(CliContext context, string title, IEnumerable<(string Name, int Count)> counts)
    {
        var rows = counts.OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        var table = new Table().Title(Cell(context, title)).AddColumn("").AddColumn(new TableColumn("count").RightAligned());
        foreach (var (name, count) in rows)
        {
            table.AddRow(Cell(context, name), N(count));
        }

        context.Console.Write(table);
    }

    private static string Json(string taskId, FixlessAuditQuality quality, TaskAuditHistory history)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, JsonOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("task_id", taskId);
            writer.WriteStartObject("fixless");
            writer.WriteString("latest_audit_id", quality.LatestAudit?.Id);
            writer.WriteString("latest_audit_result", quality.LatestAudit?.Result?.ToString());
            writer.WriteNumber("counted_items", quality.CountedItems.Count);
            writer.WriteNumber("ungraded_items", quality.UngradedCount);
            Map(writer, "counts_by_category", quality.CountsByCategory.Select(p => (p.Key.ToString(), p.Value)));
            Map(writer, "counts_by_severity", quality.CountsBySeverity.Select(p => (p.Key.ToString(), p.Value)));
            writer.WriteStartArray("conflicts");
            foreach (var item in quality.Conflicts)
            {
                writer.WriteStartObject();
                writer.WriteString("id", item.Id);
                writer.WriteString("type", item.Type?.ToString());
                writer.WriteString("category", item.Category?.ToString());
                writer.WriteString("explanation", item.GraderOutput?.Explanation);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteStartObject("history");
            writer.WriteStartArray("results");
            foreach (var result in history.Results)
            {
                writer.WriteStringValue(result?.ToString());
            }

            writer.WriteEndArray();
            writer.WriteNumber("audit_time_secs", history.AuditTime.TotalSeconds);
            writer.WriteNumber("active_time_secs", history.ActiveTime.TotalSeconds);
            writer.WriteNumber("error_count", history.ErrorCount);
            writer.WriteNumber("fixed_error_count", history.FixedErrorCount);
            Map(writer, "errors_by_type", history.ErrorsByType.Select(p => (p.Key.ToString(), p.Value)));
            Map(writer, "errors_by_severity", history.ErrorsBySeverity.Select(p => (p.Key.ToString(), p.Value)));
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Map(Utf8JsonWriter writer, string name, IEnumerable<(string Key, int Count)> counts)
    {
        writer.WriteStartObject(name);
        foreach (var (key, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            writer.WriteNumber(key, count);
        }

        writer.WriteEndObject();
    }

    private static string Time(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) : string.Empty;

    private static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The sums of a project's per-task quality views.</summary>
internal sealed class ProjectSums
{
    public int Tasks { get; private set; }

    public int TasksWithFixlessAudit { get; private set; }

    public int Counted { get; private set; }

    public int Ungraded { get; private set; }

    public int Conflicts { get; private set; }

    public int Errors { get; private set; }

    public int FixedErrors { get; private set; }

    public SortedDictionary<string, int> ByCategory { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> BySeverity { get; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, int> ErrorsByType { get; } = new(StringComparer.Ordinal);

    /// <summary>The result of each task's latest audit (<c>none</c> for a task never audited).</summary>
    public SortedDictionary<string, int> LatestResults { get; } = new(StringComparer.Ordinal);

    public void Add(FixlessAuditQuality quality, TaskAuditHistory history)
    {
        Tasks++;
        if (quality.LatestAudit is not null)
        {
            TasksWithFixlessAudit++;
        }

        Counted += quality.CountedItems.Count;
        Ungraded += quality.UngradedCount;
        Conflicts += quality.Conflicts.Count;
        Errors += history.ErrorCount;
        FixedErrors += history.FixedErrorCount;
        foreach (var (category, count) in quality.CountsByCategory)
        {
            Increment(ByCategory, category.ToString(), count);
        }

        foreach (var (severity, count) in quality.CountsBySeverity)
        {
            Increment(BySeverity, severity.ToString(), count);
        }

        foreach (var (type, count) in history.ErrorsByType)
        {
            Increment(ErrorsByType, type.ToString(), count);
        }

        Increment(LatestResults, history.Results.Count == 0 ? "none" : history.Results[^1]?.ToString() ?? "?", 1);
    }

    public string Json(string project)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = true }))
        {
            writer.WriteStartObject();
            writer.WriteString("project", project);
            writer.WriteNumber("tasks", Tasks);
            writer.WriteNumber("tasks_with_fixless_audit", TasksWithFixlessAudit);
            writer.WriteNumber("counted_items", Counted);
            writer.WriteNumber("ungraded_items", Ungraded);
            writer.WriteNumber("conflicts", Conflicts);
            writer.WriteNumber("error_count", Errors);
            writer.WriteNumber("fixed_error_count", FixedErrors);
            Write(writer, "counts_by_category", ByCategory);
            Write(writer, "counts_by_severity", BySeverity);
            Write(writer, "errors_by_type", ErrorsByType);
            Write(writer, "latest_audit_results", LatestResults);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void Increment(SortedDictionary<string, int> counts, string key, int by) =>
        counts[key] = counts.GetValueOrDefault(key) + by;

    private static void Write(Utf8JsonWriter writer, string name, SortedDictionary<string, int> counts)
    {
        writer.WriteStartObject(name);
        foreach (var (key, count) in counts)
        {
            writer.WriteNumber(key, count);
        }

        writer.WriteEndObject();
    }
}
