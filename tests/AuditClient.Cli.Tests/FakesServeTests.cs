using System.Text.Json;
using AuditClient.Cli.Tests.Support;

namespace AuditClient.Cli.Tests;

/// <summary>
/// <c>auditclient fakes serve</c> as a user runs it: a real process, its address read from standard output, the tool
/// pointed at it with the environment variables it prints, stopped with a real SIGTERM and started again on its state.
/// Each step waits for what the previous one must have caused, never for a time.
/// </summary>
[NonParallelizable]
public sealed class FakesServeTests
{
    private static readonly Dictionary<string, string> NoSettings = [];

    [Test]
    public async Task Audits_of_unknown_tasks_are_kept_across_a_sigterm_and_a_restart_on_the_same_state_and_a_second_server_is_refused()
    {
        var directory = Path.GetDirectoryName(Cli.Temp("placeholder", string.Empty))!;
        var state = Path.Combine(directory, "fakes.json");
        var audits = Path.Combine(directory, "audits.jsonl");
        await File.WriteAllLinesAsync(audits, new[] { "my-task-1", "my-task-2", "my-task-3" }.Select(Cli.Audit));

        string[] ids;
        using (var first = ToolProcess.Start(NoSettings, "fakes", "serve", "--state", state, "--create-missing-tasks"))
        {
            var address = await AddressAsync(first);
            using (Assert.EnterMultipleScope())
            {
                Assert.That(first.Error, Does.Contain($"export AuditClients__Scale__BaseAddress={address}"));
                Assert.That(first.Error, Does.Contain("export AuditClients__Scale__ApiKey=scale_fake_test_key"));
                Assert.That(first.Error, Does.Contain($"export AuditClients__CloudFactory__BaseAddress={address}"));
                Assert.That(first.Error, Does.Contain("export AuditClients__CloudFactory__ApiKey=cloudfactory_fake_test_key"));
            }

            var results = Path.Combine(directory, "results.jsonl");
            var submit = await Cli.RunAsync(["submit", "audits", audits, "--results", results], Pointing(address));
            Assert.That(submit.ExitCode, Is.Zero, submit.ToString());
            ids = File.ReadLines(results).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("vendor_id").GetString()!).ToArray();

            await first.SignalAsync("TERM");
            Assert.That(await first.WaitForExitAsync(), Is.Zero, first.ToString());
            Assert.That(first.Error, Does.Contain($"state saved to {state}"));
        }

