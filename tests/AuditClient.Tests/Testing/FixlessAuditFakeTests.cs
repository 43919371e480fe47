using AuditClient.Scale;
using System.Net;
using System.Text.Json.Nodes;
using AuditClient.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AuditClient.Tests.Testing;

/// <summary>
/// PUT/GET /v1/audits. Creation goes over raw HTTP with the spec's full bodies (the SDK's FixlessAuditCreate only has
/// the task id today); listing goes through the SDK.
/// </summary>
public sealed class FixlessAuditFakeTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    [Test]
    public async Task Creating_the_spec_example_stores_it_with_ids_srn_open_items_and_timestamps()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.TimeProvider = new FakeTimeProvider(Now));
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created));
        var audit = answer.Object;
        var id = audit["id"]!.GetValue<string>();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(id, Does.Match("^[0-9a-f]{24}$"));
            Assert.That(audit["srn"]!.GetValue<string>(), Is.EqualTo("srn:scale:avcv:audit:" + id));
            Assert.That(audit["type"]!.GetValue<string>(), Is.EqualTo("fixless"));
            Assert.That(audit["task_id"]!.GetValue<string>(), Is.EqualTo(ScaleFake.ExampleTaskId));
            Assert.That(audit["task_type"]!.GetValue<string>(), Is.EqualTo("imageannotation"));
            Assert.That(audit["result"]!.GetValue<string>(), Is.EqualTo("rejected"));
            Assert.That(audit["target_response"]!["url"]!.GetValue<string>(), Is.EqualTo("value from task.response.annotations.url"));
            Assert.That(audit["comments"]!.GetValue<string>(), Is.EqualTo("test reject comment"));
            Assert.That(JsonNode.DeepEquals(audit["metadata"], new JsonObject { ["test"] = true }), Is.True);
            Assert.That(audit["active"]!.GetValue<bool>(), Is.True);
            Assert.That(audit["source"]!.GetValue<string>(), Is.EqualTo("api"));
            Assert.That(audit["created_by"]!.GetValue<string>(), Is.EqualTo("fake_user_000001"));
            Assert.That(audit["created_at"]!.GetValue<string>(), Is.EqualTo("2025-03-04T05:06:07.890Z"));
            Assert.That(audit["updated_at"]!.GetValue<string>(), Is.EqualTo("2025-03-04T05:06:07.890Z"));
        }

        var items = audit["feedback_items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        Assert.That(items, Has.Count.EqualTo(2));
        Assert.That(items.Select(i => i["id"]!.GetValue<string>()), Is.Unique.And.All.Match("^[0-9a-f]{24}$"));
        Assert.That(items.Select(i => i["state"]!.GetValue<string>()), Is.All.EqualTo("open"));
        Assert.That(items.Select(i => i["updated_at"]!.GetValue<string>()), Is.All.EqualTo("2025-03-04T05:06:07.890Z"));
        Assert.That(items.Select(i => i["updated_by"]!.GetValue<string>()), Is.All.EqualTo("fake_user_000001"));
        // The spec calls category required but leaves it out of its own example: the grader marks those items.
        Assert.That(
            items.Select(i => i["grader_output"]!["explanation"]!.GetValue<string>()),
            Is.All.EqualTo("category: is required"));
        Assert.That(JsonNode.DeepEquals(items[0]["scope"], FakeHttp.SpecAudit()["feedback_items"]![0]!["scope"]), Is.True);
        Assert.That(items[0]["severity"]!.GetValue<string>(), Is.EqualTo("mild"));
        Assert.That(items[1]["description"]!.GetValue<string>(), Is.EqualTo("feedback 2"));
        Assert.That(JsonNode.DeepEquals(fakes.Scale.Audits.Single(), audit), Is.True);
    }

    [Test]
    public async Task An_audit_without_feedback_items_is_valid()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var body = FakeHttp.SpecAudit();
        body.Remove("feedback_items");

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", body.ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Listing_through_the_sdk_returns_what_was_stored_by_task_by_id_and_by_srn()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var otherTask = fakes.Scale.AddTask(new JsonObject());
        var first = (await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString())).Object;
        var second = (await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString())).Object;
        var elsewhere = (await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit(otherTask).ToJsonString())).Object;
        var audits = fakes.Clients.ScaleAudits;

        var byTask = await audits.ListAuditsAsync(taskId: ScaleFake.ExampleTaskId);
        var byId = await audits.ListAuditsAsync(auditId: second["id"]!.GetValue<string>());
        var bySrn = await audits.ListAuditsAsync(auditId: elsewhere["srn"]!.GetValue<string>());
        var both = await audits.ListAuditsAsync(ScaleFake.ExampleTaskId, first["id"]!.GetValue<string>());
        var bothMismatched = await audits.ListAuditsAsync(ScaleFake.ExampleTaskId, elsewhere["id"]!.GetValue<string>());
        var none = await audits.ListAuditsAsync(taskId: "task_without_audits");

        Assert.That(byTask.Select(a => a.Id), Is.EqualTo(new[] { first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>() }));
        Assert.That(byId.Select(a => a.Id), Is.EqualTo(new[] { second["id"]!.GetValue<string>() }));
        Assert.That(bySrn.Select(a => a.Id), Is.EqualTo(new[] { elsewhere["id"]!.GetValue<string>() }));
        Assert.That(both.Select(a => a.Id), Is.EqualTo(new[] { first["id"]!.GetValue<string>() }));
        Assert.That(bothMismatched, Is.Empty);
        Assert.That(none, Is.Empty);
    }

    [Test]
    public async Task A_new_audit_is_active_and_the_tasks_earlier_audits_become_inactive()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var otherTask = fakes.Scale.AddTask(new JsonObject());
        await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit(otherTask).ToJsonString());
        await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString());
        var latest = (await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString())).Object;

        var listed = await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/audits", ("task_id", ScaleFake.ExampleTaskId)));

        var active = listed.Array.Select(a => a!["active"]!.GetValue<bool>()).ToList();
        Assert.That(active, Is.EqualTo(new[] { false, true }));
        Assert.That(listed.Array[1]!["id"]!.GetValue<string>(), Is.EqualTo(latest["id"]!.GetValue<string>()));
        Assert.That(fakes.Scale.AuditsOf(otherTask).Single()["active"]!.GetValue<bool>(), Is.True, "another task's audit stays active");
    }

    [Test]
    public async Task The_spec_documents_audits_with_a_trailing_slash_and_the_fake_accepts_it()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString());

        var listed = await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/audits/", ("task_id", ScaleFake.ExampleTaskId)));

        Assert.That(listed.Array, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Listing_without_task_id_or_id_is_400()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.GetAsync(http, "/v1/audits");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Object["error"]!.GetValue<string>(), Does.Contain("task_id"));
    }

    [Test]
    public async Task An_audit_created_through_the_sdk_is_stored_with_ids_and_open_items()
    {
        await using var fakes = await AuditFakes.StartAsync();

        var created = await fakes.Clients.ScaleAudits.CreateAuditAsync(FakeHttp.SdkAudit());

        Assert.That(created.Id, Is.Not.Null.And.Not.Empty);
        Assert.That(created.Srn, Is.EqualTo("srn:scale:avcv:audit:" + created.Id));
        Assert.That(created.Active, Is.True);
        Assert.That(created.FeedbackItems!.Single().State, Is.EqualTo(FeedbackItemState.Open));
        Assert.That(created.FeedbackItems!.Single().GraderOutput?.Conflict ?? false, Is.False);
        var listed = await fakes.Clients.ScaleAudits.ListAuditsAsync(auditId: created.Srn);
        Assert.That(listed.Single().Id, Is.EqualTo(created.Id));
    }

    [Test]
    public async Task An_invalid_audit_is_refused_by_the_sdk_before_it_reaches_the_fake()
    {
        await using var fakes = await AuditFakes.StartAsync();

        var error = await Assert.ThrowsAsync<AuditValidationException>(
            () => fakes.Clients.ScaleAudits.CreateAuditAsync(new FixlessAuditCreate { TaskId = ScaleFake.ExampleTaskId }));

        Assert.That(error!.Violations.Select(v => v.Path), Does.Contain("result").And.Contain("target_response_url"));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Is.Empty);
        Assert.That(fakes.Scale.Audits, Is.Empty);
    }

    [Test]
    public async Task An_audit_of_an_unknown_task_is_404()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit("no_such_task").ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(answer.Object["error"]!.GetValue<string>(), Does.Contain("no_such_task"));
        Assert.That(fakes.Scale.Audits, Is.Empty);
    }

    private static IEnumerable<TestCaseData> MalformedBodies()
    {
        yield return Case("result", a => a["result"] = "fixed", "result must be one of: accepted, rejected");
        yield return Case("type", a => a["type"] = "classic", "type must be one of: fixless");
        yield return Case("task_id", a => a.Remove("task_id"), "task_id is required");
        yield return Case("target_response_url", a => a["target_response_url"] = "", "target_response_url is required");
        yield return Case("feedback_items", a => a["feedback_items"] = "none", "feedback_items must be an array");
        yield return Case("item type", a => a["feedback_items"]![0]!.AsObject().Remove("type"), "feedback_items[0].type is required");
        yield return Case("item category", a => a["feedback_items"]![0]!["category"] = "blurry", "feedback_items[0].category must be one of");
        yield return Case("item severity", a => a["feedback_items"]![1]!["severity"] = "critical", "feedback_items[1].severity must be one of");
        yield return Case("scope", a => a["feedback_items"]![0]!.AsObject().Remove("scope"), "feedback_items[0].scope is required");
        yield return Case("scope type", a => a["feedback_items"]![0]!["scope"]!["type"] = "cuboid", "feedback_items[0].scope.type must be one of");
        yield return Case("interval", a => a["feedback_items"]![0]!["scope"]!.AsObject().Remove("interval"), "feedback_items[0].scope.interval is required");
        yield return Case("frame order", a => a["feedback_items"]![1]!["scope"]!["interval"] = FakeHttp.Interval(50, 10), "feedback_items[1].scope.interval.start must not be greater than end");
        yield return Case("negative frame", a => a["feedback_items"]![1]!["scope"]!["interval"]!["start"] = -1, "feedback_items[1].scope.interval.start is required and must be a frame index");
        yield return Case("sensor_id", a => a["feedback_items"]![0]!["scope"]!["sensor_id"] = true, "feedback_items[0].scope.sensor_id must be a string or a number");

        static TestCaseData Case(string name, Action<JsonObject> breakIt, string message) =>
            new TestCaseData(breakIt, message).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(MalformedBodies))]
    public async Task A_malformed_body_is_400_naming_the_field_and_stores_nothing(Action<JsonObject> breakIt, string message)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var body = FakeHttp.SpecAudit();
        breakIt(body);

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", body.ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Object["status_code"]!.GetValue<int>(), Is.EqualTo(400));
        Assert.That(answer.Object["error"]!.GetValue<string>(), Does.Contain(message));
        Assert.That(fakes.Scale.Audits, Is.Empty);
    }

    [Test]
    public async Task A_body_that_is_not_json_is_400()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", "{\"type\": ");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Object["error"]!.GetValue<string>(), Does.Contain("not valid JSON"));
    }

    private static IEnumerable<TestCaseData> GraderConflicts()
    {
        yield return Conflict(
            "label error on a scene",
            Item("error", "label", new JsonObject { ["type"] = "scene", ["interval"] = FakeHttp.Interval(0, 1) }),
            "annotation");
        yield return Conflict(
            "geometry error without annotation_id",
            Item("error", "geometry", new JsonObject { ["type"] = "annotation", ["interval"] = FakeHttp.Interval(0, 1) }),
            "annotation_id");
        yield return Conflict(
            "extraneous error on a point",
            Item("error", "extraneous", Point(withType: true)),
            "annotation");
        yield return Conflict(
            "attribute error on an annotation without attribute",
            Item("error", "attribute", new JsonObject { ["type"] = "annotation", ["annotation_id"] = "a1", ["interval"] = FakeHttp.Interval(0, 1) }),
            "attribute");
        yield return Conflict(
            "missing error on an annotation",
            Item("error", "missing", new JsonObject { ["type"] = "annotation", ["annotation_id"] = "a1", ["interval"] = FakeHttp.Interval(0, 1) }),
            "'point' or 'polygon'");
        yield return Conflict(
            "missing error without missing_annotation_type",
            Item("error", "missing", Point(withType: false)),
            "missing_annotation_type");

        static TestCaseData Conflict(string name, JsonObject item, string explanation) =>
            new TestCaseData(item, explanation).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(GraderConflicts))]
    public async Task An_item_breaking_a_grader_rule_is_stored_with_a_conflict_and_an_explanation(JsonObject item, string explanation)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.AuditWith(item).ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.Body?.ToJsonString());
        var grader = answer.Object["feedback_items"]![0]!["grader_output"]!;
        Assert.That(grader["conflict"]!.GetValue<bool>(), Is.True);
        Assert.That(grader["explanation"]!.GetValue<string>(), Does.Contain(explanation));
        var listed = await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/audits", ("task_id", ScaleFake.ExampleTaskId)));
        Assert.That(listed.Array[0]!["feedback_items"]![0]!["grader_output"]!["conflict"]!.GetValue<bool>(), Is.True);
    }

    private static IEnumerable<TestCaseData> GraderValid()
    {
        yield return Valid("attribute error on a scene", Item("error", "attribute", new JsonObject { ["type"] = "scene", ["attribute"] = "weather", ["interval"] = FakeHttp.Interval(0, 9) }));
        yield return Valid("attribute error on an annotation attribute", Item("error", "attribute", new JsonObject { ["type"] = "annotation", ["annotation_id"] = "a1", ["attribute"] = "occlusion", ["interval"] = FakeHttp.Interval(0, 9) }));
        yield return Valid("missing error with a point", Item("error", "missing", Point(withType: true)));
        yield return Valid("missing error with a polygon", Item("error", "missing", new JsonObject
        {
            ["type"] = "polygon",
            ["vertices"] = new JsonArray(new JsonArray(0, 0), new JsonArray(4, 0), new JsonArray(4, 3)),
            ["missing_annotation_type"] = "polygon_topdown",
            ["stationary"] = false,
            ["interval"] = FakeHttp.Interval(3, 3),
        }));
        yield return Valid("position error with annotation_id and numeric sensor", Item("error", "position", new JsonObject { ["type"] = "annotation", ["annotation_id"] = "a1", ["sensor_id"] = 12345678901234567890m, ["interval"] = FakeHttp.Interval(0, 9) }));

        static TestCaseData Valid(string name, JsonObject item) => new TestCaseData(item).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(GraderValid))]
    public async Task An_item_following_the_grader_rules_is_graded_without_conflict(JsonObject item)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.AuditWith(item).ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.Body?.ToJsonString());
        Assert.That(JsonNode.DeepEquals(answer.Object["feedback_items"]![0]!["grader_output"], new JsonObject { ["conflict"] = false }), Is.True);
        Assert.That(JsonNode.DeepEquals(answer.Object["feedback_items"]![0]!["scope"], item["scope"]), Is.True, "the scope is stored as sent");
    }

    [Test]
    public async Task Concurrent_creations_all_get_distinct_ids_and_exactly_one_stays_active()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString())));

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.Created));
        var stored = fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId);
        Assert.That(stored.Select(a => a["id"]!.GetValue<string>()).ToList(), Is.Unique.And.Count.EqualTo(20));
        Assert.That(stored.Count(a => a["active"]!.GetValue<bool>()), Is.EqualTo(1));
        Assert.That(stored[^1]["active"]!.GetValue<bool>(), Is.True);
    }

    private static JsonObject Item(string type, string category, JsonObject scope) =>
        new() { ["type"] = type, ["category"] = category, ["scope"] = scope, ["severity"] = "standard" };

    private static JsonObject Point(bool withType)
    {
        var point = new JsonObject { ["type"] = "point", ["coordinates"] = new JsonArray(1.5, -2.25), ["stationary"] = true, ["interval"] = FakeHttp.Interval(0, 4) };
        if (withType)
        {
            point["missing_annotation_type"] = "cuboid";
        }

        return point;
    }
}
