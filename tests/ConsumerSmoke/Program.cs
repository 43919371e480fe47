using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using AuditClient;
using AuditClient.Redis;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

// Each check is something an app consuming the packed packages found broken once; each prints one line or fails.
await using var fakes = await AuditFakes.StartAsync();
var failures = 0;

await Check("an invalid review is refused before sending", async () =>
{
    var services = new ServiceCollection();
    services.AddAuditClients(o => o.CloudFactory.ApiKey = "consumer-smoke");
    await using var provider = services.BuildServiceProvider();
    var refused = await Expect<AuditValidationException>(() => provider.GetRequiredService<ICloudFactoryQualityApi>().SubmitTaskReviewedAsync(new TaskReview()));
    return $"{refused.Violations.Count} violation(s)";
});

await Check("a 60-item audit is created once and a large listing reads back", async () =>
{
    var items = Enumerable.Range(0, 600).Select(i => new FeedbackItemCreate
    {
        Type = FeedbackItemType.Error,
        Category = FeedbackItemCategory.Label,
        Description = new string('x', 100) + i,
        Scope = new FeedbackItemScopeAnnotation { AnnotationId = "box_" + i, Interval = new FeedbackItemInterval { Start = 0, End = 10 } },
    }).ToList();
    await fakes.Clients.ScaleAudits.CreateAuditAsync(Audit(items.Take(60).ToList()));
    await fakes.Clients.ScaleAudits.CreateAuditAsync(Audit(items));
    var listed = await fakes.Clients.ScaleAudits.ListAuditsAsync(taskId: ScaleFake.ExampleTaskId);
    Require(listed.Count == 2, $"expected 2 stored audits, found {listed.Count}");
    Require(listed.Sum(a => a.FeedbackItems?.Count ?? 0) == 660, "feedback items were lost");
    return "600-item audit listed whole";
});

await Check("the fixless guide's own example request is sent", async () =>
{
    // The guide's request as the guide prints it. This program runs from a copied folder against the packed packages,
    // so it cannot reach the tests' catalog of the guide's examples: the file is a copy that a test there keeps identical.
    var guide = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fixless-guide-example-request.json"));
    var example = AuditClientJson.Deserialize<FixlessAuditCreate>(guide)!;
    example.TaskId = ScaleFake.ExampleTaskId;   // a task the fakes hold, in place of the guide's "task_id_here"
    var created = await fakes.Clients.ScaleAudits.CreateAuditAsync(example);
    return $"answered with {created.FeedbackItems?.Count} items, {example.Validate().Count} warning(s)";
});

await Check("under the service-defaults template, a create stored and then answered 500 is sent once and stored once", async () =>
{
    // Options from a JSON file, as an app's appsettings.json holds them.
    var settings = Path.Combine(Path.GetTempPath(), $"auditclient-consumer-{Environment.ProcessId}.json");
    await File.WriteAllTextAsync(settings, $$"""
        { "AuditClients": { "Scale": { "ApiKey": "{{fakes.ScaleApiKey}}", "BaseAddress": "{{fakes.BaseAddress}}",
          "Resilience": { "RetryBaseDelay": "00:00:00.010", "RetryMaxDelay": "00:00:00.050" } } } }
        """);
    try
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddJsonFile(settings);
        builder.Services.ConfigureHttpClientDefaults(http => http.AddStandardResilienceHandler());
        builder.Services.AddAuditClients(builder.Configuration.GetSection("AuditClients"));
        using var host = builder.Build();
        fakes.ClearRequests();
        var before = fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId).Count;

        // Every PUT is stored and then answered 500: a repeat by the app-wide handler would store a second audit. The
        // SDK finds the stored one by its token instead of sending again.
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerErrorAfterStoring(), times: 10);
        var created = await host.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Audit([]));
        var sent = fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit).Count;
        var stored = fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId).Count - before;
        fakes.Faults.Clear();
        Require(sent == 1, $"the PUT reached the vendor {sent} times");
        Require(stored == 1, $"the vendor holds {stored} new audits");
        Require(!string.IsNullOrEmpty(created.Id), "the reconciled audit has no id");
        return "one PUT, one audit, reconciled";
    }
    finally
    {
        File.Delete(settings);
    }
});

await Check("two clients share one quota through the packed AuditClient.Redis", async () =>
{
    // .ci/run installs redis-server; this consumer starts its own on a free loopback port, as the tests do.
    var port = FreePort();
    var directory = Directory.CreateTempSubdirectory("auditclient-consumer-redis-").FullName;
    // Its log goes to a file: a redirected pipe that nobody reads would stall the server once full.
    var start = new ProcessStartInfo("redis-server") { UseShellExecute = false };
    foreach (var argument in new[] { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
        "--logfile", Path.Combine(directory, "redis.log"), "--save", string.Empty, "--appendonly", "no" })
    {
        start.ArgumentList.Add(argument);
    }

    using var redis = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
    try
    {
        await WaitForPortAsync(port);
        void Shared(AuditClientOptions o)
        {
            o.Scale.Resilience.RequestsPerSecond = 5;
            o.UseRedisQuota($"127.0.0.1:{port}", q => q.KeyPrefix = "consumer-smoke");
        }

        using var first = fakes.CreateClients(Shared);
        using var second = fakes.CreateClients(Shared);
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? first : second).ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId)));

        // 20 calls at 5/s shared take three windows at least; unshared (5/s each) they would take one.
        Require(clock.Elapsed >= TimeSpan.FromSeconds(2.5), $"20 calls took {clock.Elapsed.TotalSeconds:F1} s: the quota was not shared");
        return $"20 calls in {clock.Elapsed.TotalSeconds:F1} s";
    }
    finally
    {
        redis.Kill();
        await redis.WaitForExitAsync();
        Directory.Delete(directory, recursive: true);
    }
});

// .ci/run runs this on each runtime the library targets and checks this line names the one it meant.
Console.WriteLine($"consumer: ran on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
return failures == 0 ? 0 : 1;

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

static async Task WaitForPortAsync(int port)
{
    for (var attempt = 0; attempt < 100; attempt++)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port);
            return;
        }
        catch (SocketException)
        {
            await Task.Delay(100);
        }
    }

    throw new InvalidOperationException($"redis-server did not listen on {port}");
}

static FixlessAuditCreate Audit(List<FeedbackItemCreate> items) => new()
{
    TaskId = ScaleFake.ExampleTaskId,
    Result = FixlessAuditResult.Rejected,
    TargetResponseUrl = "https://example.com/responses/1.json",
    FeedbackItems = items,
};

static async Task<T> Expect<T>(Func<Task> call)
    where T : Exception
{
    try
    {
        await call();
    }
    catch (T expected)
    {
        return expected;
    }

    throw new InvalidOperationException($"expected {typeof(T).Name}");
}

static void Require(bool condition, string problem)
{
    if (!condition)
    {
        throw new InvalidOperationException(problem);
    }
}

async Task Check(string name, Func<Task<string>> check)
{
    try
    {
        Console.WriteLine($"consumer: {name}: {await check()}");
    }
    catch (Exception e)
    {
        failures++;
        Console.Error.WriteLine($"consumer: FAILED {name}: {e}");
    }
}
