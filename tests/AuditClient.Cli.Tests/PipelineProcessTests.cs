using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AuditClient.Cli.Tests.Support;
using AuditClient.Docs;

namespace AuditClient.Cli.Tests;

/// <summary>
/// The tool as a pipeline runs it: a child process with standard output and standard error captured apart. Data
/// (exported tasks, --json views) on standard output; problems, progress and summaries on standard error; an exit code
/// of its own for each outcome. Exit code 4 (a signal) is tested the same way in <see cref="SignalTests"/>.
/// </summary>
public class PipelineProcessTests
{
    private static readonly Dictionary<string, string> NoSettings = [];

    private static string Sample(string name) => Path.Combine(DocSnippets.RepositoryRoot, "samples", "cli", name);

    private static async Task<(int Code, ToolProcess Tool)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var tool = ToolProcess.Start(environment, args);
        return (await tool.WaitForExitAsync(), tool);
    }

    [Test]
    public async Task Validate_writes_its_problems_and_summary_to_standard_error_and_nothing_to_standard_output()
    {
        var path = Sample("reviews-with-errors.jsonl");

        var (code, tool) = await RunAsync(NoSettings, "validate", "reviews", path);
        using (tool)
        {
            Assert.That(code, Is.EqualTo(5), tool.ToString());
            Assert.That(tool.Out, Is.Empty, tool.ToString());
            Assert.That(tool.Error, Does.Contain($"{path}:2: error use_case_id: is required").And.Contain($"{path}: 3 reviews checked, 1 valid, 2 with errors"));
        }
    }

    [Test]
    public async Task Many_problems_print_the_first_max_problems_lines_then_a_count_by_rule_and_keep_the_exit_code()
    {
        var input = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 300).Select(i => Cli.Review(i, extra: ",\"review_type\":\"Spot check\""))) + "\n");

        var (code, tool) = await RunAsync(NoSettings, "validate", "reviews", input, "--max-problems", "5");
        using (tool)
        {
            var lines = tool.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(code, Is.Zero, tool.ToString());
            Assert.That(tool.Out, Is.Empty);
            Assert.That(lines, Has.Length.EqualTo(8), tool.ToString());
            Assert.That(lines[5], Is.EqualTo($"{input}: 295 more problems not printed (--max-problems 5; --max-problems all prints every one), by rule:"));
            Assert.That(lines[6], Is.EqualTo("  295 warning review_type: is not one of 'QA', 'QC', 'Spot Check' or 'Others' (did you mean 'Spot Check'?)"));
        }
    }

    [Test]
    public async Task Tasks_list_writes_tasks_only_to_standard_output_and_its_progress_to_standard_error()
    {
        var (code, tool) = await RunAsync(NoSettings, "tasks", "list", "--fake", "--page-size", "10");
        using (tool)
        {
            Assert.That(code, Is.Zero, tool.ToString());
            var lines = tool.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(25));
            Assert.That(lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("task_id").GetString()), Is.Unique);
            Assert.That(tool.Error, Does.Contain("page 1: 10 tasks written of 25; next page: --resume-token ").And.Contain("page 3: 25 tasks written of 25; done"));
        }
    }

    [Test]
    public async Task Submit_writes_its_check_progress_and_summary_table_to_standard_error_and_nothing_to_standard_output()
    {
        var (code, tool) = await RunAsync(NoSettings, "submit", "reviews", "--fake", Sample("reviews.csv"));
        using (tool)
        {
            Assert.That(code, Is.Zero, tool.ToString());
            Assert.That(tool.Out, Is.Empty, tool.ToString());
            Assert.That(tool.Error, Does.Contain("2 reviews checked").And.Contain("reviews: 2/2 done, 0 failed").And.Contain("submit reviews").And.Contain("succeeded"));
        }
    }

    [Test]
    public async Task A_json_view_is_the_only_thing_on_standard_output()
    {
        var (code, tool) = await RunAsync(NoSettings, "quality", "--fake", "--task", Testing.ScaleFake.ExampleTaskId, "--json");
        using (tool)
        {
            Assert.That(code, Is.Zero, tool.ToString());
            Assert.That(JsonDocument.Parse(tool.Out).RootElement.ValueKind, Is.EqualTo(JsonValueKind.Object));
            Assert.That(tool.Error, Is.Empty);
        }
    }

    private static IEnumerable<TestCaseData> ExitCodes()
    {
        var empty = Path.Combine(TestContext.CurrentContext.WorkDirectory, "empty-reviews.jsonl");
        yield return new TestCaseData(0, new[] { "validate", "reviews", Sample("reviews.jsonl") }, "3 reviews checked").SetArgDisplayNames("0 ok");
        yield return new TestCaseData(1, new[] { "audits", "list", "--fake", "--task", "nope" }, "task nope: Scale does not know it").SetArgDisplayNames("1 failed");
        yield return new TestCaseData(2, new[] { "tasks", "list", "--fake", "--resume-token", "garbage" }, "--resume-token: cannot be decoded").SetArgDisplayNames("2 usage");
        yield return new TestCaseData(3, new[] { "submit", "reviews", Sample("reviews.jsonl") }, "AuditClients__CloudFactory__ApiKey").SetArgDisplayNames("3 configuration");
        yield return new TestCaseData(5, new[] { "validate", "reviews", Sample("reviews-with-errors.jsonl") }, "2 with errors").SetArgDisplayNames("5 invalid");
        yield return new TestCaseData(7, new[] { "validate", "reviews", empty }, "holds no reviews").SetArgDisplayNames("7 empty");
    }

    [TestCaseSource(nameof(ExitCodes))]
    public async Task Each_outcome_has_its_exit_code(int expected, string[] args, string said)
    {
        if (args[^1].EndsWith("empty-reviews.jsonl", StringComparison.Ordinal))
        {
            await File.WriteAllTextAsync(args[^1], string.Empty);
        }

        var (code, tool) = await RunAsync(NoSettings, args);
        using (tool)
        {
            Assert.That(code, Is.EqualTo(expected), tool.ToString());
            Assert.That(tool.Error, Does.Contain(said));
        }
    }

    [Test]
    public async Task Against_a_closed_port_submit_stops_at_max_failures_with_exit_code_6_and_writes_its_summary()
    {
        // Bound and never listening, for as long as the test holds it: every connection is refused.
        using var closed = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        closed.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var input = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 30).Select(i => Cli.Review(i))) + "\n");
        var summary = Path.Combine(Path.GetDirectoryName(input)!, "summary.json");
        var environment = new Dictionary<string, string>
        {
            ["AuditClients__CloudFactory__ApiKey"] = "cf-test-key",
            ["AuditClients__CloudFactory__BaseAddress"] = $"http://127.0.0.1:{((IPEndPoint)closed.LocalEndPoint!).Port}/",
            ["AuditClients__CloudFactory__Resilience__MaxRetryAttempts"] = "0",
        };

        var (code, tool) = await RunAsync(environment, "submit", "reviews", input, "--max-failures", "5", "--concurrency", "1", "--summary-json", summary);
        using (tool)
        {
            Assert.That(code, Is.EqualTo(6), tool.ToString());
            Assert.That(tool.Out, Is.Empty);
            Assert.That(tool.Error, Does.Contain("stopped: 5 sends in a row failed without an answer from the vendor").And.Contain("25 reviews were not sent"));
            var json = JsonDocument.Parse(await File.ReadAllTextAsync(summary)).RootElement;
            Assert.That(json.GetProperty("exit_code").GetInt32(), Is.EqualTo(6));
            Assert.That(json.GetProperty("exit_reason").GetString(), Is.EqualTo("stopped"));
            Assert.That(json.GetProperty("failed").GetInt32(), Is.EqualTo(5));
            Assert.That(json.GetProperty("not_sent").GetInt32(), Is.EqualTo(25));
        }
    }

    [Test]
    public async Task Version_prints_the_package_version_alone()
    {
        var version = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(DocSnippets.RepositoryRoot, "Directory.Build.props")), "<VersionPrefix>(.*)</VersionPrefix>").Groups[1].Value;

        var (code, tool) = await RunAsync(NoSettings, "--version");
        using (tool)
        {
            Assert.That(code, Is.Zero, tool.ToString());
            Assert.That(tool.Out, Is.EqualTo(version + "\n"));
        }
    }

    [TestCase("auditclient sub", "submit")]
    [TestCase("auditclient submit re", "reviews")]
    [TestCase("auditclient submit reviews --max-f", "--max-failures")]
    [TestCase("auditclient tasks list --format ", "csv\njsonl")]
    public async Task The_suggest_directive_completes_commands_options_and_values_for_the_shells(string line, string expected)
    {
        // What dotnet-suggest (and the shell functions of docs/cli.md) run at each Tab: the words that fit the cursor.
        var (code, tool) = await RunAsync(NoSettings, $"[suggest:{line.Length}]", line);
        using (tool)
        {
            Assert.That(code, Is.Zero, tool.ToString());
            Assert.That(tool.Out.TrimEnd('\n'), Is.EqualTo(expected), tool.ToString());
        }
    }
}
