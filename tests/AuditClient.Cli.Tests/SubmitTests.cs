using System.Text.Json;
using AuditClient.Cli.Commands;
using AuditClient.Cli.Input;
using AuditClient.Testing;
using Spectre.Console.Testing;

namespace AuditClient.Cli.Tests;

public class SubmitTests
{
    private static Dictionary<string, string?> CloudFactoryAt(AuditFakes fakes) => new()
    {
        ["AuditClients__CloudFactory__ApiKey"] = fakes.CloudFactoryApiKey,
        ["AuditClients__CloudFactory__BaseAddress"] = fakes.BaseAddress.ToString(),
        ["AuditClients__CloudFactory__Resilience__RetryBaseDelay"] = "00:00:00.010",
        ["AuditClients__CloudFactory__Resilience__RetryMaxDelay"] = "00:00:00.050",
        ["AuditClients__CloudFactory__Resilience__MaxRetryAttempts"] = "3",
    };

    private static List<JsonElement> Results(string path) =>
        File.ReadLines(path).Select(l => JsonDocument.Parse(l).RootElement.Clone()).OrderBy(r => r.GetProperty("line").GetInt32()).ToList();

    [Test]
    public async Task Reviews_are_sent_and_every_line_has_a_result()
    {
        var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 20).Select(i => Cli.Review(i))) + "\n");
        var results = Path.Combine(Path.GetDirectoryName(path)!, "results.jsonl");

        var run = await Cli.RunAsync(["submit", "reviews", "--fake", path, "--results", results, "--concurrency", "4"]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var lines = Results(results);
        Assert.That(lines.Select(r => r.GetProperty("line").GetInt32()), Is.EqualTo(Enumerable.Range(1, 20)));
        Assert.That(lines.Select(r => r.GetProperty("status").GetString()), Is.All.EqualTo("succeeded"));
        Assert.That(lines[0].GetProperty("key").GetString(), Is.EqualTo("review-1"));
        Assert.That(lines[0].GetProperty("message").GetString(), Is.EqualTo("Data successfully received."));
        Assert.That(run.Error, Does.Contain("succeeded").And.Contain("│       20 │").Or.Contain("20"));
        Assert.That(run.Error, Does.Contain("reviews: 20/20 done, 0 failed"));
    }

    [Test]
    public async Task Reviews_are_sent_no_faster_than_the_configured_rate_and_every_line_is_accounted_for()
    {
        // 60 reviews at 10/s (half the default, so the setting must have been read): the limiter lets 10 go at once
        // and 10 more per window of 1.16 s, so the last leaves after five windows. A lower bound only: a loaded machine
        // can make the run slower, never faster.
        var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 60).Select(i => Cli.Review(i))) + "\n");
        var results = Path.Combine(Path.GetDirectoryName(path)!, "results.jsonl");
        var environment = new Dictionary<string, string?> { ["AuditClients__CloudFactory__Resilience__RequestsPerSecond"] = "10" };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var run = await Cli.RunAsync(["submit", "reviews", "--fake", path, "--results", results, "--concurrency", "16"], environment);

        clock.Stop();
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(Results(results).Select(r => r.GetProperty("status").GetString()).ToList(), Has.Count.EqualTo(60).And.All.EqualTo("succeeded"));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(5)), "60 reviews at 10/s cannot all leave within five seconds");
    }

    [Test]
    public async Task Audits_are_sent_and_their_results_carry_the_vendor_id()
    {
        var path = Cli.Temp("audits.jsonl", Cli.Audit() + "\n" + Cli.Audit("000000000000000000000000") + "\n");
        var results = Path.Combine(Path.GetDirectoryName(path)!, "results.jsonl");

        var run = await Cli.RunAsync(["submit", "audits", "--fake", path, "--results", results]);

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        var lines = Results(results);
        Assert.That(lines[0].GetProperty("status").GetString(), Is.EqualTo("succeeded"));
        Assert.That(lines[0].GetProperty("vendor_id").GetString(), Has.Length.EqualTo(24));
        Assert.That(lines[0].GetProperty("key").GetString(), Is.EqualTo(ScaleFake.ExampleTaskId));
        Assert.That(lines[1].GetProperty("status").GetString(), Is.EqualTo("failed"));
        Assert.That(lines[1].GetProperty("error").GetString(), Does.Contain("404"));
    }

    [Test]
    public async Task An_audit_with_a_value_outside_a_closed_set_is_sent_only_when_its_set_is_allowed()
    {
        var path = Cli.Temp("audits.jsonl", Cli.Audit().Replace("\"category\":\"geometry\"", "\"category\":\"occlusion\"", StringComparison.Ordinal) + "\n");
        var results = Path.Combine(Path.GetDirectoryName(path)!, "results.jsonl");

        var refused = await Cli.RunAsync(["submit", "audits", "--fake", path, "--results", results]);
        var refusedStatus = Results(results)[0].GetProperty("status").GetString();
        var allowed = await Cli.RunAsync(["submit", "audits", "--fake", path, "--results", results, "--allow-unlisted", "category"]);

        Assert.That(refused.ExitCode, Is.EqualTo(5), refused.ToString());
        Assert.That(refusedStatus, Is.EqualTo("invalid"));
        Assert.That(allowed.ExitCode, Is.EqualTo(0), allowed.ToString());
        Assert.That(allowed.Out + allowed.Error, Does.Contain("warning feedback_items[0].category: must be one of"));
        Assert.That(Results(results)[0].GetProperty("status").GetString(), Is.EqualTo("succeeded"));
    }

    [Test]
    public async Task A_run_started_again_with_its_journal_sends_nothing_twice_and_lists_the_earlier_records_as_resumed()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 8).Select(i => Cli.Review(i))) + "\n");
        var journal = Path.Combine(Path.GetDirectoryName(path)!, "journal.jsonl");
        var results = Path.Combine(Path.GetDirectoryName(path)!, "results.jsonl");

        var first = await Cli.RunAsync(["submit", "reviews", path, "--journal", journal], CloudFactoryAt(fakes));
        var second = await Cli.RunAsync(["submit", "reviews", path, "--journal", journal, "--results", results], CloudFactoryAt(fakes));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(second.ExitCode, Is.Zero, second.ToString());
            Assert.That(fakes.RequestsTo(FakeEndpoint.CloudFactoryTaskReviewed), Has.Count.EqualTo(8), "each review sent once over both runs");
            Assert.That(Results(results).Select(r => r.GetProperty("status").GetString()), Is.EqualTo(Enumerable.Repeat("resumed", 8)));
            Assert.That(second.Error, Does.Contain("of which resumed"));
        }
    }

    [Test]
    public async Task The_summary_counts_resumed_records_apart_from_those_sent_and_gives_the_rate_of_those_sent()
    {
        // The first run stores five and fails three (a 500, not retried); the second resumes the five and sends the three.
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.CloudFactoryTaskReviewed, FakeFault.ServerError(), times: 3);
        var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 8).Select(i => Cli.Review(i))) + "\n");
        var journal = Path.Combine(Path.GetDirectoryName(path)!, "journal.jsonl");
        var noRetry = new Dictionary<string, string?>(CloudFactoryAt(fakes)) { ["AuditClients__CloudFactory__Resilience__MaxRetryAttempts"] = "0" };

        var first = await Cli.RunAsync(["submit", "reviews", path, "--journal", journal, "--concurrency", "1"], noRetry);
        var second = await Cli.RunAsync(["submit", "reviews", path, "--journal", journal], CloudFactoryAt(fakes));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.EqualTo(1), first.ToString());
            Assert.That(first.Error, Does.Match(@"8 sent in \d+\.\d s \(\d+\.\d/s\), 0 resumed"), first.ToString());
            Assert.That(second.ExitCode, Is.Zero, second.ToString());
            Assert.That(second.Error, Does.Match(@"3 sent in \d+\.\d s \(\d+\.\d/s\), 5 resumed"), second.ToString());
            Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(8));
        }
    }

    [Test]
    [NonParallelizable]
    public async Task A_journal_on_a_full_disk_ends_with_the_summary_every_outcome_in_the_results_and_an_error_naming_the_journal_and_its_cause()
    {
        // A file system of two pages: the journal fills it a few reviews into the run.
        var disk = Directory.CreateTempSubdirectory("auditclient-full-disk-").FullName;
        if (!await MountAsync(disk, "size=8k"))
        {
            Directory.Delete(disk);
            return;
        }

        try
        {
            await using var fakes = await AuditFakes.StartAsync();
            var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 60).Select(i => Cli.Review(i))) + "\n");
            var results = Path.Combine(Path.GetDirectoryName(path)!, "results.jsonl");
            var journal = Path.Combine(disk, "journal.jsonl");

            var run = await EndsAsync(Cli.RunAsync(["submit", "reviews", path, "--journal", journal, "--results", results, "--concurrency", "4"], CloudFactoryAt(fakes)));

            var lines = Results(results);
            var stored = fakes.CloudFactory.Reviews.Select(r => (string?)r["unique_id"]).ToList();
            using (Assert.EnterMultipleScope())
            {
                Assert.That(run.Error, Does.Contain("submit reviews").And.Contain("not sent (the journal could not be written)"), "the summary is printed");
                Assert.That(stored, Is.Not.Empty.And.Count.LessThan(60), "the disk filled mid-run");
                Assert.That(run.Error, Does.Contain($"Journal {journal}: cannot be written").And.Contain("No space left on device"), run.ToString());
                Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());

                // Every record has its one line: those answered with their answer, the others not sent, with the journal's error.
                Assert.That(lines.Select(l => l.GetProperty("line").GetInt32()), Is.EqualTo(Enumerable.Range(1, 60)), "one line per record");
                Assert.That(lines.Where(l => l.GetProperty("status").GetString() == "succeeded").Select(l => l.GetProperty("key").GetString()),
                    Is.EquivalentTo(stored), "every review the fake stored is reported succeeded");
                Assert.That(lines.Where(l => l.GetProperty("status").GetString() == "not_sent").Select(l => l.GetProperty("error").GetString()),
                    Has.All.Contains($"Journal {journal}: cannot be written"));

                // Space freed: the same command again sends the rest, and stores nothing twice.
                Assert.That(await MountAsync(disk, "remount,size=1m"), Is.True);
                var resumed = await EndsAsync(Cli.RunAsync(["submit", "reviews", path, "--journal", journal, "--results", results], CloudFactoryAt(fakes)));
                Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
                Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(60));
            }
        }
        finally
        {
            // Lazily: a run that did not end may still hold the journal open.
            await RunAsync("umount", "--lazy", disk);
            Directory.Delete(disk, recursive: true);
        }
    }

    [TestCase(false)]
    [TestCase(true)]
    [NonParallelizable]
    public async Task Results_on_a_full_disk_stop_sending_and_the_run_ends_with_the_summary_of_every_send_and_an_error_naming_the_results_file(bool journaled)
    {
        // A file system of one page: the results fill it a few dozen reviews into the run.
        var disk = Directory.CreateTempSubdirectory("auditclient-full-disk-").FullName;
        if (!await MountAsync(disk, "size=4k"))
        {
            Directory.Delete(disk);
            return;
        }

        try
        {
            await using var fakes = await AuditFakes.StartAsync();
            var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 300).Select(i => Cli.Review(i))) + "\n");
            var journal = Path.Combine(Path.GetDirectoryName(path)!, "journal.jsonl");
            var results = Path.Combine(disk, "results.jsonl");
            string[] args = ["submit", "reviews", path, "--results", results, "--concurrency", "4", .. journaled ? new[] { "--journal", journal } : []];

            var run = await EndsAsync(Cli.RunAsync(args, CloudFactoryAt(fakes)));

            var stored = fakes.CloudFactory.Reviews.Select(r => (string?)r["unique_id"]).ToList();
            var sent = System.Text.RegularExpressions.Regex.Match(run.Error, @"(\d+) sent in");
            using (Assert.EnterMultipleScope())
            {
                Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
                Assert.That(run.Error, Does.Contain($"--results {results}: cannot be written").And.Contain("No space left on device").And.Not.Contain("Exception"), run.ToString());
                Assert.That(run.Error, Does.Contain("not sent (--results could not be written)"), "the summary is printed");
                Assert.That(stored, Is.Not.Empty.And.Count.LessThan(300), "sending stopped when the results could not be written");
                Assert.That(sent.Success ? int.Parse(sent.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : -1, Is.EqualTo(stored.Count), "every send is in the summary");
                Assert.That(File.ReadLines(results).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("status").GetString()), Has.All.EqualTo("succeeded"), "whole lines only");
            }

            if (journaled)
            {
                var resumed = await EndsAsync(Cli.RunAsync(["submit", "reviews", path, "--journal", journal], CloudFactoryAt(fakes)));
                Assert.That(resumed.ExitCode, Is.Zero, resumed.ToString());
                Assert.That(fakes.CloudFactory.Reviews.Select(r => (string?)r["unique_id"]).ToList(), Is.Unique.And.Count.EqualTo(300), "the rest sent, nothing twice");
            }
        }
        finally
        {
            await RunAsync("umount", "--lazy", disk);
            Directory.Delete(disk, recursive: true);
        }
    }

    [Test]
    public async Task Standard_error_that_cannot_be_written_loses_no_outcome_and_reports_none_twice()
    {
        // Progress lines every few reviews, all on a standard error that fails each write (a log on a full disk).
        await using var fakes = await AuditFakes.StartAsync();
        var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 40).Select(i => Cli.Review(i))) + "\n");
        var results = Path.Combine(Path.GetDirectoryName(path)!, "results.jsonl");
        var summary = Path.Combine(Path.GetDirectoryName(path)!, "summary.json");
        var start = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in (string[])["-c", "exec dotnet \"$@\" 2>/dev/full", "sh", Path.Combine(TestContext.CurrentContext.TestDirectory, "AuditClient.Cli.dll"),
            "submit", "reviews", path, "--results", results, "--concurrency", "2", "--summary-json", summary])
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in CloudFactoryAt(fakes))
        {
            start.Environment[name] = value;
        }

        start.Environment["AuditClients__CloudFactory__Resilience__RequestsPerSecond"] = "8";
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        var lines = Results(results);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(process.ExitCode, Is.Zero, output);
            Assert.That(lines.Select(l => l.GetProperty("line").GetInt32()), Is.EqualTo(Enumerable.Range(1, 40)), "one line per record, none twice");
            Assert.That(lines.Select(l => l.GetProperty("status").GetString()), Has.All.EqualTo("succeeded"));
            Assert.That(output, Is.Empty, "standard output carries data only");
            var json = JsonDocument.Parse(File.ReadAllText(summary)).RootElement;
            Assert.That((json.GetProperty("succeeded").GetInt32(), json.GetProperty("sent").GetInt32()), Is.EqualTo((40, 40)), "the summary is kept for a program to read");
        }
    }

    [Test]
    public async Task Standard_output_that_cannot_be_written_is_said_in_plain_words_with_exit_code_2()
    {
        var start = new System.Diagnostics.ProcessStartInfo("sh") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["-c", "exec dotnet \"$@\" >/dev/full", "sh", Path.Combine(TestContext.CurrentContext.TestDirectory, "AuditClient.Cli.dll"),
            "tasks", "list", "--fake"])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(process.ExitCode, Is.EqualTo(2), error);
            Assert.That(error, Does.Contain("could not be read or written").And.Not.Contain("Exception"));
        }
    }

    // A deadline, not a measure: a run that waits forever on a journal line that was never written must fail the test.
    private static async Task<CliRun> EndsAsync(Task<CliRun> run)
    {
        try
        {
            return await run.WaitAsync(TimeSpan.FromMinutes(3));
        }
        catch (TimeoutException)
        {
            Assert.Fail("the run did not end");
            throw;
        }
    }

    // A tmpfs of the given size; only root may mount one (CI runs as root): elsewhere the test is skipped.
    private static async Task<bool> MountAsync(string directory, string options)
    {
        var (code, output) = await RunAsync("mount", "-t", "tmpfs", "-o", options, "tmpfs", directory);
        if (code == 0)
        {
            return true;
        }

        if (Environment.UserName != "root")
        {
            Assert.Ignore($"mounting a tmpfs needs root: {output}");
        }

        Assert.Fail($"mount -o {options} {directory} failed: {output}");
        return false;
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(file, args) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output);
    }

    [TestCase(false)]
    [TestCase(true)]
    public async Task Interrupted_while_the_file_is_checked_nothing_is_sent_every_line_is_reported_and_the_summary_is_printed_with_exit_code_4(bool journaled)
    {
        // The signal came before the first send: during the check of the whole file that comes first.
        await using var fakes = await AuditFakes.StartAsync();
        var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 5).Select(i => Cli.Review(i))) + "\n" + Cli.Review(6, score: 7) + "\n");
        var results = Path.Combine(Path.GetDirectoryName(path)!, "results.jsonl");
        var journal = Path.Combine(Path.GetDirectoryName(path)!, "journal.jsonl");
        string[] args = ["submit", "reviews", path, "--results", results, "--skip-invalid", .. journaled ? new[] { "--journal", journal } : []];

        var run = await Cli.RunAsync(args, CloudFactoryAt(fakes), new CancellationToken(canceled: true));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
            Assert.That(fakes.Requests, Is.Empty);
            Assert.That(Results(results).Select(r => r.GetProperty("status").GetString()), Is.EqualTo(new[] { "not_sent", "not_sent", "not_sent", "not_sent", "not_sent", "invalid" }));
            Assert.That(run.Error, Does.Contain("submit reviews").And.Contain("not sent (interrupted)"), "the summary is printed");
            Assert.That(run.Error, Does.Contain("5 reviews were not sent"));
        }
    }

    [Test]
    public async Task Results_given_the_input_file_are_refused_with_exit_code_2_and_the_input_is_left_as_it_was()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var content = string.Join('\n', Enumerable.Range(1, 5).Select(i => Cli.Review(i))) + "\n";
        var path = Cli.Temp("reviews.jsonl", content);

        var run = await Cli.RunAsync(["submit", "reviews", path, "--results", Path.Combine(Path.GetDirectoryName(path)!, ".", "reviews.jsonl")], CloudFactoryAt(fakes));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("--results").And.Contain("the input file"));
            Assert.That(File.ReadAllText(path), Is.EqualTo(content), "the input is not wiped");
            Assert.That(fakes.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task Results_given_the_config_file_are_refused_with_exit_code_2_and_the_settings_are_left_as_they_were()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var path = Cli.Temp("reviews.jsonl", Cli.Review(1) + "\n");
        var settings = "{\"AuditClients\":{\"CloudFactory\":{\"ApiKey\":\"" + fakes.CloudFactoryApiKey + "\",\"BaseAddress\":\"" + fakes.BaseAddress + "\"}}}";
        var config = Path.Combine(Path.GetDirectoryName(path)!, "settings.json");
        File.WriteAllText(config, settings);

        var run = await Cli.RunAsync(["submit", "reviews", path, "--config", config, "--results", config]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
            Assert.That(run.Error, Does.Contain("--results").And.Contain("the --config file"));
            Assert.That(File.ReadAllText(config), Is.EqualTo(settings), "the settings are not wiped");
            Assert.That(fakes.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task Results_given_the_journal_are_refused_with_exit_code_2_and_the_journal_still_keeps_a_resumed_run_from_sending_twice()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 5).Select(i => Cli.Review(i))) + "\n");
        var journal = Path.Combine(Path.GetDirectoryName(path)!, "journal.jsonl");
        var link = Path.Combine(Path.GetDirectoryName(path)!, "link-to-journal.jsonl");
        var first = await Cli.RunAsync(["submit", "reviews", path, "--journal", journal], CloudFactoryAt(fakes));
        var written = File.ReadAllText(journal);
        File.CreateSymbolicLink(link, journal);

        var refused = await Cli.RunAsync(["submit", "reviews", path, "--journal", journal, "--results", link], CloudFactoryAt(fakes));
        var again = await Cli.RunAsync(["submit", "reviews", path, "--journal", journal], CloudFactoryAt(fakes));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.ExitCode, Is.Zero, first.ToString());
            Assert.That(refused.ExitCode, Is.EqualTo(2), refused.ToString());
            Assert.That(refused.Error, Does.Contain("--results").And.Contain("the journal"));
            Assert.That(File.ReadAllText(journal), Does.StartWith(written), "the journal is not wiped");
            Assert.That(fakes.RequestsTo(FakeEndpoint.CloudFactoryTaskReviewed), Has.Count.EqualTo(5), "each review sent once over the three runs");
        }
    }

    [Test]
    public async Task A_journal_made_for_another_file_is_refused_with_exit_code_2_and_nothing_is_sent()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var path = Cli.Temp("reviews.jsonl", Cli.Review(1) + "\n");
        var other = Cli.Temp("other.jsonl", Cli.Review(2) + "\n");
        var journal = Path.Combine(Path.GetDirectoryName(path)!, "journal.jsonl");
        await Cli.RunAsync(["submit", "reviews", path, "--journal", journal], CloudFactoryAt(fakes));
        fakes.ClearRequests();

        var run = await Cli.RunAsync(["submit", "reviews", other, "--journal", journal], CloudFactoryAt(fakes));

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("was made for other input"));
        Assert.That(fakes.Requests, Is.Empty);
    }

    [Test]
    public async Task Nothing_is_sent_when_a_line_has_an_error_and_the_results_say_why()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var path = Cli.Temp("reviews.csv", Cli.CsvHeader + "\n" + Cli.CsvRow(1) + "\n" + Cli.CsvRow(2, score: "7") + "\n" + Cli.CsvRow(3) + "\n");
        var results = Path.Combine(Path.GetDirectoryName(path)!, "results.jsonl");

        var run = await Cli.RunAsync(["submit", "reviews", path, "--results", results], CloudFactoryAt(fakes));

        Assert.That(run.ExitCode, Is.EqualTo(5), run.ToString());
        Assert.That(fakes.RequestsTo(FakeEndpoint.CloudFactoryTaskReviewed), Is.Empty);
        Assert.That(run.Error, Does.Contain($"{path}:3: error review_score: must be a number between 0 and 1").And.Contain("nothing was sent"));
        Assert.That(Results(results).Select(r => r.GetProperty("status").GetString()), Is.EqualTo(new[] { "not_sent", "invalid", "not_sent" }));
    }

    [Test]
    public async Task With_skip_invalid_the_valid_lines_are_sent_and_every_line_is_accounted_for()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.CloudFactoryTaskReviewed, FakeFault.ServerError(), times: 4);
        var lines = new[] { Cli.Review(1), Cli.Review(2, score: 3), "not json", Cli.Review(4), Cli.Review(5) };
        var path = Cli.Temp("reviews.jsonl", string.Join('\n', lines) + "\n");
        var results = Path.Combine(Path.GetDirectoryName(path)!, "results.jsonl");

        var run = await Cli.RunAsync(["submit", "reviews", path, "--skip-invalid", "--results", results, "--concurrency", "1"], CloudFactoryAt(fakes));

        Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
        var statuses = Results(results).Select(r => r.GetProperty("status").GetString()).ToList();
        Assert.That(statuses, Has.Count.EqualTo(5));
        Assert.That(statuses.Count(s => s == "invalid"), Is.EqualTo(2));
        Assert.That(statuses.Count(s => s == "failed"), Is.EqualTo(1));
        Assert.That(statuses.Count(s => s == "succeeded"), Is.EqualTo(2));
        Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Interrupting_stops_sending_waits_for_the_items_in_flight_and_reports_those_not_sent()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.CloudFactoryTaskReviewed, FakeFault.Delay(TimeSpan.FromMilliseconds(300)), times: 100);
        var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 40).Select(i => Cli.Review(i))) + "\n");
        var results = Path.Combine(Path.GetDirectoryName(path)!, "results.jsonl");
        using var interrupt = new CancellationTokenSource(TimeSpan.FromMilliseconds(400));

        var run = await Cli.RunAsync(["submit", "reviews", path, "--results", results, "--concurrency", "2"], CloudFactoryAt(fakes), interrupt.Token);

        Assert.That(run.ExitCode, Is.EqualTo(4), run.ToString());
        var lines = Results(results);
        var succeeded = lines.Count(r => r.GetProperty("status").GetString() == "succeeded");
        var notSent = lines.Count(r => r.GetProperty("status").GetString() == "not_sent");
        Assert.That(lines.Select(r => r.GetProperty("line").GetInt32()), Is.EqualTo(Enumerable.Range(1, 40)));
        Assert.That(succeeded + notSent, Is.EqualTo(40));
        Assert.That(notSent, Is.GreaterThan(0));
        Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(succeeded), "every send started was finished, and reported");
        Assert.That(run.Error, Does.Contain($"{notSent} reviews were not sent"));
    }

    [Test]
    public async Task On_a_terminal_the_progress_is_a_live_Spectre_bar()
    {
        var path = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 5).Select(i => Cli.Review(i))) + "\n");
        var console = new TestConsole().Interactive().EmitAnsiSequences().Width(120);
        var output = new StringWriter();
        var context = new CliContext
        {
            Out = output,
            Error = new StringWriter(),
            Console = new TestConsole(),
            ErrorConsole = console,
            Interactive = true,
            Environment = new Dictionary<string, string?>(),
        };

        var code = await CliApp.RunAsync(["submit", "reviews", "--fake", path], context, CancellationToken.None);

        Assert.That(code, Is.EqualTo(0), console.Output);
        Assert.That(console.Output, Does.Contain("reviews: 5/5 done, 0 failed").And.Contain("100%"));
        Assert.That(console.Output, Does.Contain("\u001b["), "a terminal gets ANSI");
        Assert.That(context.Error.ToString(), Does.Not.Contain("done,"), "no plain progress lines on a terminal");
        Assert.That(output.ToString(), Is.Empty, "the bar and the summary are on standard error");
    }

    [Test]
    public void The_plain_progress_line_has_done_failed_rate_and_eta()
    {
        var line = Output.SubmitProgress.Line("reviews", new Output.SubmitCounts(30, 10, 100), TimeSpan.FromSeconds(10));

        Assert.That(line, Is.EqualTo("reviews: 40/100 done, 10 failed, 4.0/s, ETA 00:00:15"));
    }

    [Test]
    public void A_record_kind_reads_the_wire_format_through_AuditClientJson()
    {
        var parsed = RecordKind.Reviews.Parse(new InputRecord(7, Cli.Review(1, extra: ",\"an_unknown_field\":[1,2]"), null), default(AuditRules));

        Assert.That(parsed.HasError, Is.False);
        Assert.That(parsed.Key, Is.EqualTo("review-1"));
        Assert.That(AuditClientJson.Serialize((CloudFactory.TaskReview)parsed.Item!), Does.Contain("\"an_unknown_field\":[1,2]"));
        _ = typeof(Checker);
    }
}
