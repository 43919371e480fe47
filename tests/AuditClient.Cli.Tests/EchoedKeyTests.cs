using System.Text;
using AuditClient.Echoes;

namespace AuditClient.Cli.Tests;

/// <summary>
/// The tool against a hostile vendor on a raw socket that echoes the configured API key, in every form it can come
/// back in, in what it answers: errors and successes alike. The key reaches neither the console nor the files the tool
/// writes.
/// </summary>
public sealed class EchoedKeyTests
{
    // '/', '+', '&', '<' and '"' are what JSON and percent-encoding change; the Basic credential of the Scale key holds
    // a '+' and padding.
    private const string ScaleKey = "sk/live+Sc&le<9f\"3a>>";
    private const string CloudFactoryKey = "cf/test+key=91bd&<>";
    private static readonly string Basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(ScaleKey + ":"));
    private static readonly string[] Secrets = [ScaleKey, CloudFactoryKey, Basic, Basic.TrimEnd('=')];

    [Test]
    public async Task Submit_prints_and_writes_to_results_no_key_that_the_vendor_echoes_in_errors_and_successes()
    {
        var forms = EchoForms.All.Values.Select(form => form(CloudFactoryKey)).ToList();
        using var server = EchoingServer.Start((_, body) => body.Contains("\"review-1\"", StringComparison.Ordinal)
            ? new EchoAnswer(401, Json("error", $"invalid key {string.Join(" | ", forms)}"), $"X-Request-Id: {CloudFactoryKey}")
            : new EchoAnswer(202, Json("message", $"received with key {string.Join(" | ", forms)}"), $"X-Request-Id: {CloudFactoryKey}"));
        var path = Cli.Temp("reviews.jsonl", Cli.Review(1) + "\n" + Cli.Review(2) + "\n");
        var results = Path.Combine(Path.GetDirectoryName(path)!, "results.jsonl");

        var run = await Cli.RunAsync(["submit", "reviews", path, "--results", results, "--concurrency", "1"], Environment(server));

        var written = File.ReadAllText(results);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(run.ExitCode, Is.EqualTo(1), run.ToString());
            Assert.That(EchoForms.Leaks(Secrets, [run.Out, run.Error, written]), Is.Empty);

            // Both answers were read: the failure's message and the success's, with the key replaced.
            Assert.That(written, Does.Contain("\"status\":\"failed\"").And.Contain("invalid key [redacted]"));
            Assert.That(written, Does.Contain("\"status\":\"succeeded\"").And.Contain("received with key [redacted]"));
        }
    }

    [Test]
    public async Task Tasks_list_prints_and_writes_no_key_that_the_vendor_echoes_in_tasks_tokens_and_errors()
    {
        using var server = EchoingServer.Start((line, _) => line.Contains("next_token", StringComparison.Ordinal)
            ? new EchoAnswer(401, Json("error", $"invalid key {string.Join(" | ", EchoForms.All.Values.Select(f => f(ScaleKey)))}, Basic {Basic}"))
            : new EchoAnswer(
                200,
                $$"""{"docs":[{"task_id":"t1","project":"{{EchoForms.All["JSON-escaped by System.Text.Json"](ScaleKey)}}","batch":"{{Basic}}"}],"next_token":"{{Uri.EscapeDataString(ScaleKey)}}","has_more":true}"""));
        var path = Cli.Temp("placeholder.txt", string.Empty);
        var output = Path.Combine(Path.GetDirectoryName(path)!, "tasks.jsonl");
        var csv = Path.Combine(Path.GetDirectoryName(path)!, "tasks.csv");

        var json = await Cli.RunAsync(["tasks", "list", "--out", output], Environment(server));
        var table = await Cli.RunAsync(["tasks", "list", "--format", "csv", "--out", csv], Environment(server));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(json.ExitCode, Is.EqualTo(1), json.ToString());
            Assert.That(EchoForms.Leaks(Secrets, [json.Out, json.Error, File.ReadAllText(output), table.Out, table.Error, File.ReadAllText(csv)]), Is.Empty);
            Assert.That(File.ReadAllText(output), Does.Contain("\"project\":\"[redacted]\""));
            Assert.That(json.Error, Does.Contain("--resume-token [redacted]").And.Contain("invalid key [redacted]"));
        }
    }

    private static Dictionary<string, string?> Environment(EchoingServer server) => new()
    {
        ["AuditClients__Scale__ApiKey"] = ScaleKey,
        ["AuditClients__Scale__BaseAddress"] = server.Url.ToString(),
        ["AuditClients__CloudFactory__ApiKey"] = CloudFactoryKey,
        ["AuditClients__CloudFactory__BaseAddress"] = server.Url.ToString(),
    };

    private static string Json(string property, string text) =>
        $"{{\"{property}\":{System.Text.Json.JsonSerializer.Serialize(text)}}}";
}
