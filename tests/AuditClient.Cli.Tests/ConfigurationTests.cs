using AuditClient.Testing;

namespace AuditClient.Cli.Tests;

public class ConfigurationTests
{
    [Test]
    public async Task Without_a_key_the_command_fails_with_exit_code_3_naming_the_variable()
    {
        var path = Cli.Temp("r.jsonl", Cli.Review(1) + "\n");

        var reviews = await Cli.RunAsync(["submit", "reviews", path]);
        var tasks = await Cli.RunAsync(["tasks", "list"]);

        Assert.That(reviews.ExitCode, Is.EqualTo(3), reviews.ToString());
        Assert.That(reviews.Error, Does.Contain("AuditClients__CloudFactory__ApiKey").And.Contain("--fake"));
        Assert.That(tasks.ExitCode, Is.EqualTo(3));
        Assert.That(tasks.Error, Does.Contain("AuditClients__Scale__ApiKey"));
    }

    [Test]
    public async Task An_invalid_setting_or_config_file_is_exit_code_3_and_the_key_is_not_printed()
    {
        var environment = new Dictionary<string, string?>
        {
            ["AuditClients__Scale__ApiKey"] = "scale_secret_key_987",
            ["AuditClients__Scale__Resilience__RequestsPerSecond"] = "0",
        };
        var badSetting = await Cli.RunAsync(["tasks", "list"], environment);
        var missingFile = await Cli.RunAsync(["tasks", "list", "--config", "no-such-appsettings.json"]);
        var notJson = await Cli.RunAsync(["tasks", "list", "--config", Cli.Temp("appsettings.json", "{ not json")]);

        Assert.That(badSetting.ExitCode, Is.EqualTo(3), badSetting.ToString());
        Assert.That(badSetting.Error, Does.Contain("RequestsPerSecond"));
        Assert.That(badSetting.Out + badSetting.Error, Does.Not.Contain("scale_secret_key_987"));
        Assert.That(missingFile.ExitCode, Is.EqualTo(3));
        Assert.That(notJson.ExitCode, Is.EqualTo(3), notJson.ToString());
    }

    [Test]
    public async Task Settings_from_the_environment_reach_the_vendor_through_AddAuditClients()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var environment = new Dictionary<string, string?>
        {
            ["AuditClients__CloudFactory__ApiKey"] = fakes.CloudFactoryApiKey,
            ["AuditClients__CloudFactory__BaseAddress"] = fakes.BaseAddress.ToString(),
        };
        var path = Cli.Temp("r.jsonl", Cli.Review(1) + "\n" + Cli.Review(2) + "\n");

        var run = await Cli.RunAsync(["submit", "reviews", path], environment);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Settings_from_a_config_file_work_and_the_environment_wins_over_it()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var config = Cli.Temp("appsettings.json", $$"""
            { "AuditClients": { "Scale": { "ApiKey": "wrong-key", "BaseAddress": "{{fakes.BaseAddress}}" } } }
            """);
        var environment = new Dictionary<string, string?> { ["AuditClients__Scale__ApiKey"] = fakes.ScaleApiKey };

        var run = await Cli.RunAsync(["tasks", "list", "--config", config], environment);
        var wrongKey = await Cli.RunAsync(["tasks", "list", "--config", config]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.OutLines, Has.Length.EqualTo(25));
        Assert.That(wrongKey.ExitCode, Is.EqualTo(1), wrongKey.ToString());
        Assert.That(wrongKey.Out + wrongKey.Error, Does.Not.Contain("wrong-key"));
    }
}
