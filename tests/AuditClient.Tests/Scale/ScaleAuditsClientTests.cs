using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.Scale;

/// <summary>IScaleAuditsApi over real HTTP against WireMock on loopback.</summary>
public sealed class ScaleAuditsClientTests
{
    private const string Srn = "srn:scale:avcv:audit:6594cfca95644b72685e76e1";

    [Test]
    public async Task Create_puts_the_audit_with_basic_auth_and_json_and_returns_the_stored_audit()
    {
        using var server = StartServer();
        using var clients = Loopback.Clients(server);

        var created = await clients.ScaleAudits.CreateAuditAsync(ValidAudit());

        Assert.That(created.Id, Is.EqualTo("6594cfca95644b72685e76e1"));
        Assert.That(created.FeedbackItems, Has.Count.EqualTo(2));
        var request = server.LogEntries.Single().RequestMessage;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Method, Is.EqualTo("PUT"));
            Assert.That(request.Path, Is.EqualTo("/v1/audits"));
            Assert.That(request.RawQuery, Is.Null.Or.Empty);
            Assert.That(Header(server, "Authorization"), Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Loopback.ScaleKey + ":"))));
            Assert.That(MediaTypeHeaderValue.Parse(Header(server, "Content-Type")!).MediaType, Is.EqualTo("application/json"));
            Assert.That(Header(server, "Accept"), Does.Contain("application/json"));
        }

        ScaleJson.AssertSameTree(request.Body!, ScaleJson.Write(ValidAudit()));
    }

    [Test]
    public async Task Create_sends_no_null_valued_property_for_anything_left_unset()
    {
        using var server = StartServer();
        using var clients = Loopback.Clients(server);
        var interval = new FeedbackItemInterval { Start = 0, End = 1 };
        var sparse = new FixlessAuditCreate
        {
            TaskId = "t1",
            Result = FixlessAuditResult.Accepted,
            TargetResponseUrl = "https://example.com/r.json",
            FeedbackItems =
            [
                new FeedbackItemCreate { Type = FeedbackItemType.Error, Category = FeedbackItemCategory.Label, Scope = new FeedbackItemScopeAnnotation { AnnotationId = "a", Interval = interval } },
                new FeedbackItemCreate { Type = FeedbackItemType.Comment, Category = FeedbackItemCategory.Attribute, Scope = new FeedbackItemScopeScene { Interval = interval } },
            ],
        };

        await clients.ScaleAudits.CreateAuditAsync(sparse);

        var body = JsonNode.Parse(server.LogEntries.Single().RequestMessage.Body!);
        Assert.That(ScaleJson.NullPaths(body), Is.Empty);
        ScaleJson.AssertSameTree(body!.ToJsonString(), """
            { "type": "fixless", "result": "accepted", "task_id": "t1", "target_response_url": "https://example.com/r.json",
              "feedback_items": [
                { "type": "error", "category": "label", "scope": { "type": "annotation", "annotation_id": "a", "interval": { "type": "frame_range", "start": 0, "end": 1 } } },
                { "type": "comment", "category": "attribute", "scope": { "type": "scene", "interval": { "type": "frame_range", "start": 0, "end": 1 } } } ] }
            """);
    }

    [Test]
    public void Serializing_writes_no_null_valued_property_for_anything_left_unset()
    {
        // Incomplete on purpose (the client would refuse to send it): the SDK's own context, as used on the wire, is
        // what writes it.
        var sparse = new FixlessAuditCreate
        {
            TaskId = "t1",
            FeedbackItems =
            [
                new FeedbackItemCreate { Type = FeedbackItemType.Error, Category = FeedbackItemCategory.Label, Scope = new FeedbackItemScopeAnnotation { AnnotationId = "a" } },
                new FeedbackItemCreate { Type = FeedbackItemType.Error, Category = FeedbackItemCategory.Missing, Scope = new FeedbackItemScopePolygon() },
                new FeedbackItemCreate { Type = FeedbackItemType.Error, Category = FeedbackItemCategory.Missing, Scope = new FeedbackItemScopePoint() },
                new FeedbackItemCreate { Type = FeedbackItemType.Comment, Category = FeedbackItemCategory.Attribute, Scope = new FeedbackItemScopeScene() },
                new FeedbackItemCreate { Type = FeedbackItemType.Comment, Category = FeedbackItemCategory.Attribute, Scope = new FeedbackItemScopeScene { Interval = new FeedbackItemInterval() } },
                new FeedbackItemCreate(),
            ],
        };

        var body = JsonNode.Parse(ScaleJson.Write(sparse));

        Assert.That(ScaleJson.NullPaths(body), Is.Empty);
        Assert.That(body!["feedback_items"]![5]!.AsObject(), Is.Empty);
        ScaleJson.AssertSameTree(body.ToJsonString(), """
            { "type": "fixless", "task_id": "t1",
              "feedback_items": [
                { "type": "error", "category": "label", "scope": { "type": "annotation", "annotation_id": "a" } },
                { "type": "error", "category": "missing", "scope": { "type": "polygon" } },
                { "type": "error", "category": "missing", "scope": { "type": "point" } },
                { "type": "comment", "category": "attribute", "scope": { "type": "scene" } },
                { "type": "comment", "category": "attribute", "scope": { "type": "scene", "interval": { "type": "frame_range" } } },
                {} ] }
            """);
    }

    [Test]
    public async Task List_by_task_id_gets_the_audits_with_only_task_id_in_the_query()
    {
        using var server = StartServer();
        using var clients = Loopback.Clients(server);

        var audits = await clients.ScaleAudits.ListAuditsAsync(taskId: "task_id_here");

        Assert.That(audits.Single().Id, Is.EqualTo("6594cfca95644b72685e76e1"));
        AssertGet(server, ("task_id", "task_id_here"));
    }

    [Test]
    public async Task List_by_audit_id_sends_it_as_id()
    {
        using var server = StartServer();
        using var clients = Loopback.Clients(server);

        await clients.ScaleAudits.ListAuditsAsync(auditId: "6594cfca95644b72685e76e1");

        AssertGet(server, ("id", "6594cfca95644b72685e76e1"));
    }

    [Test]
    public async Task List_by_srn_passes_the_srn_through_as_the_id()
    {
        using var server = StartServer();
        using var clients = Loopback.Clients(server);

        await clients.ScaleAudits.ListAuditsAsync(auditId: Srn);

        AssertGet(server, ("id", Srn));
    }

    [Test]
    public async Task List_by_task_id_and_srn_sends_both()
    {
        using var server = StartServer();
        using var clients = Loopback.Clients(server);

        await clients.ScaleAudits.ListAuditsAsync("task_id_here", Srn);

        AssertGet(server, ("task_id", "task_id_here"), ("id", Srn));
    }

    [Test]
    public async Task List_leaves_a_blank_filter_out_of_the_query()
    {
        using var server = StartServer();
        using var clients = Loopback.Clients(server);

        await clients.ScaleAudits.ListAuditsAsync("task_id_here", " ");

        AssertGet(server, ("task_id", "task_id_here"));
    }

    [Test]
    public async Task List_reads_an_empty_list()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("[]"));
        using var clients = Loopback.Clients(server);

        var audits = await clients.ScaleAudits.ListAuditsAsync(taskId: "t");

        Assert.That(audits, Is.Empty);
    }

    [Test]
    public async Task List_without_task_id_or_id_is_refused_before_sending()
    {
        using var server = StartServer();
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => clients.ScaleAudits.ListAuditsAsync(" ", null));

        Assert.That(error!.Violations.Single().Path, Is.EqualTo("task_id"));
        Assert.That(server.LogEntries, Is.Empty);
    }

    [TestCase("task_id")]
    [TestCase("result")]
    [TestCase("target_response_url")]
    public async Task Create_without_a_required_field_is_refused_before_sending(string missing)
    {
        using var server = StartServer();
        using var clients = Loopback.Clients(server);
        var audit = missing switch
        {
            "task_id" => ValidAudit().With(c => c.TaskId = null),
            "result" => ValidAudit().With(c => c.Result = null),
            _ => ValidAudit().With(c => c.TargetResponseUrl = ""),
        };

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => clients.ScaleAudits.CreateAuditAsync(audit));

        Assert.That(error!.Violations, Is.EqualTo(new[] { new ValidationViolation(missing, "is required") }));
        Assert.That(error.Message, Does.Contain(missing));
        Assert.That(server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task Create_without_any_required_field_names_all_of_them_at_once()
    {
        using var server = StartServer();
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => clients.ScaleAudits.CreateAuditAsync(new FixlessAuditCreate()));

        Assert.That(error!.Violations.Select(v => v.Path), Is.EquivalentTo(new[] { "task_id", "result", "target_response_url" }));
        Assert.That(server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task A_response_whose_scope_has_no_type_fails_as_an_sdk_exception()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody("""[{ "id": "a", "feedback_items": [{ "scope": { "annotation_id": "x" } }] }]"""));
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.ScaleAudits.ListAuditsAsync(taskId: "t"));

        Assert.That(error!.ToString(), Does.Contain("scope.type: is required"));
    }

    internal static FixlessAuditCreate ValidAudit() => new()
    {
        Result = FixlessAuditResult.Rejected,
        TaskId = "task_id_here",
        Comments = "test reject comment",
        TargetResponseUrl = "https://example.com/response.json",
        FeedbackItems =
        [
            new FeedbackItemCreate
            {
                Type = FeedbackItemType.Error,
                Category = FeedbackItemCategory.Geometry,
                Scope = new FeedbackItemScopeAnnotation { AnnotationId = "abc123", SensorId = 4, Interval = new FeedbackItemInterval { Start = 0, End = 10 } },
            },
            new FeedbackItemCreate
            {
                Type = FeedbackItemType.Error,
                Category = FeedbackItemCategory.Missing,
                Scope = new FeedbackItemScopePolygon
                {
                    Vertices = [new Point2D(0, 0), new Point2D(1, 0), new Point2D(1, 1)],
                    MissingAnnotationType = AnnotationType.Polygon2D,
                    Stationary = false,
                    SensorId = "camera_front",
                    Interval = new FeedbackItemInterval { Start = 2, End = 3 },
                },
                Metadata = new JsonObject { ["confidence_level"] = 0.83 },
            },
        ],
        Metadata = new JsonObject { ["test"] = true },
    };

    private static WireMockServer StartServer()
    {
        var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(FixlessAuditSpecExamples.ResponseBody));
        server.Given(Request.Create().WithPath("/v1/audits/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody($"[{FixlessAuditSpecExamples.ResponseBody}]"));
        return server;
    }

    private static string? Header(WireMockServer server, string name) => Loopback.Header(server.LogEntries.Single(), name);

    private static void AssertGet(WireMockServer server, params (string Name, string Value)[] query)
    {
        ILogEntry entry = server.LogEntries.Single();
        var request = entry.RequestMessage;
        var parsed = HttpUtility.ParseQueryString(request.RawQuery ?? string.Empty);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(request.Method, Is.EqualTo("GET"));

            // As the guide writes it ("https://api.scale.com/v1/audits/?task_id=xxx&id=yyy"): no redirect is needed,
            // which matters since the SDK follows none.
            Assert.That(request.Path, Is.EqualTo("/v1/audits/"));
            Assert.That(parsed.AllKeys, Is.EquivalentTo(query.Select(q => q.Name)));
            foreach (var (name, value) in query)
            {
                Assert.That(parsed.GetValues(name), Is.EqualTo(new[] { value }), name);
            }

            Assert.That(Loopback.Header(entry, "Authorization"), Is.EqualTo("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Loopback.ScaleKey + ":"))));
        }
    }
}
