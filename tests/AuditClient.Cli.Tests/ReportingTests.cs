using System.Text.Json;

namespace AuditClient.Cli.Tests;

/// <summary><c>sync scale</c>, <c>import reviews</c> and <c>report</c> through the command line, against the fakes.</summary>
public sealed class ReportingTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "auditclient-reporting-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public async Task A_sync_then_an_import_then_a_report_give_the_figures_of_what_was_stored()
    {
        var store = Path.Combine(_directory, "audits.db");
        var reviews = Cli.Temp("reviews.jsonl", string.Join('\n', Cli.Review(1, 0.9), Cli.Review(2, 0.4), "{\"not\":\"a review\"}") + "\n");

        var sync = await Cli.RunAsync(["sync", "scale", "--fake", "--fixless", "--store", store]);
        var import = await Cli.RunAsync(["import", "reviews", reviews, "--store", store]);
        var again = await Cli.RunAsync(["import", "reviews", reviews, "--store", store]);
        var json = await Cli.RunAsync(["report", "--store", store, "--format", "json"]);
        var html = Path.Combine(_directory, "report.html");
        var page = await Cli.RunAsync(["report", "--store", store, "--out", html]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(sync.ExitCode, Is.Zero, sync.ToString());
            Assert.That(sync.Out, Is.Empty, "progress and the summary go to standard error");
            Assert.That(sync.Error, Does.Contain("synced 25 tasks"));
            Assert.That(import.Error, Does.Contain("3 reviews read, 2 new"), import.ToString());
            Assert.That(again.Error, Does.Contain("0 new").And.Contain("2 already there"), again.ToString());
            Assert.That(json.ExitCode, Is.Zero, json.ToString());
            using var figures = JsonDocument.Parse(json.Out);
            Assert.That(figures.RootElement.GetProperty("tasks").GetInt32(), Is.EqualTo(25));
            Assert.That(figures.RootElement.GetProperty("workers").GetArrayLength(), Is.EqualTo(1));
            Assert.That(page.ExitCode, Is.Zero, page.ToString());
            Assert.That(File.ReadAllText(html), Does.StartWith("<!DOCTYPE html>").And.Contain("Content-Security-Policy"));
            Assert.That(File.Exists(html + ".tmp"), Is.False);
        }
    }

    [Test]
    public async Task A_file_that_is_not_a_store_is_refused_and_left_as_it_was()
    {
        var settings = Cli.Temp("appsettings.json", "{\"AuditClients\":{\"Scale\":{\"ApiKey\":\"kept\"}}}");

        var run = await Cli.RunAsync(["sync", "scale", "--fake", "--store", settings]);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.Contain("not an AuditClient store"));
        Assert.That(File.ReadAllText(settings), Is.EqualTo("{\"AuditClients\":{\"Scale\":{\"ApiKey\":\"kept\"}}}"));
    }

    [Test]
    public async Task A_report_of_a_store_that_does_not_exist_is_a_usage_error_and_creates_nothing()
    {
        var missing = Path.Combine(_directory, "missing.db");

        var run = await Cli.RunAsync(["report", "--store", missing]);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(File.Exists(missing), Is.False);
    }
}
