using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Tests.Resilience;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Core;

/// <summary>
/// No id can make a request reach another path: an id that lands in a URL path (or names what a path addresses) is
/// refused before sending when it is a dot segment or holds '/', '\', '?' or '#', naming its field; the server never
/// sees the request. Proven over a raw loopback server that records request lines exactly as they came.
/// </summary>
public sealed class PathIdTests
{
    private static readonly string[] BadIds = [".", "..", "/", "a/b", "../audit", "a\\b", "..\\audit", "a?b", "?", "a#b", "#"];

    /// <summary>One id parameter of one endpoint: its wire field, and a call that puts an id there.</summary>
    public sealed record IdParameter(string Endpoint, string Field, Func<AuditClients, string, Task> Call)
    {
        public override string ToString() => $"{Endpoint} {Field}";
    }

    private static IEnumerable<IdParameter> IdParameters() =>
    [
        new("GET /v1/task/{task_id}", "task_id", (c, id) => c.ScaleTasks.GetTaskAsync(id)),
        new("POST /v1/task/{task_id}/audit", "task_id", (c, id) => c.ScaleTasks.AuditTaskAsync(id, accepted: true)),
        new("GET /v1/audits/?task_id=", "task_id", (c, id) => c.ScaleAudits.ListAuditsAsync(taskId: id)),
        new("GET /v1/audits/?id=", "id", (c, id) => c.ScaleAudits.ListAuditsAsync(auditId: id)),

        // Its task id is the one a create in doubt is looked up by.
        new("PUT /v1/audits", "task_id", (c, id) => c.ScaleAudits.CreateAuditAsync(Requests.ValidAudit().With(a => a.TaskId = id))),
        new("POST /v1/workstreams/{workstream_id}/task_reviewed", "workstream_id",
            (c, id) => c.CloudFactory.SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: true).With(r => r.WorkstreamId = id))),
    ];

    public static IEnumerable<TestCaseData> Cases() =>
        from parameter in IdParameters()
        from id in BadIds
        select new TestCaseData(parameter, id).SetArgDisplayNames(parameter.ToString(), id);

    [TestCaseSource(nameof(Cases))]
    public async Task An_id_that_would_reach_another_path_is_refused_naming_its_field_and_nothing_is_sent(IdParameter parameter, string id)
    {
        await using var server = RecordingServer.Start(Answers.Task);
        using var clients = server.Clients();

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => parameter.Call(clients, id));

        Assert.That(error.Violations.Select(v => v.Path), Does.Contain(parameter.Field), error.Message);
        Assert.That(error.Message, Does.Contain($"{parameter.Field}: must not be '.' or '..'"));
        Assert.That(server.RequestLines, Is.Empty);
    }

    [Test]
    public void Every_id_that_lands_in_a_path_of_the_refit_interfaces_has_a_case()
    {
        // The path templates of the generated clients, read from their attributes: a new endpoint with an id in its
        // path must get a case above.
        var templates = new[] { typeof(AuditClients).Assembly.GetType("AuditClient.Scale.IScaleRefitApi")!, typeof(AuditClients).Assembly.GetType("AuditClient.CloudFactory.ICloudFactoryRefitApi")! }
            .SelectMany(t => t.GetMethods())
            .SelectMany(m => m.GetCustomAttributes(typeof(Refit.HttpMethodAttribute), inherit: false).Cast<Refit.HttpMethodAttribute>())
            .Select(a => a.Path)
            .Where(p => p.Contains('{', StringComparison.Ordinal))
            .Select(p => p.Replace("{taskId}", "{task_id}", StringComparison.Ordinal).Replace("{workstreamId}", "{workstream_id}", StringComparison.Ordinal));

        Assert.That(IdParameters().Select(p => p.Endpoint.Split(' ')[1]), Is.SupersetOf(templates));
    }

    [TestCase("%2e%2e", "/v1/task/%252e%252e")]
    [TestCase("%2E%2E", "/v1/task/%252E%252E")]
    [TestCase(".%2e", "/v1/task/.%252e")]
    [TestCase("%2F", "/v1/task/%252F")]
    [TestCase("...", "/v1/task/...")]
    [TestCase("..a", "/v1/task/..a")]
    [TestCase("576ba74eec471ff9b01557cc", "/v1/task/576ba74eec471ff9b01557cc")]
    public async Task An_id_with_escapes_or_dots_inside_it_is_sent_escaped_and_stays_in_its_own_path_segment(string id, string path)
    {
        await using var server = RecordingServer.Start(Answers.Task);
        using var clients = server.Clients();

        await clients.ScaleTasks.GetTaskAsync(id);

        Assert.That(server.RequestLines, Is.EqualTo(new[] { $"GET {path} HTTP/1.1" }));
    }

    [Test]
    public async Task Query_filters_are_the_callers_names_and_are_sent_escaped_whatever_they_hold()
    {
        await using var server = RecordingServer.Start(Answers.TaskPage);
        using var clients = server.Clients();

        await clients.ScaleTasks.ListTasksAsync(new ScaleTaskQuery { Project = "../x?y#z&a=b", UniqueIds = ["..", "a/b#c"], NextToken = "../.." });

        Assert.That(server.RequestLines, Is.EqualTo(new[]
        {
            "GET /v1/tasks?project=..%2Fx%3Fy%23z%26a%3Db&unique_id=..&unique_id=a%2Fb%23c&next_token=..%2F.. HTTP/1.1",
        }));
    }

    [Test]
    public async Task A_bulk_action_whose_task_id_would_reach_another_path_fails_alone_and_is_not_sent()
    {
        await using var server = RecordingServer.Start(Answers.Task);
        using var clients = server.Clients(o => o.Scale.ReconcileWrites = false);

        var results = await clients.ScaleTasks.AuditTaskManyAsync(
            [new TaskAuditAction { TaskId = "..", Accepted = true }, new TaskAuditAction { TaskId = "task_1", Accepted = true }]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(results[0].Error, Is.InstanceOf<AuditValidationException>().With.Message.Contains("task_id: must not be '.' or '..'"));
            Assert.That(results[1].Status, Is.EqualTo(BulkStatus.Succeeded));
            Assert.That(server.RequestLines, Is.EqualTo(new[] { "POST /v1/task/task_1/audit HTTP/1.1" }));
        }
    }
}
