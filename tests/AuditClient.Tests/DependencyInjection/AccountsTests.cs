using System.Net.Http.Headers;
using System.Text;
using AuditClient.Core.Http;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.DependencyInjection;

/// <summary>
/// Several accounts of one vendor in one container, as keyed services: each account calls with its own key, through
/// its own named HttpClient and rate limiter, and the unnamed registration is untouched by them.
/// </summary>
public sealed class AccountsTests
{
    [Test]
    public async Task Each_keyed_account_calls_with_its_own_key_and_the_unnamed_one_with_its_own()
    {
        using var server = TaskServer();
        var services = new ServiceCollection();
        services.AddAuditClients(o => Point(o, server, "default-key"));
        services.AddAuditClients("team-a", o => Point(o, server, "team-a-key"));
        services.AddAuditClients("team-b", Section(server, "team-b-key"));
        services.AddTransient<TwoTeams>();
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var teams = provider.GetRequiredService<TwoTeams>();
        await teams.A.GetTaskAsync("t-a");
        await teams.B.GetTaskAsync("t-b");
        await provider.GetRequiredService<IScaleTasksApi>().GetTaskAsync("t-default");

        var keyByPath = server.LogEntries.ToDictionary(e => e.RequestMessage.Path, e => Loopback.Header(e, "Authorization"));
        Assert.That(keyByPath, Is.EquivalentTo(new Dictionary<string, string?>
        {
            ["/v1/task/t-a"] = Basic("team-a-key"),
            ["/v1/task/t-b"] = Basic("team-b-key"),
            ["/v1/task/t-default"] = Basic("default-key"),
        }));
    }

    [Test]
    public void Each_account_has_its_own_rate_limiter_and_settings()
    {
        var services = new ServiceCollection();
        services.AddAuditClients("team-a", o => { o.Scale.ApiKey = "a"; o.Scale.Resilience.RequestsPerSecond = 5; });
        services.AddAuditClients("team-b", o => { o.Scale.ApiKey = "b"; o.Scale.Resilience.RequestsPerSecond = 50; });
        using var provider = services.BuildServiceProvider();

        var a = provider.GetRequiredKeyedService<VendorRuntime>((AuditVendor.Scale, "team-a"));
        var b = provider.GetRequiredKeyedService<VendorRuntime>((AuditVendor.Scale, "team-b"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(a.RateLimiter, Is.Not.SameAs(b.RateLimiter));
            Assert.That(a.Resilience.RequestsPerSecond, Is.EqualTo(5));
            Assert.That(b.Resilience.RequestsPerSecond, Is.EqualTo(50));
        }
    }

    [Test]
    public void Keyed_accounts_alone_register_no_unnamed_client()
    {
        var services = new ServiceCollection();
        services.AddAuditClients("team-a", o => o.Scale.ApiKey = "a");
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.That(provider.GetService<IScaleTasksApi>(), Is.Null);
        Assert.That(provider.GetKeyedService<IScaleTasksApi>("team-a"), Is.Not.Null);
    }

    [Test]
    public void An_account_of_a_vendor_it_does_not_configure_names_the_missing_setting()
    {
        var services = new ServiceCollection();
        services.AddAuditClients("team-a", o => o.CloudFactory.ApiKey = "cf");
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredKeyedService<IScaleTasksApi>("team-a"));

        Assert.That(error!.Message, Is.EqualTo("Scale is not configured, so IScaleTasksApi cannot be built: set Scale.ApiKey (account \"team-a\")."));
    }

    [Test]
    public void Each_account_gets_a_named_http_client_of_its_own()
    {
        using var server = TaskServer();
        var services = new ServiceCollection();
        services.AddAuditClients("team-a", o => Point(o, server, "team-a-key"));
        using var provider = services.BuildServiceProvider();

        using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("AuditClient.Scale.team-a");

        Assert.That(client.BaseAddress, Is.EqualTo(new Uri(server.Url!)));
    }

    [Test]
    public async Task Each_account_applies_its_own_grader_policy()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(201).WithBodyAsJson(new { id = "audit_1" }));
        var services = new ServiceCollection();
        services.AddAuditClients("strict", o => Point(o, server, "strict-key"));
        services.AddAuditClients("lenient", o => { Point(o, server, "lenient-key"); o.Scale.GraderRules = GraderRulePolicy.Warn; });
        using var provider = services.BuildServiceProvider();
        var audit = AuditClient.Tests.Resilience.Requests.ValidAudit();

        // An error item without annotation_id: Scale accepts it, its grader would drop it.
        audit.FeedbackItems =
        [
            new FeedbackItemCreate
            {
                Type = FeedbackItemType.Error,
                Category = FeedbackItemCategory.Label,
                Scope = new FeedbackItemScopeAnnotation { Interval = new FeedbackItemInterval { Start = 0, End = 3 } },
            },
        ];

        await Assert.ThatAsync(() => provider.GetRequiredKeyedService<IScaleAuditsApi>("strict").CreateAuditAsync(audit), Throws.TypeOf<AuditValidationException>());
        await provider.GetRequiredKeyedService<IScaleAuditsApi>("lenient").CreateAuditAsync(audit);

        Assert.That(server.LogEntries.Select(e => Loopback.Header(e, "Authorization")), Is.EqualTo(new[] { Basic("lenient-key") }));
    }

    [Test]
    public void A_mistyped_key_of_an_account_bound_from_its_section_is_named_by_that_section()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AuditClients:TeamB:Scale:ApiKy"] = "k" })
            .Build();
        var services = new ServiceCollection();
        services.AddAuditClients("team-b", configuration.GetSection("AuditClients:TeamB"));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(error!.Message, Is.EqualTo("AuditClients:TeamB:Scale:ApiKy is not a setting; did you mean ApiKey?"));
    }

    private static void Point(AuditClientOptions o, WireMockServer server, string key)
    {
        o.Scale.ApiKey = key;
        o.Scale.BaseAddress = new Uri(server.Url!);
        FastRetries.Apply(o.Scale.Resilience);
    }

    private static IConfiguration Section(WireMockServer server, string key) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["AuditClients:TeamB:Scale:ApiKey"] = key,
                ["AuditClients:TeamB:Scale:BaseAddress"] = server.Url,
            })
            .Build()
            .GetSection("AuditClients:TeamB");

    private static WireMockServer TaskServer()
    {
        var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/*").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { task_id = "t" }));
        return server;
    }

    private static string Basic(string key) =>
        new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(key + ":"))).ToString();

    /// <summary>A consumer that takes two accounts' clients by key, as an app's service would.</summary>
    private sealed class TwoTeams([FromKeyedServices("team-a")] IScaleTasksApi a, [FromKeyedServices("team-b")] IScaleTasksApi b)
    {
        public IScaleTasksApi A { get; } = a;

        public IScaleTasksApi B { get; } = b;
    }
}
