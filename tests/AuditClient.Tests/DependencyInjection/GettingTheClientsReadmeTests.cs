using AuditClient.Scale;
using AuditClient.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.DependencyInjection;

/// <summary>The snippets of docs/configuration-and-telemetry.md (getting the clients) and docs/resilience.md, compiled and run.</summary>
public sealed class GettingTheClientsReadmeTests
{
    [Test]
    public void The_dependency_injection_snippet_registers_both_vendors()
    {
        var services = new ServiceCollection();

        #region snippet: clients-with-di
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = "...";           // Basic auth: the key as user name, empty password
            o.CloudFactory.ApiKey = "...";    // x-api-key header
        });
        // or: services.AddAuditClients(configuration.GetSection("AuditClients"));
        #endregion

        using var provider = services.BuildServiceProvider();
        Assert.That(provider.GetService<IScaleTasksApi>(), Is.Not.Null);
        Assert.That(provider.GetService<global::AuditClient.CloudFactory.ICloudFactoryQualityApi>(), Is.Not.Null);
    }

    [Test]
    public async Task The_script_snippet_gets_a_task_in_one_line()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/576ba74eec471ff9b01557cc").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"task_id":"576ba74eec471ff9b01557cc"}"""));

        var task = await ScriptSnippet(o => o.Scale.BaseAddress = new Uri(server.Url!));

        Assert.That(task.TaskId, Is.EqualTo("576ba74eec471ff9b01557cc"));
    }

    // The documented lines verbatim; only the clients that make the call point the same options at a loopback server.
    private static async Task<ScaleTask> ScriptSnippet(Action<AuditClientOptions> toLoopback)
    {
        #region snippet: clients-without-di
        using var clients = AuditClients.Create(o => o.Scale.ApiKey = "...");
        #endregion
        Assert.That(() => clients.ScaleTasks, Throws.Nothing);

        using var loopback = AuditClients.Create(o =>
        {
            o.Scale.ApiKey = "...";
            toLoopback(o);
        });
        return await GetTask(loopback);
    }

    private static async Task<ScaleTask> GetTask(AuditClients clients)
    {
        #region snippet: task-without-di
        var task = await clients.ScaleTasks.GetTaskAsync("576ba74eec471ff9b01557cc");
        #endregion
        return task;
    }

    [Test]
    public void The_resilience_settings_snippet_is_applied_to_each_vendor()
    {
        var services = new ServiceCollection();

        #region snippet: resilience-settings
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = "...";
            o.Scale.Resilience.RequestsPerSecond = 10;                  // keep below Scale's limit for your account
            o.Scale.Resilience.MaxRetryAfter = TimeSpan.FromSeconds(20); // longer waits are left to the caller
            o.CloudFactory.ApiKey = "...";
            o.CloudFactory.Resilience.RetryEnabled = false;
        });
        #endregion

        using var provider = services.BuildServiceProvider();
        var scale = provider.GetRequiredKeyedService<AuditClient.Core.Http.VendorRuntime>(AuditVendor.Scale);
        var cloudFactory = provider.GetRequiredKeyedService<AuditClient.Core.Http.VendorRuntime>(AuditVendor.CloudFactory);
        Assert.That(scale.Resilience.RequestsPerSecond, Is.EqualTo(10));
        Assert.That(scale.Resilience.MaxRetryAfter, Is.EqualTo(TimeSpan.FromSeconds(20)));
        Assert.That(cloudFactory.Resilience.RetryEnabled, Is.False);
    }

    [Test]
    public async Task The_accounts_snippet_calls_each_team_with_its_own_key()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/576ba74eec471ff9b01557cc").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"task_id":"576ba74eec471ff9b01557cc"}"""));
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AuditClients:TeamA:Scale:ApiKey"] = "team-a-key",
            ["AuditClients:TeamA:Scale:BaseAddress"] = server.Url,
            ["AuditClients:TeamB:Scale:ApiKey"] = "team-b-key",
            ["AuditClients:TeamB:Scale:BaseAddress"] = server.Url,
        }).Build();
        var services = new ServiceCollection();

        #region snippet: several-accounts
        services.AddAuditClients("team-a", configuration.GetSection("AuditClients:TeamA"));
        services.AddAuditClients("team-b", configuration.GetSection("AuditClients:TeamB"));
        // In a constructor: MyService([FromKeyedServices("team-a")] IScaleTasksApi teamA, ...)
        #endregion

        using var provider = services.BuildServiceProvider();
        await provider.GetRequiredKeyedService<IScaleTasksApi>("team-a").GetTaskAsync("576ba74eec471ff9b01557cc");
        await provider.GetRequiredKeyedService<IScaleTasksApi>("team-b").GetTaskAsync("576ba74eec471ff9b01557cc");

        var keys = server.LogEntries.Select(e => Loopback.Header(e, "Authorization")).ToList();
        Assert.That(keys, Is.EqualTo(new[]
        {
            "Basic " + Convert.ToBase64String("team-a-key:"u8.ToArray()),
            "Basic " + Convert.ToBase64String("team-b-key:"u8.ToArray()),
        }));
    }
}
