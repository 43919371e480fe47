namespace AuditClient.Cli.Tests;

/// <summary>A mistyped setting stops the tool with exit code 3 and its name, with or without --fake.</summary>
public class MistypedSettingsTests
{
    [TestCase(true)]
    [TestCase(false)]
    public async Task A_key_that_is_not_a_setting_is_exit_code_3_naming_it(bool fake)
    {
        var environment = new Dictionary<string, string?>
        {
            ["AuditClients__Scale__ApiKey"] = "scale_secret_key_987",
            ["AuditClients__Scale__Resilience__RequestPerSecond"] = "5",
        };

        var run = await Cli.RunAsync(fake ? ["tasks", "list", "--fake"] : ["tasks", "list"], environment);

        Assert.That(run.ExitCode, Is.EqualTo(3), run.ToString());
        Assert.That(run.Error, Does.Contain("AuditClients:Scale:Resilience:RequestPerSecond is not a setting; did you mean RequestsPerSecond?"));
        Assert.That(run.Out + run.Error, Does.Not.Contain("scale_secret_key_987"));
    }
}
