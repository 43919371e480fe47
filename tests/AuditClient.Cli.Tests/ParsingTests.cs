namespace AuditClient.Cli.Tests;

public class ParsingTests
{
    private static readonly string[][] Commands =
    [
        [], ["validate"], ["validate", "audits"], ["validate", "reviews"], ["submit"], ["submit", "audits"], ["submit", "reviews"],
        ["tasks"], ["tasks", "list"], ["audits"], ["audits", "list"], ["quality"],
    ];

    [TestCaseSource(nameof(Commands))]
    public async Task Every_command_has_help_with_an_example(string[] command)
    {
        var run = await Cli.RunAsync([.. command, "--help"]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Out, Does.Contain("Usage:").And.Contain("Examples:").And.Contain("  auditclient "));
    }

    [Test]
    public async Task The_root_help_documents_the_exit_codes_and_where_keys_come_from()
    {
        var run = await Cli.RunAsync(["--help"]);

        Assert.That(run.Out, Does.Contain("0 ok; 1 failed at the vendor").And.Contain("2 usage").And.Contain("3 configuration").And.Contain("4 interrupted")
            .And.Contain("5 invalid records").And.Contain("6 stopped by --max-failures").And.Contain("7 empty"));
        Assert.That(run.Out, Does.Contain("AuditClients__Scale__ApiKey").And.Contain("never accepted as arguments"));
    }

    [Test]
    public async Task The_journal_option_says_in_the_help_how_a_run_is_resumed()
    {
        var help = await Cli.RunAsync(["submit", "reviews", "--help"]);

        Assert.That(help.Out, Does.Contain("--journal").And.Contain("resumable").And.Contain("Run the same command again with the same FILE"));
        Assert.That(help.Out, Does.Not.Contain("NOT AVAILABLE"));
    }

    [TestCase("frobnicate")]
    [TestCase("validate", "reviews")]
    [TestCase("validate", "reviews", "x.jsonl", "--bogus")]
    [TestCase("submit", "reviews", "x.jsonl", "--concurrency", "0")]
    [TestCase("submit", "reviews", "x.jsonl", "--concurrency", "many")]
    [TestCase("tasks", "list", "--format", "xml")]
    [TestCase("audits", "list")]
    [TestCase("validate", "audits", "x.csv", "--format", "csv")]
    public async Task A_wrong_command_line_is_exit_code_2_with_a_message_and_no_stack_trace(params string[] args)
    {
        var run = await Cli.RunAsync(args);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.StartWith("error: "));
        Assert.That(run.Error + run.Out, Does.Not.Contain("   at "));
    }

    [TestCase("--created-after")]
    [TestCase("--created-before")]
    [TestCase("--completed-after")]
    [TestCase("--completed-before")]
    [TestCase("--updated-after")]
    [TestCase("--updated-before")]
    public async Task A_time_option_that_is_not_iso_8601_says_so_in_the_vendors_words(string option)
    {
        var run = await Cli.RunAsync(["tasks", "list", "--fake", option, "yesterday"]);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.Error, Does.StartWith($"error: {option} 'yesterday': must be an ISO 8601 date-time such as 2024-01-03T03:08:58.200Z"));
        Assert.That(run.Error, Does.Not.Contain("System."));
    }

    [Test]
    public async Task A_missing_file_and_a_directory_are_exit_code_2()
    {
        var missing = await Cli.RunAsync(["validate", "reviews", "no-such-file.jsonl"]);
        var directory = await Cli.RunAsync(["validate", "reviews", TestContext.CurrentContext.WorkDirectory]);

        Assert.That(missing.ExitCode, Is.EqualTo(2));
        Assert.That(missing.Error, Is.EqualTo("error: no-such-file.jsonl: no such file." + Environment.NewLine));
        Assert.That(directory.ExitCode, Is.EqualTo(2));
        Assert.That(directory.Error, Does.Contain("is a directory"));
    }

    [TestCase("--api-key", "sk_live_secret_123")]
    [TestCase("--api-key=sk_live_secret_123")]
    [TestCase("--key", "sk_live_secret_123")]
    public async Task An_api_key_argument_is_refused_and_never_echoed(params string[] keyArgs)
    {
        var run = await Cli.RunAsync(["submit", "reviews", "x.jsonl", .. keyArgs]);

        Assert.That(run.ExitCode, Is.EqualTo(2));
        Assert.That(run.Error, Does.Contain("never accepted as arguments"));
        Assert.That(run.Out + run.Error, Does.Not.Contain("sk_live_secret_123"));
    }

    [TestCase(new[] { "submit", "reviews", "r.jsonl", "--concurrency", "abc" }, "--concurrency: 'abc' is not a whole number.")]
    [TestCase(new[] { "tasks", "list", "--page-size", "x" }, "--page-size: 'x' is not a whole number.")]
    [TestCase(new[] { "submit", "reviews", "r.jsonl", "--max-failures", "1.5" }, "--max-failures: '1.5' is not a whole number.")]
    [TestCase(new[] { "report", "--sla", "abc" }, "--sla: 'abc' is not a number.")]
    [TestCase(new[] { "fakes", "serve", "--port", "http" }, "--port: 'http' is not a whole number.")]
    public async Task A_value_an_option_cannot_take_is_named_in_the_options_words_not_a_CLR_type(string[] args, string expected)
    {
        var run = await Cli.RunAsync(args);

        Assert.That(run.ExitCode, Is.EqualTo(2), run.ToString());
        Assert.That(run.ErrorLines[0], Is.EqualTo("error: " + expected));
        Assert.That(run.Error, Does.Not.Contain("System.").And.Not.Contain("`1"));
    }
}
