using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using AuditClient.Testing;

namespace AuditClient.Tests.Testing;

/// <summary>
/// <see cref="AuditFakesOptions.StatePath"/>: what the fakes stored survives a restart; one fakes server per state file;
/// a file that is not a state is refused and left as it was.
/// </summary>
public sealed class FakeStateTests
{
    private const string Audit =
        """{"type":"fixless","task_id":"TASK","result":"rejected","target_response_url":"https://example.com/r.json","feedback_items":[{"type":"error","category":"geometry","scope":{"type":"annotation","annotation_id":"box_1","interval":{"type":"frame_range","start":0,"end":10.0}}}],"metadata":{"n":1.50}}""";

    private const string Review =
        """{"workstream_id":"ws-1","use_case_id":"uc-1","task_definition_id":"td-1","unique_id":"r-1","worker_id":"w@example.com","review_completed_at":"2026-01-05T10:13:24.127Z","review_score":0.780}""";

    private static string StatePath() =>
        Path.Combine(Directory.CreateTempSubdirectory("auditclient-fakes-state-").FullName, "fakes.json");

    [Test]
    public async Task Tasks_audits_with_their_grading_and_reviews_survive_a_restart_on_the_same_state_file()
    {
        var path = StatePath();
        string graded, pending;
        List<JsonObject> tasksBefore;
        await using (var fakes = await AuditFakes.StartAsync(o => { o.StatePath = path; o.GradingDelay = Timeout.InfiniteTimeSpan; }))
        {
            using var scale = FakeHttp.Scale(fakes);
            using var cloudFactory = FakeHttp.CloudFactory(fakes);
            graded = Id(await FakeHttp.PutAsync(scale, "/v1/audits", Audit.Replace("TASK", ScaleFake.ExampleTaskId, StringComparison.Ordinal)));
            fakes.Scale.GradePending();
            pending = Id(await FakeHttp.PutAsync(scale, "/v1/audits", Audit.Replace("TASK", ScaleFake.ExampleTaskId, StringComparison.Ordinal)));
            Assert.That((await FakeHttp.PostAsync(cloudFactory, "/v1/workstreams/ws-1/task_reviewed", Review)).Status, Is.EqualTo(HttpStatusCode.Accepted));
            fakes.Scale.AddTask(new JsonObject { ["task_id"] = "added_by_the_test", ["project"] = "mine" });
            tasksBefore = fakes.Scale.Tasks.ToList();
        }

        // Other seeding options change nothing: a state that exists is loaded, not seeded.
        await using var again = await AuditFakes.StartAsync(o => { o.StatePath = path; o.GeneratedTaskCount = 3; o.GradingDelay = Timeout.InfiniteTimeSpan; });
        var audits = again.Scale.AuditsOf(ScaleFake.ExampleTaskId);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(again.Scale.Tasks.Select(t => t.ToJsonString()), Is.EqualTo(tasksBefore.Select(t => t.ToJsonString())), "every task, in order, field for field");
            Assert.That(audits.Select(a => (string?)a["id"]), Is.EqualTo(new[] { graded, pending }));
            Assert.That(audits[0]["feedback_items"]![0]!["grader_output"], Is.Not.Null, "the graded audit stays graded");
            Assert.That(audits[1]["feedback_items"]![0]!["grader_output"], Is.Null, "the audit waiting for the grader still waits");
            Assert.That(audits[0]["feedback_items"]![0]!["scope"]!["interval"]!["end"]!.ToJsonString(), Is.EqualTo("10.0"), "numbers keep their digits");
            Assert.That(audits[0]["metadata"]!.ToJsonString(), Is.EqualTo("""{"n":1.50}"""));
            Assert.That(again.CloudFactory.Reviews.Select(r => r.ToJsonString()), Is.EqualTo(new[] { Review }));
        }

