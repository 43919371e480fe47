using System.Net;
using AuditClient.Testing;

namespace AuditClient.Tests.Testing;

public sealed class AuditFakesStartupTests
{
    [Test]
    public async Task Start_binds_a_free_loopback_port_and_gives_clients_with_the_fakes_keys()
    {
        await using var fakes = await AuditFakes.StartAsync(CancellationToken.None);

        Assert.That(fakes.BaseAddress.IsLoopback, Is.True);
        Assert.That(fakes.BaseAddress.Host, Is.EqualTo("127.0.0.1"));
        Assert.That(fakes.BaseAddress.Port, Is.GreaterThan(0));
        var task = await fakes.Clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId);
        Assert.That(task.TaskId, Is.EqualTo(ScaleFake.ExampleTaskId));
        var again = fakes.Clients;
        Assert.That(again, Is.SameAs(fakes.Clients), "one client set per fakes");
    }

    [Test]
    public async Task A_fakes_server_that_records_no_requests_keeps_none_and_still_answers()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.RecordRequests = false);

        var task = await fakes.Clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId);

        Assert.That(task.TaskId, Is.EqualTo(ScaleFake.ExampleTaskId));
        Assert.That(fakes.Requests, Is.Empty);
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleGetTask), Is.Empty);
    }

    [Test]
    public async Task Two_fakes_run_side_by_side_with_separate_state()
    {
        await using var first = await AuditFakes.StartAsync();
        await using var second = await AuditFakes.StartAsync(o => o.GeneratedTaskCount = 0);

        first.Scale.AddTask(new() { ["task_id"] = "only_in_first" });

        Assert.That(first.BaseAddress, Is.Not.EqualTo(second.BaseAddress));
        Assert.That(second.Scale.GetTask("only_in_first"), Is.Null);
        Assert.That(second.Scale.Tasks, Has.Count.EqualTo(1));
        Assert.That(first.Scale.Tasks, Has.Count.EqualTo(1 + 24 + 1));
    }

    [Test]
    public async Task Options_choose_keys_and_seeding()
    {
        await using var fakes = await AuditFakes.StartAsync(o =>
        {
            o.ScaleApiKey = "my_scale_key";
            o.CloudFactoryApiKey = "my_cf_key";
            o.SeedExampleTask = false;
            o.GeneratedTaskCount = 3;
        });

        Assert.That(fakes.ScaleApiKey, Is.EqualTo("my_scale_key"));
        Assert.That(fakes.CloudFactoryApiKey, Is.EqualTo("my_cf_key"));
        Assert.That(fakes.Scale.Tasks, Has.Count.EqualTo(3));
        Assert.That(fakes.Scale.GetTask(ScaleFake.ExampleTaskId), Is.Null);
        using var http = FakeHttp.Scale(fakes, "my_scale_key");
        var answer = await FakeHttp.GetAsync(http, "/v1/tasks");
        Assert.That(answer.Object["total"]!.GetValue<int>(), Is.EqualTo(3));
    }

    [Test]
    public async Task The_same_seed_generates_the_same_tasks()
    {
        await using var first = await AuditFakes.StartAsync(o => o.RandomSeed = 42);
        await using var second = await AuditFakes.StartAsync(o => o.RandomSeed = 42);
        await using var other = await AuditFakes.StartAsync(o => o.RandomSeed = 43);

        var json = (AuditFakes f) => string.Join("\n", f.Scale.Tasks.Select(t => t.ToJsonString()));
        Assert.That(json(second), Is.EqualTo(json(first)));
        Assert.That(json(other), Is.Not.EqualTo(json(first)));
    }

    [Test]
    public async Task A_negative_grading_delay_is_refused_at_start_naming_the_option()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AuditFakes.StartAsync(o => o.GradingDelay = TimeSpan.FromSeconds(-1)));

        Assert.That(error!.Message, Does.Contain("GradingDelay"));
    }

    [Test]
    public void The_default_grading_delay_is_two_minutes()
    {
        Assert.That(new AuditFakesOptions().GradingDelay, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [TestCase(0)]
    [TestCase(101)]
    public async Task An_invalid_page_size_is_refused_at_start_naming_the_option(int pageSize)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => AuditFakes.StartAsync(o => o.DefaultTaskPageSize = pageSize));

        Assert.That(error!.Message, Does.Contain("DefaultTaskPageSize"));
    }

    [Test]
    public async Task Created_clients_take_custom_options_on_top_of_the_fakes_settings()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var wrongKey = fakes.CreateClients(o => o.Scale.ApiKey = "not_the_key");

        var error = await Assert.ThrowsAsync<AuditAuthenticationException>(() => wrongKey.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Disposing_stops_the_server_and_the_clients()
    {
        var fakes = await AuditFakes.StartAsync();
        var address = fakes.BaseAddress;
        _ = fakes.Clients;

        await fakes.DisposeAsync();
        await fakes.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => _ = fakes.Clients);
        using var http = new HttpClient { BaseAddress = address };
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("v1/tasks"));
    }
}
