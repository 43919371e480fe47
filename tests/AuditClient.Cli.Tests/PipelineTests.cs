using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using AuditClient.Docs;
using AuditClient.Testing;

namespace AuditClient.Cli.Tests;

/// <summary>
/// The tool as a step of a pipeline, in-process: problems bounded by --max-problems, a machine-readable
/// --summary-json, a stop at --max-failures, and an exit code of its own for each outcome. The same as a real process,
/// with its streams apart, is in <see cref="PipelineProcessTests"/>.
/// </summary>
public class PipelineTests
{
    private const string Warned = ",\"review_type\":\"Spot check\"";

    private static string Reviews(int count, string? extra = null) =>
        Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, count).Select(i => Cli.Review(i, extra: extra))) + "\n");

    private static string LabelErrors(int items) =>
        "{\"type\":\"fixless\",\"task_id\":\"" + ScaleFake.ExampleTaskId + "\",\"result\":\"rejected\",\"target_response_url\":\"https://example.com/r.json\",\"feedback_items\":["
        + string.Join(',', Enumerable.Repeat("{\"type\":\"error\",\"category\":\"label\",\"scope\":{\"type\":\"scene\",\"interval\":{\"type\":\"frame_range\",\"start\":0,\"end\":4}}}", items))
        + "]}";

    private static JsonElement Summary(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    private static string Beside(string input, string name) => Path.Combine(Path.GetDirectoryName(input)!, name);

    [Test]
    public async Task By_default_the_first_100_problems_are_printed_then_the_rest_is_counted_by_rule()
    {
        var path = Reviews(300, Warned);

        var run = await Cli.RunAsync(["validate", "reviews", path]);

        Assert.That(run.ExitCode, Is.Zero, "warnings alone, however many");
        Assert.That(run.ErrorLines.Count(l => l.Contains(": warning review_type:", StringComparison.Ordinal)), Is.EqualTo(100));
        Assert.That(run.ErrorLines[^3..], Is.EqualTo(new[]
        {
            $"{path}: 200 more problems not printed (--max-problems 100; --max-problems all prints every one), by rule:",
            "  200 warning review_type: is not one of 'QA', 'QC', 'Spot Check' or 'Others' (did you mean 'Spot Check'?)",
            $"{path}: 300 reviews checked, 300 valid, 0 with errors (0 errors, 300 warnings)",
        }));
    }

    [Test]
    public async Task Max_problems_0_prints_none_and_all_prints_every_one_and_the_exit_code_does_not_change()
    {
        var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 30).Select(i => Cli.Review(i, score: i % 3 == 0 ? 2 : 0.5, extra: Warned))) + "\n");

        var none = await Cli.RunAsync(["validate", "reviews", path, "--max-problems", "0"]);
        var all = await Cli.RunAsync(["validate", "reviews", path, "--max-problems", "all"]);
        var three = await Cli.RunAsync(["validate", "reviews", path, "--max-problems", "3"]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(new[] { none.ExitCode, all.ExitCode, three.ExitCode }, Is.All.EqualTo(5));
            Assert.That(none.ErrorLines, Is.EqualTo(new[]
            {
                $"{path}: 40 more problems not printed (--max-problems 0; --max-problems all prints every one), by rule:",
                "  30 warning review_type: is not one of 'QA', 'QC', 'Spot Check' or 'Others' (did you mean 'Spot Check'?)",
                "  10 error review_score: must be a number between 0 and 1",
                $"{path}: 30 reviews checked, 20 valid, 10 with errors (10 errors, 30 warnings)",
            }));
            Assert.That(all.ErrorLines.Count(l => l.StartsWith(path + ":", StringComparison.Ordinal) && !l.StartsWith(path + ": ", StringComparison.Ordinal)), Is.EqualTo(40));
            Assert.That(all.Error, Does.Not.Contain("not printed"));
            Assert.That(three.ErrorLines[..3], Is.All.StartsWith(path + ":"));
            Assert.That(three.ErrorLines[3], Does.StartWith($"{path}: 37 more problems not printed (--max-problems 3;"));
        }
    }

    [TestCase("-1")]
    [TestCase("many")]
    public async Task A_max_problems_that_is_not_a_count_or_all_is_a_usage_error(string value)
    {
        var run = await Cli.RunAsync(["validate", "reviews", Reviews(1), "--max-problems", value]);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("--max-problems: must be a number of 0 or more, or all"));
    }

    [Test]
    public async Task The_validate_summary_counts_records_and_problems_by_rule_with_the_indexes_removed()
    {
        // Two label errors without an annotation scope in one audit, one in another: one rule, counted 3 times.
        var path = Cli.Temp("audits.jsonl", LabelErrors(2) + "\n" + LabelErrors(1) + "\n" + Cli.Audit() + "\n");
        var summary = Beside(path, "summary.json");

        var run = await Cli.RunAsync(["validate", "audits", path, "--summary-json", summary]);

        Assert.That(run.ExitCode, Is.EqualTo(5), run.ToString());
        Assert.That(run.Error, Does.Contain($"{path}:1: error feedback_items[1].scope.type: must be 'annotation' when category is 'label'"));
        var json = Summary(summary);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(json.GetProperty("command").GetString(), Is.EqualTo("validate audits"));
            Assert.That(json.GetProperty("file").GetString(), Is.EqualTo(path));
            Assert.That(json.GetProperty("exit_code").GetInt32(), Is.EqualTo(5));
            Assert.That(json.GetProperty("exit_reason").GetString(), Is.EqualTo("invalid"));
            Assert.That(json.GetProperty("records").GetInt32(), Is.EqualTo(3));
            Assert.That(json.GetProperty("valid").GetInt32(), Is.EqualTo(1));
            Assert.That(json.GetProperty("invalid").GetInt32(), Is.EqualTo(2));
            Assert.That(json.GetProperty("errors").GetInt32(), Is.EqualTo(3));
            Assert.That(json.GetProperty("warnings").GetInt32(), Is.Zero);
            Assert.That(json.GetProperty("elapsed_seconds").GetDouble(), Is.GreaterThanOrEqualTo(0));
            Assert.That(json.GetProperty("rate").GetDouble(), Is.GreaterThanOrEqualTo(0));
            Assert.That(json.GetProperty("problems").EnumerateArray().Select(p => (p.GetProperty("severity").GetString(), p.GetProperty("rule").GetString(), p.GetProperty("count").GetInt32())),
                Is.EqualTo(new[] { ("error", "feedback_items[].scope.type: must be 'annotation' when category is 'label'", 3) }));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!, "*.tmp"), Is.Empty, "the temporary file became the summary");
        }
    }

    [Test]
    public async Task The_submit_summary_counts_every_outcome_and_replaces_an_earlier_summary()
    {
        var path = Reviews(5);
        var summary = Beside(path, "summary.json");
        await File.WriteAllTextAsync(summary, "{\"from\":\"an earlier run\"}");

        var run = await Cli.RunAsync(["submit", "reviews", "--fake", path, "--summary-json", summary]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var json = Summary(summary);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(json.TryGetProperty("from", out _), Is.False);
            Assert.That(json.GetProperty("command").GetString(), Is.EqualTo("submit reviews"));
            Assert.That(json.GetProperty("exit_reason").GetString(), Is.EqualTo("ok"));
            Assert.That(json.GetProperty("records").GetInt32(), Is.EqualTo(5));
            Assert.That(json.GetProperty("succeeded").GetInt32(), Is.EqualTo(5));
            Assert.That(json.GetProperty("sent").GetInt32(), Is.EqualTo(5));
            foreach (var zero in new[] { "failed", "invalid", "not_sent", "in_doubt", "resumed", "errors", "warnings" })
            {
                Assert.That(json.GetProperty(zero).GetInt32(), Is.Zero, zero);
            }

            Assert.That(json.GetProperty("rate").GetDouble(), Is.GreaterThan(0));
        }
    }

    [Test]
    public async Task The_summary_is_written_when_the_run_is_interrupted_before_it_began()
    {
        var path = Reviews(3);
        var summary = Beside(path, "summary.json");
        using var interrupted = new CancellationTokenSource();
        await interrupted.CancelAsync();

        var run = await Cli.RunAsync(["submit", "reviews", "--fake", path, "--summary-json", summary], cancellationToken: interrupted.Token);

        Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
        var json = Summary(summary);
        Assert.That(json.GetProperty("exit_code").GetInt32(), Is.EqualTo(4));
        Assert.That(json.GetProperty("exit_reason").GetString(), Is.EqualTo("interrupted"));
    }

    [Test]
    public async Task The_summary_is_written_when_a_usage_error_ends_the_run()
    {
        var summary = Beside(Reviews(1), "summary.json");

        var run = await Cli.RunAsync(["tasks", "list", "--fake", "--resume-token", "garbage", "--summary-json", summary]);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(Summary(summary).GetProperty("exit_reason").GetString(), Is.EqualTo("usage"));
    }

    [Test]
    public async Task The_tasks_list_summary_counts_tasks_and_pages_and_gives_the_token_to_go_on_with()
    {
        var summary = Beside(Reviews(1), "summary.json");

        var run = await Cli.RunAsync(["tasks", "list", "--fake", "--page-size", "10", "--summary-json", summary]);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        var json = Summary(summary);
        Assert.That(json.GetProperty("tasks").GetInt64(), Is.EqualTo(run.OutLines.Length).And.EqualTo(25));
        Assert.That(json.GetProperty("pages").GetInt32(), Is.EqualTo(3));
        Assert.That(json.GetProperty("resume_token").ValueKind, Is.EqualTo(JsonValueKind.Null), "done: nothing to go on with");
    }

    [Test]
    public async Task An_empty_file_is_said_to_hold_no_records_with_exit_code_7()
    {
        var path = Cli.Temp("reviews.jsonl", "\n\n");

        var validate = await Cli.RunAsync(["validate", "reviews", path]);
        var submit = await Cli.RunAsync(["submit", "reviews", "--fake", path]);

        Assert.That(validate.ExitCode, Is.EqualTo(7), validate.ToString());
        Assert.That(validate.Error, Does.Contain($"{path}: holds no reviews (the file is empty or has blank lines only)"));
        Assert.That(submit.ExitCode, Is.EqualTo(7), submit.ToString());
        Assert.That(submit.Error, Does.Contain($"{path}: holds no reviews"));
    }

    [Test]
    public async Task Audits_given_as_csv_or_as_lines_that_are_not_json_are_said_to_be_json_lines_once()
    {
        var csv = Cli.Temp("reviews.csv", Cli.CsvHeader + "\n" + Cli.CsvRow(1) + "\n" + Cli.CsvRow(2) + "\n");
        var text = Cli.Temp("audits.jsonl", "task_id,result\nabc,accepted\nabd,rejected\n");

        var fromCsv = await Cli.RunAsync(["validate", "audits", csv]);
        var notJson = await Cli.RunAsync(["validate", "audits", text]);

        Assert.That(fromCsv.ExitCode, Is.EqualTo(2), fromCsv.ToString());
        Assert.That(fromCsv.ErrorLines, Is.EqualTo(new[] { $"error: {csv}: is a .csv file; audits are JSON lines only (one JSON object per line, the body of PUT /v1/audits)." }));
        Assert.That(notJson.ExitCode, Is.EqualTo(2), notJson.ToString());
        Assert.That(notJson.ErrorLines, Is.EqualTo(new[] { $"error: {text}:1: is not a JSON object, so the file is not JSON lines; audits are JSON lines only (one JSON object per line, the body of PUT /v1/audits)." }));
    }

    [Test]
    public async Task Skipping_invalid_records_and_sending_the_rest_successfully_is_exit_code_5()
    {
        var path = Cli.Temp("reviews.jsonl", Cli.Review(1) + "\n" + Cli.Review(2, score: 3) + "\n" + Cli.Review(3) + "\n");

        var run = await Cli.RunAsync(["submit", "reviews", "--fake", path, "--skip-invalid"]);

        Assert.That(run.ExitCode, Is.EqualTo(5), run.ToString());
        Assert.That(run.Out, Is.Empty);
    }

    [Test]
    public async Task A_task_Scale_does_not_know_is_an_error_naming_the_task()
    {
        var list = await Cli.RunAsync(["audits", "list", "--fake", "--task", "nope"]);
        var json = await Cli.RunAsync(["audits", "list", "--fake", "--task", "nope", "--json"]);

        Assert.That(list.ExitCode, Is.EqualTo(1), list.ToString());
        Assert.That(list.Error, Does.Contain("task nope: Scale does not know it (GET /v1/task/nope answered 404 Not Found"));
        Assert.That(list.Out, Is.Empty);
        Assert.That(json.ExitCode, Is.EqualTo(1), json.ToString());
    }

    [Test]
    public async Task A_project_without_tasks_says_so_with_exit_code_7()
    {
        var table = await Cli.RunAsync(["quality", "--fake", "--project", "nosuch"]);
        var json = await Cli.RunAsync(["quality", "--fake", "--project", "nosuch", "--json"]);

        Assert.That(table.ExitCode, Is.EqualTo(7), table.ToString());
        Assert.That(table.Error, Does.Contain("project nosuch has no tasks: Scale listed none."));
        Assert.That(table.Out, Is.Empty);
        Assert.That(json.ExitCode, Is.EqualTo(7), json.ToString());
        Assert.That(JsonDocument.Parse(json.Out).RootElement.GetProperty("tasks").GetInt32(), Is.Zero);
    }

    [Test]
    public async Task A_resume_token_that_cannot_be_decoded_or_of_another_listing_is_a_usage_error()
    {
        var first = await Cli.RunAsync(["tasks", "list", "--fake", "--page-size", "10"]);
        var token = System.Text.RegularExpressions.Regex.Match(first.Error, "--resume-token (\\S+)").Groups[1].Value;

        var garbage = await Cli.RunAsync(["tasks", "list", "--fake", "--resume-token", "garbage"]);
        var cut = await Cli.RunAsync(["tasks", "list", "--fake", "--resume-token", token[..^1]]);
        var other = await Cli.RunAsync(["tasks", "list", "--fake", "--status", "completed", "--resume-token", token]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(token, Is.Not.Empty, first.ToString());
            Assert.That(garbage.ExitCode, Is.EqualTo(2), garbage.ToString());
            Assert.That(garbage.Error, Does.Contain("--resume-token: cannot be decoded"));
            Assert.That(garbage.Out, Is.Empty, "nothing written");
            Assert.That(cut.ExitCode, Is.EqualTo(2), cut.ToString());
            Assert.That(cut.Error, Does.Contain("--resume-token: cannot be decoded"));
            Assert.That(other.ExitCode, Is.EqualTo(2), other.ToString());
            Assert.That(other.Error, Does.Contain("--resume-token: was printed by an export of another listing"));
        }
    }

    [Test]
    public async Task Against_a_closed_port_submit_stops_at_max_failures_and_reports_the_rest_not_sent_with_exit_code_6()
    {
        using var closed = ClosedPort(out var environment);
        var path = Reviews(20);
        var results = Beside(path, "results.jsonl");
        var summary = Beside(path, "summary.json");

        var run = await Cli.RunAsync(["submit", "reviews", path, "--max-failures", "3", "--concurrency", "1", "--results", results, "--summary-json", summary], environment);

        Assert.That(run.ExitCode, Is.EqualTo(6), run.ToString());
        var statuses = File.ReadAllLines(results).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(statuses.Count(s => s == "failed"), Is.EqualTo(3));
            Assert.That(statuses.Count(s => s == "not_sent"), Is.EqualTo(17));
            Assert.That(run.Error, Does.Contain("stopped: 3 sends in a row failed without an answer from the vendor (--max-failures 3)").And.Contain("17 reviews were not sent"));
            Assert.That(run.Error, Does.Contain("not sent (stopped by --max-failures)"));
            var json = Summary(summary);
            Assert.That(json.GetProperty("exit_reason").GetString(), Is.EqualTo("stopped"));
            Assert.That(json.GetProperty("failed").GetInt32(), Is.EqualTo(3));
            Assert.That(json.GetProperty("not_sent").GetInt32(), Is.EqualTo(17));
        }
    }

    [Test]
    public async Task Against_a_closed_port_a_journaled_submit_stops_and_the_same_command_sends_the_rest_later()
    {
        using var closed = ClosedPort(out var environment);
        var path = Reviews(10);
        var journal = Beside(path, "journal.jsonl");

        var stopped = await Cli.RunAsync(["submit", "reviews", path, "--max-failures", "2", "--concurrency", "1", "--journal", journal], environment);
        var again = await Cli.RunAsync(["submit", "reviews", path, "--max-failures", "0", "--concurrency", "1", "--journal", journal], environment);

        Assert.That(stopped.ExitCode, Is.EqualTo(6), stopped.ToString());
        Assert.That(stopped.Error, Does.Contain("8 reviews were not sent").And.Contain($"run the same command again with --journal {journal}"));
        Assert.That(again.ExitCode, Is.EqualTo(1), again.ToString());
        Assert.That(again.Error, Does.Match(@"10 sent in \d+\.\d s"), "the records not sent before are sent (and fail again) now");
    }

    [Test]
    public async Task Failures_the_vendor_answered_never_stop_the_run()
    {
        // Scale answers 404 for an unknown task: an answer, so the count of failures without one never grows.
        var unknown = string.Join('\n', Enumerable.Range(0, 4).Select(i => Cli.Audit(i.ToString("x24", System.Globalization.CultureInfo.InvariantCulture)))) + "\n";
        var path = Cli.Temp("audits.jsonl", unknown);
        var results = Beside(path, "results.jsonl");

        var run = await Cli.RunAsync(["submit", "audits", "--fake", path, "--max-failures", "1", "--concurrency", "1", "--results", results]);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        Assert.That(File.ReadAllLines(results).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()), Is.EqualTo(Enumerable.Repeat("failed", 4)));
    }

    [Test]
    public async Task Version_prints_the_package_version()
    {
        var version = System.Text.RegularExpressions.Regex.Match(File.ReadAllText(Path.Combine(DocSnippets.RepositoryRoot, "Directory.Build.props")), "<VersionPrefix>(.*)</VersionPrefix>").Groups[1].Value;

        var run = await Cli.RunAsync(["--version"]);

        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(run.OutLines, Is.EqualTo(new[] { version }));
    }

    // Bound and never listening, for as long as the test holds it: every connection is refused. No retries, so that a
    // refused send fails at once.
    private static Socket ClosedPort(out Dictionary<string, string?> environment)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        environment = new Dictionary<string, string?>
        {
            ["AuditClients__CloudFactory__ApiKey"] = "cf-test-key",
            ["AuditClients__CloudFactory__BaseAddress"] = $"http://127.0.0.1:{((IPEndPoint)socket.LocalEndPoint!).Port}/",
            ["AuditClients__CloudFactory__Resilience__MaxRetryAttempts"] = "0",
        };
        return socket;
    }
}
