using System.Globalization;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.Scale;

public sealed class ScaleTaskListingTests
{
    private static string Page(int from, int count, string? nextToken, int total = 250)
    {
        var docs = string.Join(",", Enumerable.Range(from, count).Select(i => ScaleTaskJson.Task($"task-{i:D3}")));
        var token = nextToken is null ? string.Empty : $",\"next_token\":\"{nextToken}\"";
        return $$"""{"docs":[{{docs}}],"total":{{total}},"limit":100,"has_more":{{(nextToken is null ? "false" : "true")}}{{token}}}""";
    }

    private static void ServeJson(WireMockServer server, IRequestBuilder request, string body, int priority = 10) =>
        server.Given(request).AtPriority(priority)
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>250 tasks: 100 on the first page, 100 after token "p2", 50 after token "p3".</summary>
    private static void Serve250(WireMockServer server)
    {
        ServeJson(server, Request.Create().WithPath("/v1/tasks").UsingGet(), Page(0, 100, "p2"));
        ServeJson(server, Request.Create().WithPath("/v1/tasks").WithParam("next_token", "p2").UsingGet(), Page(100, 100, "p3"), priority: 1);
        ServeJson(server, Request.Create().WithPath("/v1/tasks").WithParam("next_token", "p3").UsingGet(), Page(200, 50, null), priority: 1);
    }

    private static string? Query(WireMock.Logging.ILogEntry entry, string name) =>
        entry.RequestMessage.Query is { } query && query.TryGetValue(name, out var values) ? values.Single() : null;