        Assert.That(again.Scale.GradePending(), Is.EqualTo(1), "the pending audit is graded after the restart");
        Assert.That(again.Scale.AuditsOf(ScaleFake.ExampleTaskId).Select(a => (bool?)a["active"]), Is.EqualTo(new bool?[] { false, true }));
    }

    [Test]
    public async Task A_new_state_file_is_written_at_start_and_saved_after_a_write_without_a_stop()
    {
        var path = StatePath();
        await using var fakes = await AuditFakes.StartAsync(o => o.StatePath = path);
        Assert.That(Saved(path)["scale"]!["tasks"]!.AsArray(), Has.Count.EqualTo(25), "the seeded tasks are in the file from the start");

        using var scale = FakeHttp.Scale(fakes);
        var id = Id(await FakeHttp.PutAsync(scale, "/v1/audits", Audit.Replace("TASK", ScaleFake.ExampleTaskId, StringComparison.Ordinal)));

        // The periodic save, without SaveStateAsync: a server killed later has lost at most about a second.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!File.ReadAllText(path).Contains(id, StringComparison.Ordinal))
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromMinutes(1)), "the audit never reached the state file");
            await Task.Delay(100);
        }

        var saved = Saved(path);
        Assert.That(saved["format"]!.GetValue<string>(), Is.EqualTo("auditclient-fakes-state"));
        Assert.That(saved["scale"]!["audits"]!.AsArray().Select(a => (string?)a!["id"]), Is.EqualTo(new[] { id }));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName), Is.EquivalentTo(new[] { "fakes.json", "fakes.json.lock" }), "no temporary file is left");
    }

    [Test]
    public async Task SaveStateAsync_writes_the_state_at_once()
    {
        var path = StatePath();
        await using var fakes = await AuditFakes.StartAsync(o => o.StatePath = path);
        using var cloudFactory = FakeHttp.CloudFactory(fakes);
        await FakeHttp.PostAsync(cloudFactory, "/v1/workstreams/ws-1/task_reviewed", Review);

        await fakes.SaveStateAsync();

        Assert.That(Saved(path)["cloudfactory"]!["reviews"]!.AsArray().Select(r => r!.ToJsonString()), Is.EqualTo(new[] { Review }));
    }

    [Test]
    public async Task A_second_fakes_on_the_same_state_file_is_refused_until_the_first_stops()
    {
        var path = StatePath();
        var first = await AuditFakes.StartAsync(o => o.StatePath = path);
        var before = await File.ReadAllBytesAsync(path);

        var refused = await Assert.ThrowsAsync<IOException>(() => AuditFakes.StartAsync(o => o.StatePath = path));

        Assert.That(refused!.Message, Does.Contain(path).And.Contain("in use by another fakes server"));
        Assert.That(await File.ReadAllBytesAsync(path), Is.EqualTo(before), "the refused start wrote nothing");
        await first.DisposeAsync();
        await using var second = await AuditFakes.StartAsync(o => o.StatePath = path);
        Assert.That(second.Scale.Tasks, Has.Count.EqualTo(25));
    }

    [TestCase("""{"tasks":[]}""", "is not a state file of the AuditClient fakes")]
    [TestCase("""{"format":"auditclient-fakes-state","version":1,"scale":{"tasks":[{"task_id":"a"}""", "is not valid JSON")]
    [TestCase("""{"format":"auditclient-fakes-state","version":2,"scale":{},"cloudfactory":{}}""", "state format version 2")]
    [TestCase("""{"format":"auditclient-fakes-state","version":1,"scale":{"tasks":[{"id":"x"}],"audits":[],"pending":[]},"cloudfactory":{"reviews":[]}}""", "scale.tasks[0] without the string \"task_id\"")]
    [TestCase("""{"format":"auditclient-fakes-state","version":1,"scale":{"tasks":[],"audits":[],"pending":[]}}""", "has no \"cloudfactory\" object")]
    [TestCase("task_id,status\nabc,completed\n", "is not valid JSON")]
    public async Task A_file_that_is_not_a_state_is_refused_and_left_as_it_was(string content, string why)
    {
        var path = StatePath();
        await File.WriteAllTextAsync(path, content);

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => AuditFakes.StartAsync(o => o.StatePath = path));

        Assert.That(refused!.Message, Does.Contain(path).And.Contain(why).And.Contain("left as it is"));
        Assert.That(await File.ReadAllTextAsync(path), Is.EqualTo(content));

        // The lock was released: the same file is refused for what it holds again, not as in use.
        await Assert.ThrowsAsync<InvalidDataException>(() => AuditFakes.StartAsync(o => o.StatePath = path));
    }

    [Test]
    public async Task A_state_path_that_is_a_directory_is_refused_by_name()
    {
        var directory = Path.GetDirectoryName(StatePath())!;

        var refused = await Assert.ThrowsAsync<IOException>(() => AuditFakes.StartAsync(o => o.StatePath = directory));

        Assert.That(refused!.Message, Does.Contain(directory).And.Contain("is a directory"));
    }

    [Test]
    public async Task An_empty_state_file_is_a_new_state()
    {
        var path = StatePath();
        await File.WriteAllTextAsync(path, string.Empty);

        await using var fakes = await AuditFakes.StartAsync(o => o.StatePath = path);

        Assert.That(Saved(path)["scale"]!["tasks"]!.AsArray(), Has.Count.EqualTo(25));
    }

    [Test]
    public async Task An_audit_of_an_unknown_task_is_404_unless_CreateMissingTasks_creates_the_task()
    {
        await using var plain = await AuditFakes.StartAsync();
        await using var creating = await AuditFakes.StartAsync(o => o.CreateMissingTasks = true);
        var body = Audit.Replace("TASK", "my-own-task-1", StringComparison.Ordinal);

        using var plainHttp = FakeHttp.Scale(plain);
        Assert.That((await FakeHttp.PutAsync(plainHttp, "/v1/audits", body)).Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(plain.Scale.GetTask("my-own-task-1"), Is.Null);

        using var http = FakeHttp.Scale(creating);
        var created = await FakeHttp.PutAsync(http, "/v1/audits", body);

        Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created));
        var task = creating.Scale.GetTask("my-own-task-1")!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That((string?)task["status"], Is.EqualTo("completed"));
            Assert.That((string?)task["response"]!["annotations"]!["url"], Is.EqualTo("https://example.com/r.json"), "the response the audit names");
            Assert.That((string?)created.Object["task_type"], Is.EqualTo((string?)task["type"]));
            Assert.That(creating.Scale.AuditsOf("my-own-task-1"), Has.Count.EqualTo(1));
        }

        // The SDK reads it as any task, and a second audit goes to the same task.
        var read = await creating.Clients.ScaleTasks.GetTaskAsync("my-own-task-1");
        Assert.That(read.TaskId, Is.EqualTo("my-own-task-1"));
        Assert.That((await FakeHttp.PutAsync(http, "/v1/audits", body)).Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(creating.Scale.Tasks.Count(t => (string?)t["task_id"] == "my-own-task-1"), Is.EqualTo(1));
    }

    [Test]
    public async Task A_body_the_schema_refuses_creates_no_task()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.CreateMissingTasks = true);
        using var http = FakeHttp.Scale(fakes);

        var refused = await FakeHttp.PutAsync(http, "/v1/audits", """{"type":"fixless","task_id":"never-created","result":"maybe","target_response_url":"u"}""");

        Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(fakes.Scale.GetTask("never-created"), Is.Null);
    }

    [Test]
    public async Task The_port_option_chooses_the_port()
    {
        int port;
        using (var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        await using var fakes = await AuditFakes.StartAsync(o => o.Port = port);

        Assert.That(fakes.BaseAddress, Is.EqualTo(new Uri($"http://127.0.0.1:{port}/")));
        await Assert.ThrowsAsync<IOException>(() => AuditFakes.StartAsync(o => o.Port = port), "a port in use");
    }

    private static string Id(FakeHttp.Answer answer)
    {
        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.Body?.ToJsonString());
        return answer.Object["id"]!.GetValue<string>();
    }

    private static JsonObject Saved(string path) => JsonNode.Parse(File.ReadAllText(path, Encoding.UTF8))!.AsObject();
}
