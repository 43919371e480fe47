using System.Text.Json;
using System.Text.RegularExpressions;
using AuditClient.Cli.Tests.Support;

namespace AuditClient.Cli.Tests;

/// <summary>
/// The tool as a scheduler stops it: a real child process, real signals sent with <c>kill</c>, a real loopback server
/// (or the in-process fakes of <c>--fake</c>). Nothing here depends on how long anything takes: each step waits for
/// what the previous one must have caused.
/// </summary>
[NonParallelizable]
public partial class SignalTests
{
    private static string Reviews(int count)
    {
        var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, count).Select(i => Cli.Review(i))) + "\n");
        return path;
    }

    private static string ResultsBeside(string input) => Path.Combine(Path.GetDirectoryName(input)!, "results.jsonl");

    private static List<JsonElement> Results(string path) =>
        File.ReadAllLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [GeneratedRegex(@"reviews: [1-9]\d*/\d+ done")]
    private static partial Regex SomeDone();

    [TestCase("TERM")]
    [TestCase("HUP")]
    [TestCase("INT")]
    public async Task A_signal_against_a_real_server_stops_sending_finishes_the_sends_in_flight_and_reports_the_rest_not_sent_with_exit_code_4(string signal)
    {
        // Three reviews are answered, the next two are held: the tool is mid-run, with two sends in flight.
        await using var server = GatedServer.Start(answerFirst: 3);
        var input = Reviews(40);
        var results = ResultsBeside(input);
        var summary = Path.Combine(Path.GetDirectoryName(input)!, "summary.json");
        using var tool = ToolProcess.Start(server.Environment(), "submit", "reviews", input, "--results", results, "--concurrency", "2", "--summary-json", summary);
        await tool.WaitUntilAsync(() => server.Received.Count >= 5, "five reviews at the server");

        await tool.SignalAsync(signal);
        await tool.WaitUntilAsync(() => tool.Error.Contains($"SIG{signal}: stopping", StringComparison.Ordinal), "the tool to say it is stopping");
        server.Open();
        var code = await tool.WaitForExitAsync();

        Assert.That(code, Is.EqualTo(4), tool.ToString());
        var lines = Results(results);
        var answered = server.Answered;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines.Select(l => l.GetProperty("line").GetInt32()).Order(), Is.EqualTo(Enumerable.Range(1, 40)), "one line per record");
            Assert.That(lines.Where(l => l.GetProperty("status").GetString() == "succeeded").Select(l => l.GetProperty("key").GetString()),
                Is.EquivalentTo(answered), "every send started was finished, and reported");
            Assert.That(lines.Count(l => l.GetProperty("status").GetString() == "not_sent"), Is.EqualTo(40 - answered.Count).And.GreaterThan(0));
            Assert.That(tool.Error, Does.Contain("submit reviews").And.Contain("not sent (interrupted)"), "the summary is printed");
            Assert.That(tool.Error, Does.Contain($"{40 - answered.Count} reviews were not sent"));
            var json = JsonDocument.Parse(File.ReadAllText(summary)).RootElement;
            Assert.That(json.GetProperty("exit_reason").GetString(), Is.EqualTo("interrupted"), "the summary is written on a signal too");
            Assert.That((json.GetProperty("succeeded").GetInt32(), json.GetProperty("not_sent").GetInt32()), Is.EqualTo((answered.Count, 40 - answered.Count)));
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_signal_after_the_last_send_started_changes_nothing_and_the_exit_code_is_the_outcomes(bool journaled)
    {
        // Every review is on the wire (held by the server) when the signal comes: nothing is left to stop.
        await using var server = GatedServer.Start(answerFirst: 0);
        var input = Reviews(4);
        var results = ResultsBeside(input);
        string[] journal = journaled ? ["--journal", Path.Combine(Path.GetDirectoryName(input)!, "journal.jsonl")] : [];
        using var tool = ToolProcess.Start(server.Environment(), ["submit", "reviews", input, "--results", results, "--concurrency", "4", .. journal]);
        await tool.WaitUntilAsync(() => server.Received.Count >= 4, "every review at the server");

        await tool.SignalAsync("TERM");
        await tool.WaitUntilAsync(() => tool.Error.Contains("SIGTERM: stopping", StringComparison.Ordinal), "the tool to say it is stopping");
        server.Open();
        var code = await tool.WaitForExitAsync();

        Assert.That(code, Is.Zero, tool.ToString());
        var lines = Results(results);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines.Select(l => l.GetProperty("status").GetString()), Is.EqualTo(Enumerable.Repeat("succeeded", 4)));
            Assert.That(tool.Error, Does.Not.Contain("interrupted:"));
        }
    }

    [Test]
    public async Task Sigterm_stops_a_fake_run_as_ctrl_c_does_with_the_summary_and_exit_code_4()
    {
        // One request a second: the run is mid-way for a minute.
        var input = Reviews(60);
        var results = ResultsBeside(input);
        var slow = new Dictionary<string, string> { ["AuditClients__CloudFactory__Resilience__RequestsPerSecond"] = "1" };
        using var tool = ToolProcess.Start(slow, "submit", "reviews", "--fake", input, "--results", results, "--concurrency", "2");
        await tool.WaitUntilAsync(() => SomeDone().IsMatch(tool.Error), "a review done");

        await tool.SignalAsync("TERM");
        var code = await tool.WaitForExitAsync();

        Assert.That(code, Is.EqualTo(4), tool.ToString());
        var lines = Results(results);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(lines.Select(l => l.GetProperty("line").GetInt32()).Order(), Is.EqualTo(Enumerable.Range(1, 60)), "one line per record");
            Assert.That(lines.Count(l => l.GetProperty("status").GetString() == "not_sent"), Is.GreaterThan(0));
            Assert.That(lines.Count(l => l.GetProperty("status").GetString() == "succeeded"), Is.GreaterThan(0));
            Assert.That(tool.Error, Does.Contain("submit reviews").And.Contain("not sent (interrupted)"), "the summary is printed");
        }
    }

    [Test]
    public async Task A_second_sigterm_ends_the_tool_at_once_while_its_sends_are_still_held_by_the_server()
    {
        await using var server = GatedServer.Start(answerFirst: 0);
        var input = Reviews(10);
        using var tool = ToolProcess.Start(server.Environment(), "submit", "reviews", input, "--results", ResultsBeside(input), "--concurrency", "2");
        await tool.WaitUntilAsync(() => server.Received.Count >= 2, "two reviews at the server");

        await tool.SignalAsync("TERM");
        await tool.WaitUntilAsync(() => tool.Error.Contains("SIGTERM: stopping", StringComparison.Ordinal), "the tool to say it is stopping");
        await tool.SignalAsync("TERM");

        // The held sends would keep a graceful stop waiting for ten minutes; 143 is 128 + SIGTERM, the signal's own end.
        Assert.That(await tool.WaitForExitAsync(), Is.EqualTo(143), tool.ToString());
    }

    [Test]
    public async Task A_second_sigterm_ends_a_fake_run_at_once()
    {
        // Sixteen sends wait for the rate limiter at one a second: a graceful stop would end with exit code 4 after them.
        var input = Reviews(60);
        var slow = new Dictionary<string, string> { ["AuditClients__CloudFactory__Resilience__RequestsPerSecond"] = "1" };
        using var tool = ToolProcess.Start(slow, "submit", "reviews", "--fake", input, "--results", ResultsBeside(input), "--concurrency", "16");
        await tool.WaitUntilAsync(() => SomeDone().IsMatch(tool.Error), "a review done");

        await tool.SignalAsync("TERM");
        await tool.WaitUntilAsync(() => tool.Error.Contains("SIGTERM: stopping", StringComparison.Ordinal), "the tool to say it is stopping");
        await tool.SignalAsync("TERM");

        Assert.That(await tool.WaitForExitAsync(), Is.EqualTo(143), tool.ToString());
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task A_killed_run_leaves_a_complete_results_line_for_every_answer_the_server_gave(bool journaled)
    {
        // Five answered, then held. With two sends at once, the seventh review leaves only after five outcomes were
        // taken in, so once the server has seen seven, the tool knew five outcomes when it is killed.
        await using var server = GatedServer.Start(answerFirst: 5);
        var input = Reviews(40);
        var results = ResultsBeside(input);
        string[] journal = journaled ? ["--journal", Path.Combine(Path.GetDirectoryName(input)!, "journal.jsonl")] : [];
        using var tool = ToolProcess.Start(server.Environment(), ["submit", "reviews", input, "--results", results, "--concurrency", "2", .. journal]);
        await tool.WaitUntilAsync(() => server.Received.Count >= 7, "seven reviews at the server");

        await tool.SignalAsync("KILL");
        Assert.That(await tool.WaitForExitAsync(), Is.EqualTo(137));

        var text = File.ReadAllText(results);
        Assert.That(text, Is.Empty.Or.EndsWith("\n"), "no line is cut");
        var lines = Results(results);
        Assert.That(server.Answered, Has.Count.EqualTo(5));
        Assert.That(lines.Where(l => l.GetProperty("status").GetString() == "succeeded").Select(l => l.GetProperty("key").GetString()),
            Is.EquivalentTo(server.Answered), "a line for each answer, each line complete JSON");
    }
}
