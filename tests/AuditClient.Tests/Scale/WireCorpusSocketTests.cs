using System.Text.Json;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.Scale;

/// <summary>
/// The corpus's response payloads served over real sockets (WireMock on 127.0.0.1) and read through the SDK's calls:
/// each call returns a model that writes back to the payload with nothing lost.
/// </summary>
public sealed class WireCorpusSocketTests
{
    private WireMockServer _server = null!;
    private AuditClients _clients = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _server = Loopback.StartServer();
        _clients = Loopback.Clients(_server);
    }

    [OneTimeTearDown]
    public void Stop()
    {
        _clients.Dispose();
        _server.Dispose();
    }

    [SetUp]
    public void Reset() => _server.Reset();

    public static IEnumerable<TestCaseData> Files(string model) =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "WireCorpus", model), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"{model}/{Path.GetFileName(f)}"));

    [TestCaseSource(nameof(Files), new object[] { "ScaleTask" })]
    public async Task GetTaskAsync_reads_every_task_payload(string file)
    {
        var json = Payload("ScaleTask", file);
        Serve("/v1/task/t1", "GET", 200, json);

        var task = await _clients.ScaleTasks.GetTaskAsync("t1");

        AssertSame(json, AuditClientJson.Serialize(task));
    }

    [TestCaseSource(nameof(Files), new object[] { "ScaleTaskPage" })]
    public async Task ListTasksAsync_reads_every_page_payload(string file)
    {
        var json = Payload("ScaleTaskPage", file);
        Serve("/v1/tasks", "GET", 200, json);

        var page = await _clients.ScaleTasks.ListTasksAsync(new ScaleTaskQuery { Project = "p" });

        AssertSame(json, AuditClientJson.Serialize(page));
    }

    [TestCaseSource(nameof(Files), new object[] { "FixlessAuditList" })]
    public async Task ListAuditsAsync_reads_every_audit_list_payload(string file)
    {
        var json = Payload("FixlessAuditList", file);
        Serve("/v1/audits/", "GET", 200, json);

        var audits = await _clients.ScaleAudits.ListAuditsAsync(taskId: "t1");

        AssertSame(json, AuditClientJson.Serialize(audits.ToList()));
    }

    [TestCaseSource(nameof(Files), new object[] { "FixlessAudit" })]
    public async Task CreateAuditAsync_reads_every_audit_payload_as_its_201_answer(string file)
    {
        var json = Payload("FixlessAudit", file);
        Serve("/v1/audits", "PUT", 201, json);
        var create = AuditClientJson.Deserialize<FixlessAuditCreate>(Payload("FixlessAuditCreate", "floats-unknowns-enums.json"))!.With(c => c.// The corpus request is awkward on purpose; this one must pass the rules to be sent.
            FeedbackItems = null);

        var audit = await _clients.ScaleAudits.CreateAuditAsync(create);

        AssertSame(json, AuditClientJson.Serialize(audit));
        Assert.That(_server.LogEntries, Has.Count.EqualTo(1), "one PUT: nothing made the answer unreadable and invited a second create");
        AssertSame(AuditClientJson.Serialize(create), _server.LogEntries.Single().RequestMessage.Body!);
    }

    private static string Payload(string model, string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WireCorpus", model, file));

    private void Serve(string path, string method, int status, string json) =>
        _server.Given(Request.Create().WithPath(path).UsingMethod(method))
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(json));

    private static void AssertSame(string expected, string actual)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);
        Assert.That(JsonTree.Difference(e.RootElement, a.RootElement), Is.Null, actual);
    }
}
