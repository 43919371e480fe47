using System.Text;
using AuditClient.Cli;
using Spectre.Console;

namespace AuditClient.Cli.Tests;

/// <summary>What one in-process run of <c>auditclient</c> printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public string[] OutLines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public override string ToString() => $"exit {ExitCode}\n--- out\n{Out}\n--- error\n{Error}";
}

/// <summary>Runs the tool in-process, with captured output, no ANSI, and an environment of the test's choosing.</summary>
internal static class Cli
{
    public static async Task<CliRun> RunAsync(string[] args, IReadOnlyDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default)
    {
        var output = new StringWriter(new StringBuilder());
        var error = new StringWriter(new StringBuilder());
        var context = new CliContext
        {
            Out = TextWriter.Synchronized(output),
            Error = TextWriter.Synchronized(error),
            Console = Plain(output),
            ErrorConsole = Plain(error),
            Interactive = false,
            Environment = environment ?? new Dictionary<string, string?>(),
        };
        var code = await CliApp.RunAsync(args, context, cancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    private static IAnsiConsole Plain(TextWriter writer) => AnsiConsole.Create(new AnsiConsoleSettings
    {
        Out = new AnsiConsoleOutput(writer),
        Ansi = AnsiSupport.No,
        ColorSystem = ColorSystemSupport.NoColors,
        Interactive = InteractionSupport.No,
    });

    public static string Temp(string name, string content, Encoding? encoding = null)
    {
        var directory = Path.Combine(TestContext.CurrentContext.WorkDirectory, "cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content, encoding ?? new UTF8Encoding(false));
        return path;
    }

    public static string Review(int n, double score = 0.5, string? extra = null) =>
        "{\"workstream_id\":\"ws-1\",\"use_case_id\":\"uc-1\",\"task_definition_id\":\"td-1\",\"task_id\":\"task-" + n
        + "\",\"unique_id\":\"review-" + n + "\",\"worker_id\":\"w@example.com\",\"review_completed_at\":\"2026-01-05T10:13:24.127Z\",\"review_score\":"
        + score.ToString(System.Globalization.CultureInfo.InvariantCulture) + (extra ?? string.Empty) + "}";

    public const string CsvHeader = "workstream_id,use_case_id,task_definition_id,task_id,unique_id,worker_id,review_completed_at,review_score,review_explanation,errors.missing_label";

    public static string CsvRow(int n, string score = "0.5", string explanation = "") =>
        $"ws-1,uc-1,td-1,task-{n},review-{n},w@example.com,2026-01-05T10:13:24.127Z,{score},{explanation},1";

    public static string Audit(string taskId = Testing.ScaleFake.ExampleTaskId) =>
        "{\"type\":\"fixless\",\"task_id\":\"" + taskId + "\",\"result\":\"rejected\",\"target_response_url\":\"https://example.com/r.json\","
        + "\"feedback_items\":[{\"type\":\"error\",\"category\":\"geometry\",\"scope\":{\"type\":\"annotation\",\"annotation_id\":\"box_1\",\"interval\":{\"type\":\"frame_range\",\"start\":0,\"end\":4}}}]}";
}
