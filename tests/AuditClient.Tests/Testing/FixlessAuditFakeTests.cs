using AuditClient.Scale;
using System.Net;
using System.Text.Json.Nodes;
using AuditClient.Testing;
using Microsoft.Extensions.Time.Testing;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Testing;

/// <summary>
/// PUT/GET /v1/audits. Creation goes over raw HTTP with the spec's full bodies (the SDK's FixlessAuditCreate only has
/// the task id today); listing goes through the SDK.
/// </summary>
public sealed class FixlessAuditFakeTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.Zero);

    [Test]
    public async Task The_spec_example_request_is_answered_201_inactive_with_open_ungraded_items()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.TimeProvider = new FakeTimeProvider(Now));
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.Body?.ToJsonString());
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
            Assert.That(audit["active"]!.GetValue<bool>(), Is.False, "the guide's create answer shows active: false");
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
        Assert.That(items.Select(i => i.ContainsKey("grader_output")), Is.All.False, "grader outputs come minutes after submission");
        Assert.That(items.Select(i => i.ContainsKey("category")), Is.All.False, "the example has no category, and none is invented");
        Assert.That(JsonNode.DeepEquals(items[0]["scope"], FakeHttp.SpecAudit()["feedback_items"]![0]!["scope"]), Is.True);
        Assert.That(items[0]["severity"]!.GetValue<string>(), Is.EqualTo("mild"));
        Assert.That(items[1]["description"]!.GetValue<string>(), Is.EqualTo("feedback 2"));
        Assert.That(JsonNode.DeepEquals(fakes.Scale.Audits.Single(), audit), Is.True, "stored as answered, still ungraded");
    }

    [Test]
    public async Task The_spec_example_is_graded_after_the_delay_without_conflict_and_becomes_active()
    {
        var clock = new FakeTimeProvider(Now);
        await using var fakes = await AuditFakes.StartAsync(o => o.TimeProvider = clock);
        using var http = FakeHttp.Scale(fakes);
        await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString());

        clock.Advance(TimeSpan.FromMinutes(2) - TimeSpan.FromMilliseconds(1));
        var before = (await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/audits", ("task_id", ScaleFake.ExampleTaskId)))).Array.Single()!;
        clock.Advance(TimeSpan.FromMilliseconds(1));
        var after = (await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/audits", ("task_id", ScaleFake.ExampleTaskId)))).Array.Single()!;

        Assert.That(before["active"]!.GetValue<bool>(), Is.False);
        Assert.That(before["feedback_items"]!.AsArray().Select(i => i!.AsObject().ContainsKey("grader_output")), Is.All.False);
        Assert.That(after["active"]!.GetValue<bool>(), Is.True);
        Assert.That(after["updated_at"]!.GetValue<string>(), Is.EqualTo("2025-03-04T05:08:07.890Z"), "processed 2 minutes (the default) after creation");
        Assert.That(after["created_at"]!.GetValue<string>(), Is.EqualTo("2025-03-04T05:06:07.890Z"));

        // A comment and a confirmation: the guide's invalid-item rules are all about errors.
        Assert.That(
            after["feedback_items"]!.AsArray().Select(i => JsonNode.DeepEquals(i!["grader_output"], new JsonObject { ["conflict"] = false })),
            Is.All.True);
    }

    [Test]
    public async Task Grading_waits_for_the_configured_delay_on_the_fakes_clock()
    {
        var clock = new FakeTimeProvider(Now);
        await using var fakes = await AuditFakes.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.GradingDelay = TimeSpan.FromSeconds(30);
        });
        using var http = FakeHttp.Scale(fakes);
        await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.AuditWith(Item("error", "label", new JsonObject { ["type"] = "scene", ["interval"] = FakeHttp.Interval(0, 1) })).ToJsonString());

        clock.Advance(TimeSpan.FromSeconds(29));
        var early = fakes.Scale.Audits.Single();
        clock.Advance(TimeSpan.FromSeconds(1));
        var graded = fakes.Scale.Audits.Single();

        Assert.That(early["feedback_items"]![0]!["grader_output"], Is.Null);
        Assert.That(graded["feedback_items"]![0]!["grader_output"]!["conflict"]!.GetValue<bool>(), Is.True);
        Assert.That(graded["active"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task With_an_infinite_delay_only_GradePending_grades_and_it_says_how_many_it_processed()
    {
        var clock = new FakeTimeProvider(Now);
        await using var fakes = await AuditFakes.StartAsync(o =>
        {
            o.TimeProvider = clock;
            o.GradingDelay = Timeout.InfiniteTimeSpan;
        });
        using var http = FakeHttp.Scale(fakes);
        await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString());
        await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString());

        clock.Advance(TimeSpan.FromDays(365));
        var ungraded = fakes.Scale.Audits;
        clock.Advance(TimeSpan.FromSeconds(5));
        var processed = fakes.Scale.GradePending();
        var again = fakes.Scale.GradePending();

        Assert.That(ungraded.SelectMany(a => a["feedback_items"]!.AsArray()).Select(i => i!["grader_output"]), Is.All.Null);
        Assert.That(ungraded.Select(a => a["active"]!.GetValue<bool>()), Is.All.False);
        Assert.That((processed, again), Is.EqualTo((2, 0)));
        var graded = fakes.Scale.Audits;
        Assert.That(graded.SelectMany(a => a["feedback_items"]!.AsArray()).Select(i => i!["grader_output"]), Is.All.Not.Null);
        Assert.That(graded.Select(a => a["active"]!.GetValue<bool>()), Is.EqualTo(new[] { false, true }));
        Assert.That(graded.Select(a => a["updated_at"]!.GetValue<string>()), Is.All.EqualTo("2026-03-04T05:06:12.890Z"));
    }

    [Test]
    public async Task With_a_zero_delay_the_create_answer_is_ungraded_and_the_next_read_graded()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.GradingDelay = TimeSpan.Zero);
        using var http = FakeHttp.Scale(fakes);

        var created = (await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString())).Object;
        var listed = (await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/audits", ("id", created["id"]!.GetValue<string>())))).Array.Single()!;

        Assert.That(created["active"]!.GetValue<bool>(), Is.False);
        Assert.That(created["feedback_items"]![0]!["grader_output"], Is.Null);
        Assert.That(listed["active"]!.GetValue<bool>(), Is.True);
        Assert.That(listed["feedback_items"]![0]!["grader_output"], Is.Not.Null);
    }

    [TestCase("open")]
    [TestCase("resolved")]
    [TestCase("disputed")]
    [TestCase("escalated")]
    [TestCase("rejected")]
    [TestCase("awaiting_customer")]
    public async Task A_test_moves_an_items_state_and_the_listing_shows_it(string state)
    {
        var clock = new FakeTimeProvider(Now);
        await using var fakes = await AuditFakes.StartAsync(o => o.TimeProvider = clock);
        using var http = FakeHttp.Scale(fakes);
        var created = (await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString())).Object;
        var itemId = created["feedback_items"]![1]!["id"]!.GetValue<string>();
        clock.Advance(TimeSpan.FromMinutes(10));

        fakes.Scale.SetItemState(created["srn"]!.GetValue<string>(), itemId, state);

        var listed = await fakes.Clients.ScaleAudits.ListAuditsAsync(taskId: ScaleFake.ExampleTaskId);
        var items = listed.Single().FeedbackItems!;
        Assert.That(items[1].State, Is.EqualTo(new FeedbackItemState(state)));
        Assert.That(items[0].State, Is.EqualTo(FeedbackItemState.Open), "the other item is untouched");
        var stored = fakes.Scale.Audits.Single();
        Assert.That(stored["feedback_items"]![1]!["updated_at"]!.GetValue<string>(), Is.EqualTo("2025-03-04T05:16:07.890Z"));
        Assert.That(stored["updated_at"]!.GetValue<string>(), Is.EqualTo("2025-03-04T05:16:07.890Z"));
    }

    [Test]
    public async Task Moving_the_state_of_an_unknown_audit_or_item_says_which()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var created = (await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString())).Object;
        var auditId = created["id"]!.GetValue<string>();

        var noAudit = Assert.Throws<ArgumentException>(() => fakes.Scale.SetItemState("no_such_audit", "x", "resolved"));
        var noItem = Assert.Throws<ArgumentException>(() => fakes.Scale.SetItemState(auditId, "no_such_item", "resolved"));
        var noState = Assert.Throws<ArgumentException>(() => fakes.Scale.SetItemState(auditId, created["feedback_items"]![0]!["id"]!.GetValue<string>(), " "));
        var noActive = Assert.Throws<ArgumentException>(() => fakes.Scale.SetActive("no_such_audit", true));

        Assert.That(noAudit!.Message, Does.Contain("no_such_audit"));
        Assert.That(noItem!.Message, Does.Contain("no_such_item"));
        Assert.That(noState!.ParamName, Is.EqualTo("state"));
        Assert.That(noActive!.Message, Does.Contain("no_such_audit"));
    }

    [Test]
    public async Task A_test_moves_active_to_another_audit_or_leaves_a_task_without_one()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var first = (await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString())).Object["id"]!.GetValue<string>();
        var second = (await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString())).Object["srn"]!.GetValue<string>();
        fakes.Scale.GradePending();

        fakes.Scale.SetActive(first, true);
        var movedBack = Active(fakes);
        fakes.Scale.SetActive(first, false);
        var none = Active(fakes);
        fakes.Scale.SetActive(second, true);
        var latest = Active(fakes);

        Assert.That(movedBack, Is.EqualTo(new[] { true, false }));
        Assert.That(none, Is.EqualTo(new[] { false, false }));
        Assert.That(latest, Is.EqualTo(new[] { false, true }));

        static bool[] Active(AuditFakes fakes) => fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId).Select(a => a["active"]!.GetValue<bool>()).ToArray();
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
    public async Task A_processed_audit_becomes_active_and_the_tasks_earlier_audits_inactive()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var otherTask = fakes.Scale.AddTask(new JsonObject());
        await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit(otherTask).ToJsonString());
        await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString());
        fakes.Scale.GradePending();
        var latest = (await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.SpecAudit().ToJsonString())).Object;

        var whilePending = await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/audits", ("task_id", ScaleFake.ExampleTaskId)));
        fakes.Scale.GradePending();
        var listed = await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/audits", ("task_id", ScaleFake.ExampleTaskId)));

        Assert.That(whilePending.Array.Select(a => a!["active"]!.GetValue<bool>()), Is.EqualTo(new[] { true, false }), "the earlier audit stays the latest processed one");
        Assert.That(listed.Array.Select(a => a!["active"]!.GetValue<bool>()), Is.EqualTo(new[] { false, true }));
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
        Assert.That(created.Active, Is.False);
        Assert.That(created.FeedbackItems!.Single().State, Is.EqualTo(FeedbackItemState.Open));
        Assert.That(created.FeedbackItems!.Single().GraderOutput, Is.Null, "not graded yet");
        fakes.Scale.GradePending();
        var listed = await fakes.Clients.ScaleAudits.ListAuditsAsync(auditId: created.Srn);
        Assert.That(listed.Single().Id, Is.EqualTo(created.Id));
        Assert.That(listed.Single().Active, Is.True);
        Assert.That(listed.Single().FeedbackItems!.Single().GraderOutput, Is.EqualTo(new FeedbackItemGraderOutput { Conflict = false }).Using(ModelEquality.Instance));
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

    // Each 400 the fake gives, with the creation payload's line (specs/scale-fixless-audits.txt) that backs it.
    private static IEnumerable<TestCaseData> MalformedBodies()
    {
        yield return Case("type absent (222)", a => a.Remove("type"), "type is required (one of: fixless)");
        yield return Case("type (222)", a => a["type"] = "classic", "type must be one of: fixless");
        yield return Case("result absent (223)", a => a.Remove("result"), "result is required (one of: accepted, rejected)");
        yield return Case("result (223)", a => a["result"] = "fixed", "result must be one of: accepted, rejected");
        yield return Case("task_id (224)", a => a.Remove("task_id"), "task_id is required");
        yield return Case("comments (225)", a => a["comments"] = 7, "comments must be a string");
        yield return Case("target_response_url (226)", a => a["target_response_url"] = "", "target_response_url is required");
        yield return Case("feedback_items (227)", a => a["feedback_items"] = "none", "feedback_items must be an array");
        yield return Case("feedback item (227)", a => a["feedback_items"]![0] = "an item", "feedback_items[0] must be an object");
        yield return Case("metadata (228)", a => a["metadata"] = new JsonArray(), "metadata must be an object");
        yield return Case("item type (19, 232)", a => a["feedback_items"]![0]!.AsObject().Remove("type"), "feedback_items[0].type is required");
        yield return Case("item category kind (234)", a => a["feedback_items"]![0]!["category"] = 3, "feedback_items[0].category must be a string");
        yield return Case("item severity kind (241)", a => a["feedback_items"]![1]!["severity"] = true, "feedback_items[1].severity must be a string");
        yield return Case("item description (242)", a => a["feedback_items"]![1]!["description"] = new JsonObject(), "feedback_items[1].description must be a string");
        yield return Case("item metadata (243)", a => a["feedback_items"]![1]!["metadata"] = "x", "feedback_items[1].metadata must be an object");
        yield return Case("scope (84, 233)", a => a["feedback_items"]![0]!.AsObject().Remove("scope"), "feedback_items[0].scope is required");
        yield return Case("scope type (86)", a => a["feedback_items"]![0]!["scope"]!["type"] = "cuboid", "feedback_items[0].scope.type must be one of: annotation, point, polygon, scene");
        yield return Case("annotation_id kind (256)", a => a["feedback_items"]![0]!["scope"]!["annotation_id"] = 42, "feedback_items[0].scope.annotation_id must be a string");
        yield return Case("sensor_id (257)", a => a["feedback_items"]![0]!["scope"]!["sensor_id"] = true, "feedback_items[0].scope.sensor_id must be a string or a number");
        yield return Case("scene attribute (287)", a => a["feedback_items"]![1]!["scope"]!["attribute"] = 1, "feedback_items[1].scope.attribute must be a string");
        yield return Case("vertices (265)", a => a["feedback_items"]![0]!["scope"] = MissingScope("polygon", "vertices", new JsonArray(new JsonArray(0, 0), new JsonArray(1)), "cuboid", true), "feedback_items[0].scope.vertices must be an array of [x, y] number pairs");
        yield return Case("coordinates (276)", a => a["feedback_items"]![0]!["scope"] = MissingScope("point", "coordinates", "here", "cuboid", true), "feedback_items[0].scope.coordinates must be an [x, y] number pair");
        yield return Case("missing_annotation_type kind (277)", a => a["feedback_items"]![0]!["scope"] = MissingScope("point", "coordinates", new JsonArray(1, 2), 5, true), "feedback_items[0].scope.missing_annotation_type must be a string");
        yield return Case("stationary (278)", a => a["feedback_items"]![0]!["scope"] = MissingScope("point", "coordinates", new JsonArray(1, 2), "cuboid", "yes"), "feedback_items[0].scope.stationary must be a boolean");
        yield return Case("interval (259)", a => a["feedback_items"]![0]!["scope"]!.AsObject().Remove("interval"), "feedback_items[0].scope.interval is required");
        yield return Case("interval type (292)", a => a["feedback_items"]![0]!["scope"]!["interval"]!["type"] = "time_range", "feedback_items[0].scope.interval.type must be one of: frame_range");
        yield return Case("interval start (293)", a => a["feedback_items"]![1]!["scope"]!["interval"]!["start"] = "0", "feedback_items[1].scope.interval.start is required and must be a number");
        yield return Case("interval end (294)", a => a["feedback_items"]![1]!["scope"]!["interval"]!.AsObject().Remove("end"), "feedback_items[1].scope.interval.end is required and must be a number");

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

    // Values the documents list but Scale may extend, or leave unconstrained: stored as sent, never refused.
    private static IEnumerable<TestCaseData> AcceptedValues()
    {
        yield return Accepted("category occlusion", Item("error", "occlusion", AnnotationScope("a1")));
        yield return Accepted("severity critical", Item("error", "label", AnnotationScope("a1")).With("severity", "critical"));
        yield return Accepted("item type praise", Item("praise", "label", AnnotationScope("a1")));
        yield return Accepted("no category", new JsonObject { ["type"] = "flag", ["scope"] = AnnotationScope("a1") });
        yield return Accepted("missing_annotation_type cuboid_v2", Item("error", "missing", MissingScope("point", "coordinates", new JsonArray(1, 2), "cuboid_v2", true)));
        yield return Accepted("frames as floats", Item("error", "label", AnnotationScope("a1").With("interval", new JsonObject { ["type"] = "frame_range", ["start"] = 0.0, ["end"] = 10.0 })));
        yield return Accepted("start after end", Item("error", "label", AnnotationScope("a1").With("interval", FakeHttp.Interval(9, 2))));
        yield return Accepted("negative start", Item("error", "label", AnnotationScope("a1").With("interval", FakeHttp.Interval(-1, 2))));
        yield return Accepted("numeric sensor_id on a point", Item("error", "missing", MissingScope("point", "coordinates", new JsonArray(1, 2), "cuboid", true).With("sensor_id", 7)));
        yield return Accepted("unknown fields", Item("error", "label", AnnotationScope("a1").With("confidence", 0.5)).With("reviewer_notes", new JsonArray("x")));
        yield return Accepted("state in the payload", Item("error", "label", AnnotationScope("a1")).With("state", "resolved"));

        static TestCaseData Accepted(string name, JsonObject item) => new TestCaseData(item).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(AcceptedValues))]
    public async Task An_extensible_or_unconstrained_value_is_accepted_and_stored_as_sent(JsonObject item)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.AuditWith(item).ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.Body?.ToJsonString());
        var stored = fakes.Scale.Audits.Single()["feedback_items"]![0]!.AsObject();
        foreach (var name in new[] { "type", "category", "severity", "scope" })
        {
            Assert.That(JsonNode.DeepEquals(stored[name], item[name]), Is.True, name);
        }

        Assert.That(stored["state"]!.GetValue<string>(), Is.EqualTo("open"), "a new item starts open");
    }

    [Test]
    public async Task Category_occlusion_is_stored_then_graded_without_a_rule_of_the_guide_to_break()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.AuditWith(Item("error", "occlusion", AnnotationScope("a1"))).ToJsonString());
        fakes.Scale.GradePending();

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created));
        var listed = await fakes.Clients.ScaleAudits.ListAuditsAsync(taskId: ScaleFake.ExampleTaskId);
        var item = listed.Single().FeedbackItems!.Single();
        Assert.That(item.Category, Is.EqualTo(new FeedbackItemCategory("occlusion")));
        Assert.That(item.GraderOutput, Is.EqualTo(new FeedbackItemGraderOutput { Conflict = false }).Using(ModelEquality.Instance));
    }

    // The guide's examples of invalid items (lines 187-193) and the requirements they follow from (lines 46-81).
    private static IEnumerable<TestCaseData> GraderConflicts()
    {
        yield return Conflict(
            "label error on a scene",
            Item("error", "label", new JsonObject { ["type"] = "scene", ["interval"] = FakeHttp.Interval(0, 1) }),
            "needs a valid annotation_id");
        yield return Conflict(
            "geometry error without annotation_id",
            Item("error", "geometry", new JsonObject { ["type"] = "annotation", ["interval"] = FakeHttp.Interval(0, 1) }),
            "no annotation_id");
        yield return Conflict(
            "position error with a blank annotation_id",
            Item("error", "position", AnnotationScope(" ")),
            "no annotation_id");
        yield return Conflict(
            "extraneous error on a point",
            Item("error", "extraneous", MissingScope("point", "coordinates", new JsonArray(1.5, -2.25), "cuboid", true)),
            "a point scope");
        yield return Conflict(
            "attribute error on a polygon",
            Item("error", "attribute", MissingScope("polygon", "vertices", Triangle(), "cuboid", true)),
            "a polygon scope");
        yield return Conflict(
            "attribute error on an annotation without attribute",
            Item("error", "attribute", AnnotationScope("a1")),
            "attribute name");
        yield return Conflict(
            "missing error on an annotation",
            Item("error", "missing", AnnotationScope("a1")),
            "'point' or 'polygon' scope");
        yield return Conflict(
            "missing error on a point without coordinates",
            Item("error", "missing", MissingScope("point", "coordinates", null, "cuboid", true)),
            "no coordinates");
        yield return Conflict(
            "missing error on a two-vertex polygon",
            Item("error", "missing", MissingScope("polygon", "vertices", new JsonArray(new JsonArray(0, 0), new JsonArray(1, 1)), "cuboid", true)),
            "at least 3 vertices");
        yield return Conflict(
            "missing error without missing_annotation_type",
            Item("error", "missing", MissingScope("point", "coordinates", new JsonArray(1.5, -2.25), null, true)),
            "missing_annotation_type");
        yield return Conflict(
            "error without category",
            new JsonObject { ["type"] = "error", ["scope"] = AnnotationScope("a1") },
            "needs a category");

        static TestCaseData Conflict(string name, JsonObject item, string explanation) =>
            new TestCaseData(item, explanation).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(GraderConflicts))]
    public async Task An_item_the_guide_calls_invalid_is_stored_then_graded_with_a_conflict_and_an_explanation(JsonObject item, string explanation)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.AuditWith(item).ToJsonString());
        var beforeGrading = (await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/audits", ("task_id", ScaleFake.ExampleTaskId)))).Array;
        fakes.Scale.GradePending();
        var listed = (await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/audits", ("task_id", ScaleFake.ExampleTaskId)))).Array;

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.Body?.ToJsonString());
        Assert.That(answer.Object["feedback_items"]![0]!["grader_output"], Is.Null);
        Assert.That(beforeGrading[0]!["feedback_items"]![0]!["grader_output"], Is.Null);
        var grader = listed[0]!["feedback_items"]![0]!["grader_output"]!;
        Assert.That(grader["conflict"]!.GetValue<bool>(), Is.True);
        Assert.That(grader["explanation"]!.GetValue<string>(), Does.Contain(explanation));
        Assert.That(JsonNode.DeepEquals(listed[0]!["feedback_items"]![0]!["scope"], item["scope"]), Is.True, "the scope is stored as sent");
    }

    [TestCaseSource(nameof(GraderConflicts))]
    public async Task The_same_item_as_a_comment_flag_or_confirmation_is_not_marked(JsonObject item, string explanation)
    {
        _ = explanation;
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var audit = FakeHttp.SpecAudit();
        audit["feedback_items"] = new JsonArray(
            item.DeepClone().AsObject().With("type", "comment"),
            item.DeepClone().AsObject().With("type", "flag"),
            item.DeepClone().AsObject().With("type", "confirmation"));

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", audit.ToJsonString());
        fakes.Scale.GradePending();

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created));
        var items = fakes.Scale.Audits.Single()["feedback_items"]!.AsArray();
        Assert.That(items.Select(i => JsonNode.DeepEquals(i!["grader_output"], new JsonObject { ["conflict"] = false })), Is.All.True);
    }

    private static IEnumerable<TestCaseData> GraderValid()
    {
        yield return Valid("attribute error on a scene", Item("error", "attribute", new JsonObject { ["type"] = "scene", ["attribute"] = "weather", ["interval"] = FakeHttp.Interval(0, 9) }));
        yield return Valid("attribute error on an annotation attribute", Item("error", "attribute", AnnotationScope("a1").With("attribute", "occlusion")));
        yield return Valid("missing error with a point", Item("error", "missing", MissingScope("point", "coordinates", new JsonArray(1.5, -2.25), "cuboid", true)));
        yield return Valid("missing error with a polygon", Item("error", "missing", MissingScope("polygon", "vertices", Triangle(), "polygon_topdown", false)));
        yield return Valid("missing error without stationary", Item("error", "missing", MissingScope("point", "coordinates", new JsonArray(0, 0), "box_2d", null)));
        yield return Valid("position error with annotation_id and numeric sensor", Item("error", "position", AnnotationScope("a1").With("sensor_id", 12345678901234567890m)));
        yield return Valid("label error of mild severity", Item("error", "label", AnnotationScope("a1")).With("severity", "mild"));

        static TestCaseData Valid(string name, JsonObject item) => new TestCaseData(item).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(GraderValid))]
    public async Task An_item_following_the_guides_rules_is_graded_without_conflict(JsonObject item)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", FakeHttp.AuditWith(item).ToJsonString());
        fakes.Scale.GradePending();

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.Body?.ToJsonString());
        var stored = fakes.Scale.Audits.Single()["feedback_items"]![0]!;
        Assert.That(JsonNode.DeepEquals(stored["grader_output"], new JsonObject { ["conflict"] = false }), Is.True, stored["grader_output"]?.ToJsonString());
        Assert.That(JsonNode.DeepEquals(stored["scope"], item["scope"]), Is.True, "the scope is stored as sent");
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
        Assert.That(stored.Count(a => a["active"]!.GetValue<bool>()), Is.Zero, "none is processed yet");
        Assert.That(fakes.Scale.GradePending(), Is.EqualTo(20));
        var processed = fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId);
        Assert.That(processed.Count(a => a["active"]!.GetValue<bool>()), Is.EqualTo(1));
        Assert.That(processed[^1]["active"]!.GetValue<bool>(), Is.True);
    }

    private static JsonObject Item(string type, string category, JsonObject scope) =>
        new() { ["type"] = type, ["category"] = category, ["scope"] = scope, ["severity"] = "standard" };

    private static JsonObject AnnotationScope(string annotationId) =>
        new() { ["type"] = "annotation", ["annotation_id"] = annotationId, ["interval"] = FakeHttp.Interval(0, 4) };

    private static JsonObject MissingScope(string type, string location, JsonNode? where, JsonNode? missingType, JsonNode? stationary)
    {
        var scope = new JsonObject { ["type"] = type };
        if (where is not null)
        {
            scope[location] = where;
        }

        if (missingType is not null)
        {
            scope["missing_annotation_type"] = missingType;
        }

        if (stationary is not null)
        {
            scope["stationary"] = stationary;
        }

        scope["interval"] = FakeHttp.Interval(0, 4);
        return scope;
    }

    private static JsonArray Triangle() => new(new JsonArray(0, 0), new JsonArray(4, 0), new JsonArray(4, 3));
}

internal static class JsonObjectTestExtensions
{
    /// <summary>Sets a property and returns the object, for one-line test payloads.</summary>
    public static JsonObject With(this JsonObject owner, string name, JsonNode? value)
    {
        owner[name] = value;
        return owner;
    }
}