        using var second = ToolProcess.Start(NoSettings, "fakes", "serve", "--state", state);
        var again = await AddressAsync(second);
        foreach (var task in new[] { "my-task-1", "my-task-2", "my-task-3" })
        {
            var listed = await Cli.RunAsync(["audits", "list", "--task", task, "--json"], Pointing(again));
            Assert.That(listed.ExitCode, Is.Zero, listed.ToString());
            Assert.That(listed.OutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()), Has.One.Matches<string?>(ids.Contains), listed.ToString());
        }

        // One server per state file: the lock is exclusive.
        using (var third = ToolProcess.Start(NoSettings, "fakes", "serve", "--state", state))
        {
            Assert.That(await third.WaitForExitAsync(), Is.EqualTo(2), third.ToString());
            Assert.That(third.Error, Does.Contain("in use by another fakes server"));
            Assert.That(third.Out, Does.Not.Contain("listening on"));
        }

        await second.SignalAsync("INT");
        Assert.That(await second.WaitForExitAsync(), Is.Zero, second.ToString());
    }

    [Test]
    public async Task A_killed_server_leaves_the_state_of_its_last_save_and_no_lock_behind()
    {
        var state = Path.Combine(Path.GetDirectoryName(Cli.Temp("placeholder", string.Empty))!, "fakes.json");
        var audits = Cli.Temp("audits.jsonl", Cli.Audit("crash-task-1") + "\n");
        string id;
        using (var first = ToolProcess.Start(NoSettings, "fakes", "serve", "--state", state, "--create-missing-tasks"))
        {
            var address = await AddressAsync(first);
            var results = Path.Combine(Path.GetDirectoryName(audits)!, "results.jsonl");
            var submit = await Cli.RunAsync(["submit", "audits", audits, "--results", results], Pointing(address));
            Assert.That(submit.ExitCode, Is.Zero, submit.ToString());
            id = JsonDocument.Parse(File.ReadLines(results).Single()).RootElement.GetProperty("vendor_id").GetString()!;

            // Saved about a second after the write, with no stop: then killed, with no chance to save again.
            await first.WaitUntilAsync(() => File.ReadAllText(state).Contains(id, StringComparison.Ordinal), "the audit in the state file");
            await first.SignalAsync("KILL");
            Assert.That(await first.WaitForExitAsync(), Is.EqualTo(137));
        }

        using var second = ToolProcess.Start(NoSettings, "fakes", "serve", "--state", state);
        var again = await AddressAsync(second);
        var listed = await Cli.RunAsync(["audits", "list", "--task", "crash-task-1", "--json"], Pointing(again));
        Assert.That(listed.OutLines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString()), Is.EqualTo(new[] { id }), listed.ToString());
        await second.SignalAsync("TERM");
        Assert.That(await second.WaitForExitAsync(), Is.Zero, second.ToString());
    }

    [Test]
    public async Task A_seeded_project_is_listed_by_the_tool_pointed_at_the_server()
    {
        using var server = ToolProcess.Start(NoSettings, "fakes", "serve", "--seed-project", "cow_detection", "--tasks", "300", "--seed", "3");
        var address = await AddressAsync(server);

        var list = await Cli.RunAsync(["tasks", "list", "--project", "cow_detection", "--format", "csv"], Pointing(address));

        Assert.That(list.ExitCode, Is.Zero, list.ToString());
        var rows = list.OutLines.Skip(1).Select(l => l.Split(',')).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(rows, Has.Count.EqualTo(300));
            Assert.That(rows.Select(r => r[2]).Distinct().Count(), Is.EqualTo(24), "2 batches a week over 12 weeks");
            Assert.That(rows.Select(r => r[5]).Distinct(), Is.SupersetOf(new[] { "accepted", "rejected", "fixed" }));
        }

        await server.SignalAsync("TERM");
        Assert.That(await server.WaitForExitAsync(), Is.Zero, server.ToString());
    }

    [Test]
    public async Task A_file_that_is_not_a_state_is_refused_with_exit_code_2_and_left_untouched()
    {
        const string Content = "{\"format\":\"auditclient-fakes-state\",\"version\":1,\"scale\":{\"tasks\":[";
        var state = Cli.Temp("fakes.json", Content);

        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var run = await Cli.RunAsync(["fakes", "serve", "--state", state], cancellationToken: bound.Token);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain($"--state: State file {state}: is not valid JSON").And.Contain("left as it is"));
        Assert.That(run.Out, Is.Empty, "no address: nothing listens");
        Assert.That(await File.ReadAllTextAsync(state), Is.EqualTo(Content));
    }

    [TestCase("--tasks 10", "--tasks needs --seed-project NAME")]
    [TestCase("--port 70000", "--port must be between 0")]
    [TestCase("--grading-delay -1", "--grading-delay must be a number of seconds")]
    public async Task Options_that_cannot_be_used_are_refused_with_exit_code_2(string options, string message)
    {
        // Bounded: were the options taken, the server would run until stopped.
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var run = await Cli.RunAsync(["fakes", "serve", .. options.Split(' ')], cancellationToken: bound.Token);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain(message));
    }

    private static Dictionary<string, string?> Pointing(string address) => new()
    {
        ["AuditClients__Scale__BaseAddress"] = address,
        ["AuditClients__Scale__ApiKey"] = "scale_fake_test_key",
        ["AuditClients__Scale__Resilience__RequestsPerSecond"] = "1000",
    };

    private static async Task<string> AddressAsync(ToolProcess server)
    {
        await server.WaitUntilAsync(() => server.Out.Contains("listening on ", StringComparison.Ordinal) && server.Error.Contains("CloudFactory__ApiKey=", StringComparison.Ordinal), "the address line");
        var line = server.Out.Split('\n').Single(l => l.StartsWith("listening on ", StringComparison.Ordinal));
        var address = line["listening on ".Length..];
        Assert.That(Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.IsLoopback, address);
        return address;
    }
}
