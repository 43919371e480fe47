using System.Text.Json;
using AuditClient.Testing;

namespace AuditClient.Cli.Tests;

public class ReadCommandTests
{
    [Test]
    public async Task Tasks_list_pages_through_every_task_with_a_progress_line_per_page()
    {
        var run = await Cli.RunAsync(["tasks", "list", "--fake", "--page-size", "10"]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.OutLines, Has.Length.EqualTo(25));
        Assert.That(run.OutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("task_id").GetString()).Distinct().Count(), Is.EqualTo(25));
        Assert.That(run.Error, Does.Contain("page 1: 10 tasks written of 25; next page: --resume-token ").And.Contain("page 3: 25 tasks written of 25; done"));
    }

    [Test]
    public async Task Tasks_list_filters_and_writes_csv()
    {
        var run = await Cli.RunAsync(["tasks", "list", "--fake", "--review-status", "rejected,fixed", "--format", "csv"]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.OutLines[0], Does.StartWith("task_id,project,batch,type,status,customer_review_status,"));
        Assert.That(run.OutLines.Skip(1).Select(l => l.Split(',')[5]), Is.All.AnyOf("rejected", "fixed"));
        Assert.That(run.OutLines, Has.Length.GreaterThan(2));
    }

    [Test]
    public async Task An_export_goes_on_from_its_resume_token_appending_to_the_out_file()
    {
        var directory = Path.GetDirectoryName(Cli.Temp("x", ""))!;
        var first = Path.Combine(directory, "tasks.csv");
        var run = await Cli.RunAsync(["tasks", "list", "--fake", "--page-size", "10", "--format", "csv", "--out", first]);
        var token = run.Error.Split('\n')[0].Split("--resume-token ")[1].Trim();
        var resumed = Path.Combine(directory, "rest.csv");
        File.WriteAllText(resumed, File.ReadLines(first).Take(11).Aggregate(string.Empty, (all, l) => all + l + "\n"));

        var rest = await Cli.RunAsync(["tasks", "list", "--fake", "--page-size", "10", "--format", "csv", "--out", resumed, "--resume-token", token]);

        Assert.That(rest.ExitCode, Is.EqualTo(0), rest.ToString());
        Assert.That(File.ReadAllLines(resumed), Is.EqualTo(File.ReadAllLines(first)), "page 1 kept, pages 2 and 3 appended, no second header");
    }

    [Test]
    public async Task An_export_that_fails_on_page_3_names_page_3s_token_and_resuming_from_it_writes_the_rest_once()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["AuditClients__Scale__ApiKey"] = fakes.ScaleApiKey,
            ["AuditClients__Scale__BaseAddress"] = fakes.BaseAddress.ToString(),
        };
        var directory = Path.GetDirectoryName(Cli.Temp("x", ""))!;
        var whole = Path.Combine(directory, "whole.csv");
        var broken = Path.Combine(directory, "broken.csv");
        var complete = await Cli.RunAsync(["tasks", "list", "--page-size", "10", "--format", "csv", "--out", whole], environment);

        // Faults are taken one per request: two harmless ones for pages 1 and 2, then a 501 (never retried) for page 3.
        fakes.Faults.Arm(FakeEndpoint.ScaleListTasks, FakeFault.Delay(TimeSpan.Zero), times: 2);
        fakes.Faults.Arm(FakeEndpoint.ScaleListTasks, FakeFault.ServerError(System.Net.HttpStatusCode.NotImplemented));
        var failed = await Cli.RunAsync(["tasks", "list", "--page-size", "10", "--format", "csv", "--out", broken], environment);
        var page3Token = failed.Error.Split('\n')[1].Split("--resume-token ")[1].Trim();
        var resumed = await Cli.RunAsync(["tasks", "list", "--page-size", "10", "--format", "csv", "--out", broken, "--resume-token", page3Token], environment);

        Assert.That(complete.ExitCode, Is.EqualTo(0), complete.ToString());
        Assert.That(failed.ExitCode, Is.EqualTo(1), failed.ToString());
        Assert.That(failed.Error, Does.Contain($"stopped after 20 tasks; go on with --resume-token {page3Token}"));
        Assert.That(resumed.ExitCode, Is.EqualTo(0), resumed.ToString());
        Assert.That(File.ReadAllLines(broken), Is.EqualTo(File.ReadAllLines(whole)), "pages 1 and 2 once, page 3 appended once");
    }

    [Test]
    public async Task An_invalid_filter_is_a_usage_error_naming_the_option_typed()
    {
        var run = await Cli.RunAsync(["tasks", "list", "--fake", "--page-size", "500"]);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.ErrorLines[0], Is.EqualTo("error: --page-size: must be between 1 and 100"));
    }

    [Test]
    public async Task Quality_of_a_project_sums_every_task_of_it()
    {
        var tasks = await Cli.RunAsync(["tasks", "list", "--fake", "--project", "fake_project_alpha"]);
        var table = await Cli.RunAsync(["quality", "--fake", "--project", "fake_project_alpha"]);
        var json = await Cli.RunAsync(["quality", "--fake", "--project", "fake_project_alpha", "--json"]);

        Assert.That(table.ExitCode, Is.EqualTo(0), table.ToString());
        Assert.That(table.Out, Does.Contain("quality of project fake_project_alpha").And.Contain("tasks with a fixless audit"));
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.That(root.GetProperty("tasks").GetInt32(), Is.EqualTo(tasks.OutLines.Length).And.GreaterThan(0));
        Assert.That(root.GetProperty("latest_audit_results").EnumerateObject().Sum(p => p.Value.GetInt32()), Is.EqualTo(tasks.OutLines.Length));
    }

    [TestCase("")]
    [TestCase("--task t1 --project p")]
    public async Task Quality_needs_exactly_one_of_task_or_project(string selection)
    {
        var run = await Cli.RunAsync(["quality", "--fake", .. selection.Split(' ', StringSplitOptions.RemoveEmptyEntries)]);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("exactly one of --task ID or --project NAME"));
    }

    [Test]
    public async Task Audits_list_and_quality_show_tables_or_json()
    {
        var audits = await Cli.RunAsync(["audits", "list", "--fake", "--task", ScaleFake.ExampleTaskId]);
        var quality = await Cli.RunAsync(["quality", "--fake", "--task", ScaleFake.ExampleTaskId]);
        var json = await Cli.RunAsync(["quality", "--fake", "--task", ScaleFake.ExampleTaskId, "--json"]);
        var unknown = await Cli.RunAsync(["quality", "--fake", "--task", "no-such-task"]);

        Assert.That(audits.ExitCode, Is.EqualTo(0), audits.ToString());
        Assert.That(audits.Out, Does.Contain("has no fixless audits"));
        Assert.That(quality.ExitCode, Is.EqualTo(0), quality.ToString());
        Assert.That(quality.Out, Does.Contain("items counted toward quality").And.Contain("fixed -> accepted"));
        var root = JsonDocument.Parse(json.Out).RootElement;
        Assert.That(root.GetProperty("history").GetProperty("results").EnumerateArray().Select(r => r.GetString()), Is.EqualTo(new[] { "fixed", "accepted" }));
        Assert.That(root.GetProperty("fixless").GetProperty("counted_items").GetInt32(), Is.EqualTo(0));
        Assert.That(unknown.ExitCode, Is.EqualTo(1));
        Assert.That(unknown.Error, Does.Contain("404"));
    }

    [Test]
    public async Task Quality_counts_the_latest_fixless_audit_and_its_grader_conflicts()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.GradingDelay = TimeSpan.Zero);
        var environment = new Dictionary<string, string?>
        {
            ["AuditClients__Scale__ApiKey"] = fakes.ScaleApiKey,
            ["AuditClients__Scale__BaseAddress"] = fakes.BaseAddress.ToString(),
        };
        var audit = Cli.Audit().Replace("]}", ",{\"type\":\"error\",\"category\":\"label\",\"scope\":{\"type\":\"scene\",\"interval\":{\"type\":\"frame_range\",\"start\":0,\"end\":1}}}]}", StringComparison.Ordinal);
        var path = Cli.Temp("audits.jsonl", audit + "\n");
        var submit = await Cli.RunAsync(["submit", "audits", path, "--grader-rules", "warn"], environment);

        var table = await Cli.RunAsync(["audits", "list", "--task", ScaleFake.ExampleTaskId], environment);
        var quality = await Cli.RunAsync(["quality", "--task", ScaleFake.ExampleTaskId, "--json"], environment);

        Assert.That(submit.ExitCode, Is.EqualTo(0), submit.ToString());
        Assert.That(table.Out, Does.Contain("rejected"));
        var fixless = JsonDocument.Parse(quality.Out).RootElement.GetProperty("fixless");
        Assert.That(fixless.GetProperty("counted_items").GetInt32(), Is.EqualTo(1), quality.Out);
        Assert.That(fixless.GetProperty("counts_by_category").GetProperty("geometry").GetInt32(), Is.EqualTo(1));
        Assert.That(fixless.GetProperty("conflicts").GetArrayLength(), Is.EqualTo(1));
    }
}
