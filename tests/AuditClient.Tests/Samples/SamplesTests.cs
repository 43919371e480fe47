using System.Text.Json.Nodes;
using AuditClient.Samples;
using AuditClient.Testing;
using Microsoft.Extensions.Configuration;

namespace AuditClient.Tests.Samples;

/// <summary>
/// The samples' entry logic, in-process: with no keys it runs every snippet against the fakes; with keys it uses the
/// configured services (here, fakes standing in for them), the ids from the environment, and creates nothing unless
/// AUDITCLIENT_SAMPLES_WRITE=1.
/// </summary>
public sealed class SamplesTests
{
    private const string Workstream = "ws-0001";

    [Test]
    public async Task With_no_api_keys_every_snippet_runs_against_the_fakes_and_succeeds()
    {
        var output = new StringWriter();

        var exitCode = await SampleRunner.RunAsync(output, Configuration([]));

        var text = output.ToString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, text);
            Assert.That(text, Does.Contain("in-process fakes"));
            Assert.That(text, Does.Contain("6 snippet(s) succeeded, 1 skipped, 0 failed."));
            Assert.That(text, Does.Contain("skipped: set AUDITCLIENT_SAMPLE_REDIS=localhost:6390 after starting `redis-server --port 6390` to run it"));
            Assert.That(text, Does.Not.Contain("FAILED"));
            Assert.That(text, Does.Contain("mild error 'attribute' on the scene's 'weather'"));
            Assert.That(text, Does.Contain("3 of 4 items count toward quality"));
            Assert.That(text, Does.Contain("3 not graded yet"), "the fakes grade minutes after creation, as Scale does");
            Assert.That(text, Does.Contain("the fakes received: GET /v1/tasks x2"));
            Assert.That(text, Does.Contain("50 reviews: 50 accepted, 0 failed, 0 not sent"));
        }
    }

    [Test]
    public async Task With_keys_but_no_write_flag_the_snippets_only_read()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var output = new StringWriter();

        var exitCode = await SampleRunner.RunAsync(output, Configuration(Services(fakes), Ids()));

        var text = output.ToString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, text);
            Assert.That(text, Does.Contain("3 snippet(s) succeeded, 4 skipped, 0 failed."));
            Assert.That(text, Does.Contain("set AUDITCLIENT_SAMPLES_WRITE=1 (it creates a fixless audit on the task) to run it"));
            Assert.That(text, Does.Contain($"task {ScaleFake.ExampleTaskId} (imageannotation, completed)"));
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Is.Empty);
            Assert.That(fakes.RequestsTo(FakeEndpoint.CloudFactoryTaskReviewed), Is.Empty);
            Assert.That(fakes.Requests.Select(r => r.Method), Is.All.EqualTo("GET"));
        }
    }

    [Test]
    public async Task With_keys_and_the_write_flag_the_snippets_create_on_the_configured_services()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var taskId = fakes.Scale.AddTask(new JsonObject
        {
            ["type"] = "sensorfusion",
            ["response"] = new JsonObject { ["annotations"] = new JsonObject { ["url"] = "https://example.com/responses/1.json" } },
        });
        var output = new StringWriter();

        var exitCode = await SampleRunner.RunAsync(output, Configuration(Services(fakes), Ids(taskId), Write()));

        var text = output.ToString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, text);
            Assert.That(text, Does.Contain("6 snippet(s) succeeded, 1 skipped, 0 failed."));
            Assert.That(fakes.Scale.AuditsOf(taskId), Has.Count.EqualTo(1));
            Assert.That(fakes.CloudFactory.ReviewsOf(Workstream), Has.Count.EqualTo(51));
        }
    }

    [Test]
    public async Task A_snippet_whose_ids_or_key_are_missing_is_skipped_with_the_variable_named()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var output = new StringWriter();
        var scaleOnly = new Dictionary<string, string?>
        {
            ["AuditClients:Scale:ApiKey"] = fakes.ScaleApiKey,
            ["AuditClients:Scale:BaseAddress"] = fakes.BaseAddress.ToString(),
        };

        var exitCode = await SampleRunner.RunAsync(output, Configuration(scaleOnly, Write()));

        var text = output.ToString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.Zero, text);
            Assert.That(text, Does.Contain("0 snippet(s) succeeded, 7 skipped, 0 failed."));
            Assert.That(text, Does.Contain("set AUDITCLIENT_SAMPLE_TASK_ID, AUDITCLIENT_SAMPLE_ANNOTATION_ID to run it"));
            Assert.That(text, Does.Contain("set AUDITCLIENT_SAMPLE_PROJECT to run it"));
            Assert.That(text, Does.Contain("no API key for this vendor (AuditClients__CloudFactory__ApiKey)"));
            Assert.That(fakes.Requests, Is.Empty);
        }
    }

    [Test]
    public async Task A_failing_snippet_makes_the_run_fail_and_the_others_still_run()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var output = new StringWriter();
        var unknownTask = new Dictionary<string, string?> { ["AUDITCLIENT_SAMPLE_TASK_ID"] = "000000000000000000000000" };

        var exitCode = await SampleRunner.RunAsync(output, Configuration(Services(fakes), Ids(), unknownTask));

        var text = output.ToString();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(exitCode, Is.EqualTo(1), text);
            Assert.That(text, Does.Contain("FAILED: AuditNotFoundException"));
            Assert.That(text, Does.Contain("2 snippet(s) succeeded, 4 skipped, 1 failed."));
        }
    }

    private static Dictionary<string, string?> Services(AuditFakes fakes) => new()
    {
        ["AuditClients:Scale:ApiKey"] = fakes.ScaleApiKey,
        ["AuditClients:Scale:BaseAddress"] = fakes.BaseAddress.ToString(),
        ["AuditClients:CloudFactory:ApiKey"] = fakes.CloudFactoryApiKey,
        ["AuditClients:CloudFactory:BaseAddress"] = fakes.BaseAddress.ToString(),
        ["AuditClients:CloudFactory:Resilience:RequestsPerSecond"] = "1000",
    };

    private static Dictionary<string, string?> Ids(string taskId = ScaleFake.ExampleTaskId) => new()
    {
        ["AUDITCLIENT_SAMPLE_TASK_ID"] = taskId,
        ["AUDITCLIENT_SAMPLE_ANNOTATION_ID"] = "box_3",
        ["AUDITCLIENT_SAMPLE_PROJECT"] = "fake_project_alpha",
        ["AUDITCLIENT_SAMPLE_WORKSTREAM_ID"] = Workstream,
        ["AUDITCLIENT_SAMPLE_USE_CASE_ID"] = "uc-0001",
        ["AUDITCLIENT_SAMPLE_TASK_DEFINITION_ID"] = "td-0001",
    };

    private static Dictionary<string, string?> Write() => new() { ["AUDITCLIENT_SAMPLES_WRITE"] = "1" };

    private static IConfiguration Configuration(params Dictionary<string, string?>[] layers)
    {
        var builder = new ConfigurationBuilder();
        foreach (var layer in layers)
        {
            builder.AddInMemoryCollection(layer);
        }

        return builder.Build();
    }
}
