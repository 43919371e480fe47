using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditClient.Testing;
using Microsoft.Extensions.Time.Testing;

namespace AuditClient.Tests.Testing;

/// <summary>
/// GET /v1/task/{id} (through the SDK and raw for the full fields), GET /v1/tasks and POST /v1/task/{id}/audit (raw:
/// the SDK has no listing or audit action yet). Expected results are computed from <see cref="ScaleFake.Tasks"/>.
/// </summary>
public sealed class TaskFakeTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, 250, TimeSpan.Zero);

    [Test]
    public async Task The_sdk_gets_the_spec_example_task()
    {
        await using var fakes = await AuditFakes.StartAsync();

        var task = await fakes.Clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId);

        Assert.That(task.TaskId, Is.EqualTo(ScaleFake.ExampleTaskId));
    }

    [Test]
    public async Task The_example_task_carries_the_specs_audit_fields()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var task = (await FakeHttp.GetAsync(http, $"/v1/task/{ScaleFake.ExampleTaskId}")).Object;

        Assert.That(task["type"]!.GetValue<string>(), Is.EqualTo("imageannotation"));
        Assert.That(task["status"]!.GetValue<string>(), Is.EqualTo("completed"));
        Assert.That(task["customer_review_status"]!.GetValue<string>(), Is.EqualTo("fixed"));
        Assert.That(task["customer_review_comments"]!.GetValue<string>(), Is.EqualTo("Was small, actually is big"));
        Assert.That(JsonNode.DeepEquals(task["prior_responses"], new JsonArray(new JsonObject { ["category"] = "small" })), Is.True);
        var audits = task["audits"]!.AsArray();
        Assert.That(audits.Select(a => a!["audit_result"]!.GetValue<string>()), Is.EqualTo(new[] { "accepted", "fixed" }));
        Assert.That(audits.Select(a => a!["audit_time_secs"]!.GetValue<int>()), Is.EqualTo(new[] { 120, 511 }));
        Assert.That(audits.Select(a => a!["audited_at"]!.GetValue<string>()), Is.EqualTo(new[] { "2021-06-24T15:32:03.585Z", "2021-06-23T10:01:02.352Z" }));
    }

    [Test]
    public async Task Generated_tasks_cover_statuses_review_states_both_comment_shapes_and_per_annotation_errors()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var tasks = fakes.Scale.Tasks;

        Assert.That(tasks.Select(t => Text(t, "status")).Distinct(), Is.EquivalentTo(new[] { "completed", "pending", "canceled", "error" }));
        Assert.That(tasks.Select(t => Text(t, "customer_review_status")).Distinct(), Is.SupersetOf(new[] { "accepted", "rejected", "fixed", null }));
        Assert.That(tasks.Select(t => Text(t, "project")).Distinct().Count(p => p is not null), Is.GreaterThanOrEqualTo(3));
        Assert.That(tasks.Select(t => Text(t, "type")).Distinct().Count(), Is.GreaterThanOrEqualTo(4));
        Assert.That(tasks.Any(t => t["customer_review_comments"] is JsonArray), Is.True, "a task fixed twice has its comments as an array");
        Assert.That(tasks.Any(t => t["customer_review_comments"]?.GetValueKind() == JsonValueKind.String), Is.True);
        var errors = tasks.SelectMany(t => t["audits"]?.AsArray() ?? []).SelectMany(a => a!["audit_per_annotation_errors"]?.AsArray() ?? []).ToList();
        Assert.That(errors, Is.Not.Empty);
        Assert.That(errors.Select(e => Text(e!.AsObject(), "uuid")), Is.All.Not.Null);
        Assert.That(tasks.SelectMany(t => t["audits"]?.AsArray() ?? []).Select(a => Text(a!.AsObject(), "audit_source")).Distinct(), Is.EquivalentTo(new[] { "customer", "scale" }));
    }

    [Test]
    public async Task A_seeded_task_gets_defaults_and_is_served_by_id()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.TimeProvider = new FakeTimeProvider(Now));

        var id = fakes.Scale.AddTask(new JsonObject { ["project"] = "my_project", ["tags"] = new JsonArray("a") });
        var custom = fakes.Scale.AddTask(new JsonObject { ["task_id"] = "my_task", ["status"] = "pending", ["created_at"] = "2024-02-03T04:05:06.007Z" });

        var task = await fakes.Clients.ScaleTasks.GetTaskAsync(id);
        Assert.That(task.TaskId, Is.EqualTo(id));
        var stored = fakes.Scale.GetTask(id)!;
        Assert.That(Text(stored, "status"), Is.EqualTo("completed"));
        Assert.That(Text(stored, "type"), Is.EqualTo("imageannotation"));
        Assert.That(Text(stored, "created_at"), Is.EqualTo("2025-06-01T12:00:00.250Z"));
        Assert.That(Text(stored, "completed_at"), Is.EqualTo("2025-06-01T12:00:00.250Z"));
        Assert.That(Text(stored, "project"), Is.EqualTo("my_project"));
        var pending = fakes.Scale.GetTask(custom)!;
        Assert.That(custom, Is.EqualTo("my_task"));
        Assert.That(pending["completed_at"], Is.Null);
        Assert.That(Text(pending, "updated_at"), Is.EqualTo("2024-02-03T04:05:06.007Z"));
    }

    [Test]
    public async Task A_seeded_task_with_a_bad_timestamp_is_refused()
    {
        await using var fakes = await AuditFakes.StartAsync();

        var error = Assert.Throws<ArgumentException>(() => fakes.Scale.AddTask(new JsonObject { ["created_at"] = "yesterday" }));

        Assert.That(error!.Message, Does.Contain("created_at"));
    }

    [Test]
    public async Task Listing_without_filters_returns_every_task_newest_first_in_one_page()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var page = (await FakeHttp.GetAsync(http, "/v1/tasks")).Object;

        Assert.That(page["total"]!.GetValue<int>(), Is.EqualTo(25));
        Assert.That(page["limit"]!.GetValue<int>(), Is.EqualTo(100));
        Assert.That(page["has_more"]!.GetValue<bool>(), Is.False);
        Assert.That(page.ContainsKey("next_token") && page["next_token"] is null, Is.True, "next_token is null on the last page");
        var created = page["docs"]!.AsArray().Select(t => DateTimeOffset.Parse(Text(t!.AsObject(), "created_at")!, CultureInfo.InvariantCulture)).ToList();
        Assert.That(created, Has.Count.EqualTo(25));
        Assert.That(created, Is.Ordered.Descending);
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(25)]
    public async Task Following_next_token_visits_every_task_once(int limit)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = token is null ? FakeHttp.Path("/v1/tasks", ("limit", limit.ToString(CultureInfo.InvariantCulture))) : FakeHttp.Path("/v1/tasks", ("limit", limit.ToString(CultureInfo.InvariantCulture)), ("next_token", token));
            var page = (await FakeHttp.GetAsync(http, query)).Object;
            var docs = page["docs"]!.AsArray();
            Assert.That(docs, Has.Count.LessThanOrEqualTo(limit));
            Assert.That(page["total"]!.GetValue<int>(), Is.EqualTo(25));
            Assert.That(page["limit"]!.GetValue<int>(), Is.EqualTo(limit));
            seen.AddRange(docs.Select(t => Text(t!.AsObject(), "task_id")!));
            token = page["next_token"]?.GetValue<string>();
            Assert.That(page["has_more"]!.GetValue<bool>(), Is.EqualTo(token is not null));
            pages++;
        }
        while (token is not null);

        Assert.That(seen, Is.Unique);
        Assert.That(seen, Is.EquivalentTo(fakes.Scale.Tasks.Select(t => Text(t, "task_id"))));
        Assert.That(pages, Is.EqualTo((int)Math.Ceiling(25.0 / limit)));
    }

    [Test]
    public async Task A_task_added_between_pages_neither_repeats_nor_skips_a_task()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var first = (await FakeHttp.GetAsync(http, "/v1/tasks?limit=10")).Object;

        // Newer than every seeded task: it sorts first, before the page already read.
        fakes.Scale.AddTask(new JsonObject { ["task_id"] = "newest" });
        var rest = new List<string>();
        var token = first["next_token"]!.GetValue<string>();
        while (token is not null)
        {
            var page = (await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/tasks", ("limit", "10"), ("next_token", token)))).Object;
            rest.AddRange(page["docs"]!.AsArray().Select(t => Text(t!.AsObject(), "task_id")!));
            token = page["next_token"]?.GetValue<string>();
        }

        var all = first["docs"]!.AsArray().Select(t => Text(t!.AsObject(), "task_id")!).Concat(rest).ToList();
        Assert.That(all, Is.Unique);
        Assert.That(all, Has.Count.EqualTo(25));
        Assert.That(all, Does.Not.Contain("newest"));
    }

    private static IEnumerable<TestCaseData> Filters()
    {
        yield return Filter("project", [("project", "fake_project_beta")], t => Text(t, "project") == "fake_project_beta");
        yield return Filter("batch", [("batch", "fake_project_alpha_batch_2")], t => Text(t, "batch") == "fake_project_alpha_batch_2");
        yield return Filter("status", [("status", "completed")], t => Text(t, "status") == "completed");
        yield return Filter("type", [("type", "videoannotation")], t => Text(t, "type") == "videoannotation");
        yield return Filter("project and status", [("project", "fake_project_gamma"), ("status", "completed")], t => Text(t, "project") == "fake_project_gamma" && Text(t, "status") == "completed");
        yield return Filter("one review status", [("customer_review_status", "rejected")], t => Text(t, "customer_review_status") == "rejected");
        yield return Filter("review statuses, comma-separated", [("customer_review_status", "accepted,fixed")], t => Text(t, "customer_review_status") is "accepted" or "fixed");
        yield return Filter("unique ids, repeated", [("unique_id", "fake-unique-0002"), ("unique_id", "fake-unique-0010")], t => Text(t, "unique_id") is "fake-unique-0002" or "fake-unique-0010");
        yield return Filter("one tag", [("tags", "night")], t => Tags(t).Contains("night"));
        yield return Filter("every tag given", [("tags", "urban"), ("tags", "night")], t => Tags(t).Contains("urban") && Tags(t).Contains("night"));
        yield return Filter("start_time", [("start_time", "2024-01-04T00:00:00Z")], t => Time(t, "created_at") >= At("2024-01-04T00:00:00Z"));
        yield return Filter("start and end time", [("start_time", "2024-01-02"), ("end_time", "2024-01-05 12:00:00.000000")], t => Time(t, "created_at") >= At("2024-01-02T00:00:00Z") && Time(t, "created_at") <= At("2024-01-05T12:00:00Z"));
        yield return Filter("completed_after", [("completed_after", "2024-01-05T00:00:00Z")], t => Time(t, "completed_at") >= At("2024-01-05T00:00:00Z"));
        yield return Filter("completed_before", [("completed_before", "2024-01-05T00:00:00Z")], t => Time(t, "completed_at") is { } c && c <= At("2024-01-05T00:00:00Z"));
        yield return Filter("updated window", [("updated_after", "2024-01-03T00:00:00Z"), ("updated_before", "2024-01-07T00:00:00Z")], t => Time(t, "updated_at") >= At("2024-01-03T00:00:00Z") && Time(t, "updated_at") <= At("2024-01-07T00:00:00Z"));

        static TestCaseData Filter(string name, (string, string)[] query, Func<JsonObject, bool> expected) =>
            new TestCaseData(query, expected).SetArgDisplayNames(name);
    }

    [TestCaseSource(nameof(Filters))]
    public async Task A_filter_returns_exactly_the_matching_tasks((string Name, string Value)[] query, Func<JsonObject, bool> expected)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var wanted = fakes.Scale.Tasks.Where(expected).Select(t => Text(t, "task_id")).ToList();

        var page = (await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/tasks", query))).Object;

        Assert.That(wanted, Is.Not.Empty, "the seed must exercise this filter");
        Assert.That(wanted, Has.Count.LessThan(fakes.Scale.Tasks.Count), "the seed must exercise this filter");
        Assert.That(page["docs"]!.AsArray().Select(t => Text(t!.AsObject(), "task_id")), Is.EquivalentTo(wanted));
        Assert.That(page["total"]!.GetValue<int>(), Is.EqualTo(wanted.Count));
    }

    // No document in specs/ describes the task listing, so the fake answers no 400 for a parameter it cannot read.
    [TestCase("limit=0", 1)]
    [TestCase("limit=-3", 1)]
    [TestCase("limit=101", 100)]
    [TestCase("limit=99999999999999999999", 100)]
    [TestCase("limit=ten", 7)]
    [TestCase("limit=2.5", 7)]
    public async Task A_limit_out_of_range_is_clamped_and_one_that_is_not_an_integer_is_the_default(string query, int limit)
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.DefaultTaskPageSize = 7);
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.GetAsync(http, "/v1/tasks?" + query);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.Object["limit"]!.GetValue<int>(), Is.EqualTo(limit));
        Assert.That(answer.Object["docs"]!.AsArray(), Has.Count.EqualTo(Math.Min(limit, fakes.Scale.Tasks.Count)));
    }

    [TestCase("start_time", "last-tuesday")]
    [TestCase("end_time", "")]
    [TestCase("completed_after", "soon")]
    [TestCase("updated_before", "2024-13-45")]
    public async Task A_time_bound_that_is_not_a_timestamp_is_ignored(string name, string value)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var all = (await FakeHttp.GetAsync(http, "/v1/tasks")).Object;

        var answer = await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/tasks", (name, value)));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonNode.DeepEquals(answer.Object, all), Is.True, "the same listing as with no bound");
    }

    [Test]
    public async Task An_unreadable_time_bound_leaves_the_other_bound_of_its_pair_in_force()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var wanted = fakes.Scale.Tasks.Where(t => Time(t, "updated_at") >= At("2024-01-01T00:00:00Z")).Select(t => Text(t, "task_id")).ToList();

        var page = (await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/tasks", ("updated_after", "2024-01-01T00:00:00Z"), ("updated_before", "never")))).Object;

        Assert.That(wanted, Has.Count.LessThan(fakes.Scale.Tasks.Count), "the seed must exercise the bound");
        Assert.That(page["docs"]!.AsArray().Select(t => Text(t!.AsObject(), "task_id")), Is.EquivalentTo(wanted));
    }

    [TestCase("not-a-token")]
    [TestCase("bm90IGEgcGFnZSBrZXk")]
    public async Task A_next_token_the_fake_never_issued_is_an_empty_last_page(string token)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/tasks", ("next_token", token)));

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(answer.Object["docs"]!.AsArray(), Is.Empty, "no place in the listing, so nothing after it: a pager stops instead of starting over");
        Assert.That(answer.Object["has_more"]!.GetValue<bool>(), Is.False);
        Assert.That(answer.Object["next_token"], Is.Null);
        Assert.That(answer.Object["total"]!.GetValue<int>(), Is.EqualTo(fakes.Scale.Tasks.Count), "total still counts the matching tasks");
    }

    [Test]
    public async Task The_default_page_size_is_an_option()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.DefaultTaskPageSize = 10);
        using var http = FakeHttp.Scale(fakes);

        var page = (await FakeHttp.GetAsync(http, "/v1/tasks")).Object;

        Assert.That(page["docs"]!.AsArray(), Has.Count.EqualTo(10));
        Assert.That(page["limit"]!.GetValue<int>(), Is.EqualTo(10));
        Assert.That(page["has_more"]!.GetValue<bool>(), Is.True);
    }

    [Test]
    public async Task Accepting_a_task_records_a_customer_audit_first_and_updates_the_review_fields()
    {
        var clock = new FakeTimeProvider(Now);
        await using var fakes = await AuditFakes.StartAsync(o => o.TimeProvider = clock);
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PostAsync(http, $"/v1/task/{ScaleFake.ExampleTaskId}/audit", """{"accepted": true, "comments": "All good now"}""");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
        var task = answer.Object;
        Assert.That(Text(task, "task_id"), Is.EqualTo(ScaleFake.ExampleTaskId));
        Assert.That(Text(task, "customer_review_status"), Is.EqualTo("accepted"));
        Assert.That(Text(task, "customer_review_comments"), Is.EqualTo("All good now"));
        Assert.That(Text(task, "updated_at"), Is.EqualTo("2025-06-01T12:00:00.250Z"));
        var audits = task["audits"]!.AsArray();
        Assert.That(audits, Has.Count.EqualTo(3), "the two earlier audits are kept");
        var latest = audits[0]!.AsObject();
        Assert.That(Text(latest, "audit_result"), Is.EqualTo("accepted"));
        Assert.That(Text(latest, "audit_source"), Is.EqualTo("customer"));
        Assert.That(Text(latest, "audited_at"), Is.EqualTo("2025-06-01T12:00:00.250Z"));
        Assert.That(Text(latest, "audited_by"), Is.EqualTo("auditor@example.com"));
        Assert.That(Text(audits[1]!.AsObject(), "audited_at"), Is.EqualTo("2021-06-24T15:32:03.585Z"));
        Assert.That(JsonNode.DeepEquals(fakes.Scale.GetTask(ScaleFake.ExampleTaskId), task), Is.True, "the change is stored");
    }

    [Test]
    public async Task Rejecting_without_comments_clears_the_previous_comments_and_moves_updated_at()
    {
        var clock = new FakeTimeProvider(Now);
        await using var fakes = await AuditFakes.StartAsync(o => o.TimeProvider = clock);
        using var http = FakeHttp.Scale(fakes);
        await FakeHttp.PostAsync(http, $"/v1/task/{ScaleFake.ExampleTaskId}/audit", """{"accepted": true, "comments": "first"}""");
        clock.Advance(TimeSpan.FromMinutes(5));

        var task = (await FakeHttp.PostAsync(http, $"/v1/task/{ScaleFake.ExampleTaskId}/audit", """{"accepted": false}""")).Object;
        var updatedRecently = (await FakeHttp.GetAsync(http, "/v1/tasks?updated_after=2025-06-01T12:04:00Z")).Object;

        Assert.That(Text(task, "customer_review_status"), Is.EqualTo("rejected"));
        Assert.That(task["customer_review_comments"], Is.Null);
        Assert.That(task["audits"]!.AsArray().Select(a => Text(a!.AsObject(), "audit_result")), Is.EqualTo(new[] { "rejected", "accepted", "accepted", "fixed" }));
        Assert.That(updatedRecently["docs"]!.AsArray().Select(t => Text(t!.AsObject(), "task_id")), Is.EqualTo(new[] { ScaleFake.ExampleTaskId }));
    }

    [Test]
    public async Task Only_a_completed_task_can_be_audited()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var pending = fakes.Scale.AddTask(new JsonObject { ["status"] = "pending" });

        var answer = await FakeHttp.PostAsync(http, $"/v1/task/{pending}/audit", """{"accepted": true}""");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Object["error"]!.GetValue<string>(), Does.Contain("completed"));
        Assert.That(fakes.Scale.GetTask(pending)!["audits"], Is.Null);
    }

    // No document in specs/ describes the audit action's body: a body without a readable outcome records nothing.
    [TestCase("""{"comments": "no decision"}""")]
    [TestCase("""{"accepted": "yes"}""")]
    [TestCase("""{"accepted": null}""")]
    [TestCase("""[true]""")]
    [TestCase("""not json""")]
    [TestCase("")]
    public async Task A_body_without_a_boolean_accepted_records_nothing_and_answers_the_task_unchanged(string body)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var before = fakes.Scale.GetTask(ScaleFake.ExampleTaskId);

        var answer = await FakeHttp.PostAsync(http, $"/v1/task/{ScaleFake.ExampleTaskId}/audit", body);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(JsonNode.DeepEquals(answer.Object, before), Is.True, "the task as it was");
        Assert.That(JsonNode.DeepEquals(fakes.Scale.GetTask(ScaleFake.ExampleTaskId), before), Is.True, "nothing stored");
    }

    [TestCase("5")]
    [TestCase("true")]
    [TestCase("""{"text": "x"}""")]
    [TestCase("null")]
    public async Task Comments_that_are_not_a_string_are_taken_as_absent(string comments)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PostAsync(http, $"/v1/task/{ScaleFake.ExampleTaskId}/audit", $$"""{"accepted": true, "comments": {{comments}}}""");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(Text(answer.Object, "customer_review_status"), Is.EqualTo("accepted"));
        Assert.That(answer.Object.ContainsKey("customer_review_comments"), Is.False, "as an audit without comments");
        Assert.That(fakes.Scale.GetTask(ScaleFake.ExampleTaskId)!["audits"]!.AsArray(), Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_task_not_completed_is_400_whatever_the_body()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var pending = fakes.Scale.AddTask(new JsonObject { ["status"] = "pending" });

        var answer = await FakeHttp.PostAsync(http, $"/v1/task/{pending}/audit", "not json");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), "specs/scale-task-audits.txt: only a completed task can be audited");
    }

    [Test]
    public async Task Auditing_an_unknown_task_is_404()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);

        var answer = await FakeHttp.PostAsync(http, "/v1/task/no_such_task/audit", """{"accepted": true}""");

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(answer.Object["status_code"]!.GetValue<int>(), Is.EqualTo(404));
    }

    private static string? Text(JsonObject owner, string name) =>
        owner[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    private static HashSet<string> Tags(JsonObject task) => (task["tags"]?.AsArray() ?? []).Select(t => t!.GetValue<string>()).ToHashSet();

    private static DateTimeOffset? Time(JsonObject task, string name) =>
        Text(task, name) is { } text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : null;

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