    [Test]
    public async Task Listing_250_tasks_served_100_100_50_yields_all_in_order_and_sends_each_next_token()
    {
        using var server = Loopback.StartServer();
        Serve250(server);
        using var clients = Loopback.Clients(server);

        var ids = new List<string>();
        await foreach (var task in clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Project = "cows", Limit = 100 }))
        {
            ids.Add(task.TaskId!);
        }

        Assert.That(ids, Is.EqualTo(Enumerable.Range(0, 250).Select(i => $"task-{i:D3}")));
        var requests = server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).ToList();
        Assert.That(requests.Select(e => Query(e, "next_token")), Is.EqualTo(new[] { null, "p2", "p3" }));
        Assert.That(requests.Select(e => Query(e, "project")), Is.All.EqualTo("cows"));
        Assert.That(requests.Select(e => Query(e, "limit")), Is.All.EqualTo("100"));
    }

    [Test]
    public async Task Cancelling_after_the_first_page_sends_no_further_request()
    {
        using var server = Loopback.StartServer();
        Serve250(server);
        using var clients = Loopback.Clients(server);
        using var cts = new CancellationTokenSource();

        var seen = 0;
        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () =>
        {
            await foreach (var task in clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery()).WithCancellation(cts.Token))
            {
                if (++seen == 100)
                {
                    await cts.CancelAsync();
                }
            }
        });

        Assert.That(seen, Is.EqualTo(100));
        Assert.That(server.LogEntries.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Cancelling_in_the_middle_of_a_page_stops_at_once()
    {
        using var server = Loopback.StartServer();
        Serve250(server);
        using var clients = Loopback.Clients(server);
        using var cts = new CancellationTokenSource();

        var seen = 0;
        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () =>
        {
            await foreach (var task in clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery(), cts.Token))
            {
                seen++;
                await cts.CancelAsync();
            }
        });

        Assert.That(seen, Is.EqualTo(1));
        Assert.That(server.LogEntries.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Paging_works_over_any_implementation_of_the_interface()
    {
        var api = new InMemoryTasks(pageSizes: [2, 2, 1]);

        var ids = new List<string>();
        await foreach (var task in api.ListAllTasksAsync(new ScaleTaskQuery { Batch = "b" }))
        {
            ids.Add(task.TaskId!);
        }

        Assert.That(ids, Is.EqualTo(new[] { "t0", "t1", "t2", "t3", "t4" }));
        Assert.That(api.TokensSeen, Is.EqualTo(new string?[] { null, "1", "2" }));
    }

    [Test]
    public async Task A_server_that_returns_the_token_it_was_sent_ends_in_an_error_not_a_loop()
    {
        using var server = Loopback.StartServer();
        ServeJson(server, Request.Create().WithPath("/v1/tasks").UsingGet(), Page(0, 2, "same"));
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditApiException>(async () =>
        {
            await foreach (var task in clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery()))
            {
                _ = task;
            }
        });

        Assert.That(error!.Message, Does.Contain("next_token"));
        Assert.That(server.LogEntries.Count(), Is.EqualTo(2));
    }

    [Test]
    public async Task A_server_whose_tokens_cycle_ends_in_an_error_after_one_round_not_a_loop()
    {
        using var server = Loopback.StartServer();
        ServeJson(server, Request.Create().WithPath("/v1/tasks").UsingGet(), Page(0, 2, "A"));
        ServeJson(server, Request.Create().WithPath("/v1/tasks").WithParam("next_token", "A").UsingGet(), Page(2, 2, "B"), priority: 1);
        ServeJson(server, Request.Create().WithPath("/v1/tasks").WithParam("next_token", "B").UsingGet(), Page(4, 2, "A"), priority: 1);
        using var clients = Loopback.Clients(server);
        var seen = new List<string?>();

        var error = await Assert.ThrowsAsync<AuditApiException>(async () =>
        {
            await foreach (var task in clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery()))
            {
                seen.Add(task.TaskId);
            }
        });

        Assert.That(error!.Message, Does.Contain("already been sent (A)"));
        // The third page answered with the repeated token: it is not handed out, so resuming lists it once.
        Assert.That(seen, Has.Count.EqualTo(4));
        Assert.That(server.LogEntries.Count(), Is.EqualTo(3));
    }

    [TestCase("de-DE")]
    [TestCase("ar-SA")]
    [TestCase("fa-IR")]
    public async Task Date_filters_go_out_as_iso_8601_utc_whatever_the_culture_and_offset(string culture)
    {
        using var server = Loopback.StartServer();
        ServeJson(server, Request.Create().WithPath("/v1/tasks").UsingGet(), Page(0, 1, null, total: 1));
        using var clients = Loopback.Clients(server);

        // 04:08:58.200 at UTC+01:00 is 03:08:58.200 UTC; 23:30 at UTC-05:00 is 04:30 UTC the next day.
        var plusOne = new DateTimeOffset(2024, 1, 3, 4, 8, 58, 200, TimeSpan.FromHours(1));
        var minusFive = new DateTimeOffset(2024, 1, 3, 23, 30, 0, TimeSpan.FromHours(-5));
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            await clients.ScaleTasks.ListTasksAsync(new ScaleTaskQuery
            {
                StartTime = plusOne,
                EndTime = minusFive,
                CompletedAfter = plusOne,
                CompletedBefore = minusFive,
                UpdatedAfter = plusOne,
                UpdatedBefore = minusFive,
                Limit = 50,
            });
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        var entry = server.LogEntries.Single();
        foreach (var name in new[] { "start_time", "completed_after", "updated_after" })
        {
            Assert.That(Query(entry, name), Is.EqualTo("2024-01-03T03:08:58.200Z"), name);
        }

        foreach (var name in new[] { "end_time", "completed_before", "updated_before" })
        {
            Assert.That(Query(entry, name), Is.EqualTo("2024-01-04T04:30:00.000Z"), name);
        }

        Assert.That(Query(entry, "limit"), Is.EqualTo("50"));
    }

    [Test]
    public async Task Every_filter_goes_out_under_its_wire_name()
    {
        using var server = Loopback.StartServer();
        ServeJson(server, Request.Create().WithPath("/v1/tasks").UsingGet(), Page(0, 1, null, total: 1));
        using var clients = Loopback.Clients(server);

        var page = await clients.ScaleTasks.ListTasksAsync(new ScaleTaskQuery
        {
            Project = "cow detection",
            Batch = "batch/3",
            Status = ScaleTaskStatus.Completed,
            Type = "imageannotation",
            CustomerReviewStatuses = [CustomerReviewStatus.Accepted, CustomerReviewStatus.Fixed, "commented"],
            UniqueIds = ["u1", "u&2"],
            Tags = ["cows", "night"],
            Limit = 1,
            NextToken = "tok",
            IncludeAttachmentUrl = true,
        });

        Assert.That(page.Docs!.Single().TaskId, Is.EqualTo("task-000"));
        Assert.That(page.Total, Is.EqualTo(1));
        Assert.That(page.HasMore, Is.False);
        var query = server.LogEntries.Single().RequestMessage.Query!;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(query["project"].Single(), Is.EqualTo("cow detection"));
            Assert.That(query["batch"].Single(), Is.EqualTo("batch/3"));
            Assert.That(query["status"].Single(), Is.EqualTo("completed"));
            Assert.That(query["type"].Single(), Is.EqualTo("imageannotation"));
            Assert.That(query["customer_review_status"].Single(), Is.EqualTo("accepted,fixed,commented"));
            Assert.That(query["unique_id"], Is.EqualTo(new[] { "u1", "u&2" }));
            Assert.That(query["tags"], Is.EqualTo(new[] { "cows", "night" }));
            Assert.That(query["limit"].Single(), Is.EqualTo("1"));
            Assert.That(query["next_token"].Single(), Is.EqualTo("tok"));
            Assert.That(query["include_attachment_url"].Single(), Is.EqualTo("true"));
            Assert.That(query.Keys, Has.Count.EqualTo(10));
        }
    }

    [Test]
    public async Task An_empty_query_sends_no_filter()
    {
        using var server = Loopback.StartServer();
        ServeJson(server, Request.Create().WithPath("/v1/tasks").UsingGet(), """{"docs":[]}""");
        using var clients = Loopback.Clients(server);

        var page = await clients.ScaleTasks.ListTasksAsync(new ScaleTaskQuery { Tags = [], UniqueIds = [], CustomerReviewStatuses = [] });

        Assert.That(page.Docs, Is.Empty);
        Assert.That(server.LogEntries.Single().RequestMessage.RawQuery, Is.Null.Or.Empty);
    }

    private static readonly DateTimeOffset Early = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Late = new(2024, 2, 1, 0, 0, 0, TimeSpan.Zero);

    private static IEnumerable<TestCaseData> InvalidQueries()
    {
        yield return new TestCaseData(new ScaleTaskQuery { Limit = 0 }, "limit").SetName("limit 0");
        yield return new TestCaseData(new ScaleTaskQuery { Limit = 101 }, "limit").SetName("limit 101");
        yield return new TestCaseData(new ScaleTaskQuery { Limit = -5 }, "limit").SetName("limit negative");
        yield return new TestCaseData(new ScaleTaskQuery { StartTime = Late, EndTime = Early }, "start_time").SetName("start_time after end_time");
        yield return new TestCaseData(new ScaleTaskQuery { CompletedAfter = Late, CompletedBefore = Early }, "completed_after").SetName("completed_after after completed_before");
        yield return new TestCaseData(new ScaleTaskQuery { UpdatedAfter = Late, UpdatedBefore = Early }, "updated_after").SetName("updated_after after updated_before");
        yield return new TestCaseData(new ScaleTaskQuery { Project = " " }, "project").SetName("blank project");
        yield return new TestCaseData(new ScaleTaskQuery { Batch = "" }, "batch").SetName("empty batch");
        yield return new TestCaseData(new ScaleTaskQuery { Type = "" }, "type").SetName("empty type");
        yield return new TestCaseData(new ScaleTaskQuery { NextToken = "" }, "next_token").SetName("empty next_token");
        yield return new TestCaseData(new ScaleTaskQuery { Status = "" }, "status").SetName("empty status");
        yield return new TestCaseData(new ScaleTaskQuery { Status = default(ScaleTaskStatus) }, "status").SetName("default status");
        yield return new TestCaseData(new ScaleTaskQuery { CustomerReviewStatuses = [CustomerReviewStatus.Accepted, default] }, "customer_review_status[1]").SetName("default review status");
        yield return new TestCaseData(new ScaleTaskQuery { CustomerReviewStatuses = ["accepted,fixed"] }, "customer_review_status[0]").SetName("review status with a comma");
        yield return new TestCaseData(new ScaleTaskQuery { Tags = ["ok", ""] }, "tags[1]").SetName("empty tag");
        yield return new TestCaseData(new ScaleTaskQuery { UniqueIds = [" "] }, "unique_id[0]").SetName("blank unique id");
    }

    [TestCaseSource(nameof(InvalidQueries))]
    public async Task An_invalid_query_is_refused_before_sending_naming_the_field(ScaleTaskQuery query, string path)
    {
        using var server = Loopback.StartServer();
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => clients.ScaleTasks.ListTasksAsync(query));

        Assert.That(error!.Violations.Select(v => v.Path), Is.EqualTo(new[] { path }));
        Assert.That(server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task Every_violation_of_a_query_is_reported_at_once()
    {
        using var server = Loopback.StartServer();
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => clients.ScaleTasks.ListTasksAsync(
            new ScaleTaskQuery { Limit = 1000, StartTime = Late, EndTime = Early, UpdatedAfter = Late, UpdatedBefore = Early }));

        Assert.That(error!.Violations.Select(v => v.Path), Is.EquivalentTo(new[] { "limit", "start_time", "updated_after" }));
    }

    [Test]
    public async Task Equal_after_and_before_times_are_allowed()
    {
        using var server = Loopback.StartServer();
        ServeJson(server, Request.Create().WithPath("/v1/tasks").UsingGet(), """{"docs":[]}""");
        using var clients = Loopback.Clients(server);

        await clients.ScaleTasks.ListTasksAsync(new ScaleTaskQuery { CompletedAfter = Early, CompletedBefore = Early, Limit = 100 });

        Assert.That(server.LogEntries.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task Auto_paging_refuses_an_invalid_query_before_sending()
    {
        using var server = Loopback.StartServer();
        using var clients = Loopback.Clients(server);

        await Assert.ThrowsAsync<AuditValidationException>(async () =>
        {
            await foreach (var task in clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Limit = 101 }))
            {
                _ = task;
            }
        });

        Assert.That(server.LogEntries, Is.Empty);
    }

    [TestCase("")]
    [TestCase("  ")]
    public async Task An_empty_task_id_is_refused_before_sending(string taskId)
    {
        using var server = Loopback.StartServer();
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => clients.ScaleTasks.GetTaskAsync(taskId));

        Assert.That(error!.Violations.Single().Path, Is.EqualTo("task_id"));
        Assert.That(server.LogEntries, Is.Empty);
    }

    /// <summary>An <see cref="IScaleTasksApi"/> that is not the SDK's: pages of a fixed list, tokens "1", "2"...</summary>
    private sealed class InMemoryTasks(int[] pageSizes) : IScaleTasksApi
    {
        public List<string?> TokensSeen { get; } = [];

        public Task<ScaleTaskPage> ListTasksAsync(ScaleTaskQuery query, CancellationToken cancellationToken = default)
        {
            TokensSeen.Add(query.NextToken);
            var index = query.NextToken is null ? 0 : int.Parse(query.NextToken, CultureInfo.InvariantCulture);
            var start = pageSizes.Take(index).Sum();
            var docs = Enumerable.Range(start, pageSizes[index]).Select(i => new ScaleTask { TaskId = $"t{i}" }).ToList();
            var next = index + 1 < pageSizes.Length ? (index + 1).ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new ScaleTaskPage { Docs = docs, NextToken = next });
        }

        public Task<ScaleTask> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<ScaleTask> AuditTaskAsync(string taskId, bool accepted, string? comments = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();
    }
}
