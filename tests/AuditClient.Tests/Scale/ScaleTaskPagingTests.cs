using System.Net;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Scale;

/// <summary>
/// <c>AsPages</c> over the in-process Scale fake (25 seeded tasks, newest first): pages with their tokens, resuming
/// from a token, and a failure mid-way that names the page to resume from.
/// </summary>
public sealed class ScaleTaskPagingTests
{
    private const int PageSize = 10;

    private static async Task<List<string>> AllTaskIds(IScaleTasksApi tasks)
    {
        var page = await tasks.ListTasksAsync(new ScaleTaskQuery { Limit = 100 });
        Assert.That(page.HasMore, Is.False, "the fake's whole listing fits in one page of 100");
        return [.. page.Docs!.Select(t => t.TaskId!)];
    }

    private static string? NextTokenSent(RecordedRequest request) =>
        System.Web.HttpUtility.ParseQueryString(request.Query)["next_token"];

    [Test]
    public async Task Pages_come_one_by_one_each_with_the_token_of_the_page_after_it()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var expected = await AllTaskIds(fakes.Clients.ScaleTasks);
        fakes.ClearRequests();

        var pages = new List<ScaleTaskPage>();
        await foreach (var page in fakes.Clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery()).AsPages(pageSizeHint: PageSize))
        {
            pages.Add(page);
        }

        Assert.That(pages.Select(p => p.Docs!.Count), Is.EqualTo(new[] { 10, 10, 5 }));
        Assert.That(pages.SelectMany(p => p.Docs!).Select(t => t.TaskId), Is.EqualTo(expected));
        Assert.That(pages[2].HasMore, Is.False);
        var requests = fakes.RequestsTo(FakeEndpoint.ScaleListTasks);
        Assert.That(requests.Select(NextTokenSent), Is.EqualTo(new[] { null, pages[0].NextToken, pages[1].NextToken }),
            "each request carries the token of the page before it");
        Assert.That(requests.Select(r => System.Web.HttpUtility.ParseQueryString(r.Query)["limit"]), Is.All.EqualTo("10"),
            "the page size hint goes out as limit");
    }

    [Test]
    public async Task A_page_size_hint_replaces_the_query_limit()
    {
        await using var fakes = await AuditFakes.StartAsync();

        var first = await fakes.Clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Limit = 100 }).AsPages(pageSizeHint: 7).FirstAsync();

        Assert.That(first.Docs, Has.Count.EqualTo(7));
    }

    [Test]
    public async Task Resuming_from_a_page_token_lists_exactly_the_tasks_after_that_page()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var expected = await AllTaskIds(fakes.Clients.ScaleTasks);
        var listing = fakes.Clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Limit = PageSize });
        var token = (await listing.AsPages().FirstAsync()).NextToken;

        var rest = new List<string>();
        await foreach (var page in listing.AsPages(token))
        {
            rest.AddRange(page.Docs!.Select(t => t.TaskId!));
        }

        Assert.That(rest, Is.EqualTo(expected.Skip(PageSize)));
    }

    [Test]
    public async Task A_failure_on_page_3_carries_page_3s_token_and_resuming_from_it_lists_the_rest_exactly_once()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var expected = await AllTaskIds(fakes.Clients.ScaleTasks);
        var listing = fakes.Clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Limit = PageSize });
        var seen = new List<string>();
        string? page3Token = null;

        var error = await Assert.ThrowsAsync<AuditApiException>(async () =>
        {
            await foreach (var page in listing.AsPages())
            {
                seen.AddRange(page.Docs!.Select(t => t.TaskId!));
                if (seen.Count == 2 * PageSize)
                {
                    // 501 is not retried, so page 3's one request fails.
                    page3Token = page.NextToken;
                    fakes.Faults.Arm(FakeEndpoint.ScaleListTasks, FakeFault.ServerError(HttpStatusCode.NotImplemented));
                }
            }
        });

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.NotImplemented));
        Assert.That(error.ContinuationToken, Is.EqualTo(page3Token));

        await foreach (var page in listing.AsPages(error.ContinuationToken))
        {
            seen.AddRange(page.Docs!.Select(t => t.TaskId!));
        }

        Assert.That(seen, Is.EqualTo(expected), "every task once, in order");
    }

    [Test]
    public async Task A_failure_while_enumerating_tasks_carries_the_token_that_resumes_after_the_last_task_seen()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var expected = await AllTaskIds(fakes.Clients.ScaleTasks);
        var listing = fakes.Clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Limit = PageSize });
        var seen = new List<string>();

        var error = await Assert.ThrowsAsync<AuditApiException>(async () =>
        {
            await foreach (var task in listing)
            {
                seen.Add(task.TaskId!);
                if (seen.Count == PageSize)
                {
                    fakes.Faults.Arm(FakeEndpoint.ScaleListTasks, FakeFault.ServerError(HttpStatusCode.NotImplemented));
                }
            }
        });

        Assert.That(seen, Has.Count.EqualTo(PageSize));
        await foreach (var page in listing.AsPages(error!.ContinuationToken))
        {
            seen.AddRange(page.Docs!.Select(t => t.TaskId!));
        }

        Assert.That(seen, Is.EqualTo(expected));
    }

    [Test]
    public async Task A_failure_on_the_first_page_carries_the_token_the_listing_started_from()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var token = (await fakes.Clients.ScaleTasks.ListTasksAsync(new ScaleTaskQuery { Limit = PageSize })).NextToken;
        var fresh = fakes.Clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Limit = PageSize });
        var resumed = fakes.Clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Limit = PageSize, NextToken = token });

        fakes.Faults.Arm(FakeEndpoint.ScaleListTasks, FakeFault.ServerError(HttpStatusCode.NotImplemented), times: 2);
        var fromStart = await Assert.ThrowsAsync<AuditApiException>(async () => await fresh.AsPages().FirstAsync());
        var fromToken = await Assert.ThrowsAsync<AuditApiException>(async () => await resumed.FirstAsync());

        Assert.That(fromStart!.ContinuationToken, Is.Null, "nothing was listed: start over");
        Assert.That(fromToken!.ContinuationToken, Is.EqualTo(token));
    }

    [Test]
    public async Task Tokens_that_cycle_end_in_an_error_naming_the_repeat_and_resuming_from_its_token_lists_nothing_twice()
    {
        using var server = Loopback.StartServer();
        Serve(server, null, "A", 0);
        Serve(server, "A", "B", 2);
        Serve(server, "B", "A", 4);
        using var clients = Loopback.Clients(server);
        var seen = new List<string?>();

        var error = await Assert.ThrowsAsync<AuditApiException>(async () =>
        {
            await foreach (var page in clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery()).AsPages())
            {
                seen.AddRange(page.Docs!.Select(t => t.TaskId));
            }
        });

        Assert.That(error!.Message, Does.Contain("already been sent (A)"));
        Assert.That(error.ContinuationToken, Is.EqualTo("B"), "the page whose answer repeated a token");
        Assert.That(seen, Is.EqualTo(new[] { "task-000", "task-001", "task-002", "task-003" }),
            "the page that answered with a repeated token is not handed out");
        Assert.That(server.LogEntries.Count(), Is.EqualTo(3));

        // Once Scale answers B's page properly, resuming from B lists that page once and ends.
        Serve(server, "B", next: null, 4, priority: 0);
        await foreach (var page in clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery()).AsPages(error.ContinuationToken))
        {
            seen.AddRange(page.Docs!.Select(t => t.TaskId));
        }

        Assert.That(seen, Is.EqualTo(Enumerable.Range(0, 6).Select(i => $"task-{i:D3}")));
    }

    [Test]
    public async Task Cancelling_through_WithCancellation_after_the_first_page_sends_no_further_request()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var cts = new CancellationTokenSource();
        var pages = 0;

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () =>
        {
            await foreach (var page in fakes.Clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Limit = PageSize }).AsPages().WithCancellation(cts.Token))
            {
                pages++;
                await cts.CancelAsync();
            }
        });

        Assert.That(pages, Is.EqualTo(1));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListTasks), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Cancelling_the_listings_own_token_stops_its_pages()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var cts = new CancellationTokenSource();
        var pages = 0;

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), async () =>
        {
            await foreach (var page in fakes.Clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Limit = PageSize }, cts.Token).AsPages())
            {
                pages++;
                await cts.CancelAsync();
            }
        });

        Assert.That(pages, Is.EqualTo(1));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListTasks), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task Nothing_is_sent_until_the_listing_is_enumerated_and_each_enumeration_starts_over()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var expected = await AllTaskIds(fakes.Clients.ScaleTasks);
        fakes.ClearRequests();

        var listing = fakes.Clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery { Limit = PageSize });
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListTasks), Is.Empty);

        var first = new List<string>();
        await foreach (var task in listing)
        {
            first.Add(task.TaskId!);
        }

        var second = new List<string>();
        await foreach (var task in listing)
        {
            second.Add(task.TaskId!);
        }

        Assert.That(first, Is.EqualTo(expected));
        Assert.That(second, Is.EqualTo(expected));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListTasks), Has.Count.EqualTo(6));
    }

    /// <summary>Two tasks from <paramref name="from"/> for <paramref name="token"/>, then <paramref name="next"/> (none: the last page).</summary>
    private static void Serve(WireMock.Server.WireMockServer server, string? token, string? next, int from, int? priority = null)
    {
        var request = Request.Create().WithPath("/v1/tasks").UsingGet();
        var docs = string.Join(",", Enumerable.Range(from, 2).Select(i => ScaleTaskJson.Task($"task-{i:D3}")));
        var more = next is null ? "\"has_more\":false" : $"\"has_more\":true,\"next_token\":\"{next}\"";
        server.Given(token is null ? request : request.WithParam("next_token", token)).AtPriority(priority ?? (token is null ? 10 : 1))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody($$"""{"docs":[{{docs}}],{{more}}}"""));
    }

    [Test]
    public async Task The_pages_snippet_saves_every_task_once_and_keeps_where_to_resume()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var clients = fakes.Clients;
        var expected = await AllTaskIds(clients.ScaleTasks);
        var query = new ScaleTaskQuery { Limit = PageSize };
        var saved = new List<string>();
        void Save(IEnumerable<ScaleTask> tasks) => saved.AddRange(tasks.Select(t => t.TaskId!));

        #region snippet: task-pages
        string? resumeFrom = null;   // or a token kept from an earlier run
        try
        {
            await foreach (var page in clients.ScaleTasks.ListAllTasksAsync(query).AsPages(resumeFrom))
            {
                Save(page.Docs ?? []);
                resumeFrom = page.NextToken;
            }
        }
        catch (AuditApiException e)
        {
            resumeFrom = e.ContinuationToken;   // fetches the failed page again: keep it for the next run
        }
        #endregion

        Assert.That(saved, Is.EqualTo(expected));
        Assert.That(resumeFrom, Is.Null, "the last page has no token after it");
    }
}
