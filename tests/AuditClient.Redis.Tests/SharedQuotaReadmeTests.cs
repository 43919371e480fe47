using System.Text.RegularExpressions;
using AuditClient.CloudFactory;
using AuditClient.Redis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuditClient.Redis.Tests;

/// <summary>The snippets of docs/shared-quota.md, compiled and run (the last two against a real redis-server).</summary>
[TestFixture]
[NonParallelizable]
public sealed partial class SharedQuotaReadmeTests
{
    [Test]
    public void The_dependency_injection_snippet_makes_the_quota_shared_with_its_prefix_and_fallback_share()
    {
        var services = new ServiceCollection();

        #region snippet: shared-quota-with-di
        services.AddAuditClients(o =>
        {
            o.CloudFactory.ApiKey = "...";
            o.CloudFactory.Resilience.RequestsPerSecond = 20;     // the account's quota, the same in every process
            o.UseRedisQuota("redis.internal:6379", q =>
            {
                q.KeyPrefix = "auditclient:acme";                  // one prefix per vendor account
                q.FallbackShare = 0.25;                           // 4 processes: each may send 1/4 while Redis is down
            });
        });
        #endregion

        // The registered configuration applied by hand: IOptions<>.Value would validate, which connects to redis.internal.
        using var provider = services.BuildServiceProvider();
        var options = new AuditClientOptions();
        foreach (var configure in provider.GetServices<IConfigureOptions<AuditClientOptions>>())
        {
            configure.Configure(options);
        }

        var quota = options.SharedQuota as RedisQuota;
        Assert.That(quota?.KeyPrefix, Is.EqualTo("auditclient:acme"));
        Assert.That(quota?.FallbackShare, Is.EqualTo(0.25));
    }

    [Test]
    public void The_snippet_without_dependency_injection_connects_to_redis_at_once()
    {
        using var server = StartRedisOrIgnore();
        var redis = server.Configuration;
        var key = "scale_test_key";
        var before = ConnectedClients(server);

        #region snippet: shared-quota-without-di
        using var clients = AuditClients.Create(o => { o.Scale.ApiKey = key; o.UseRedisQuota(redis); });
        #endregion

        Assert.That(ConnectedClients(server), Is.GreaterThan(before), "AuditClients.Create validated the quota by connecting");
    }

    [Test]
    public async Task The_configuration_snippet_shares_the_quota_of_options_bound_from_configuration()
    {
        using var server = StartRedisOrIgnore();
        await using var vendor = await ArrivalServer.StartAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AuditClients:CloudFactory:ApiKey"] = "key",
            ["AuditClients:CloudFactory:BaseAddress"] = vendor.Address.ToString(),
            ["Redis"] = server.Configuration,
        }).Build();
        var services = new ServiceCollection();

        #region snippet: shared-quota-from-configuration
        services.AddAuditClients(configuration.GetSection("AuditClients"));
        services.Configure<AuditClientOptions>(o => o.UseRedisQuota(configuration["Redis"]!));
        #endregion

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredService<ICloudFactoryQualityApi>().SubmitTaskReviewedAsync(new TaskReview
        {
            WorkstreamId = "345d6802-0efa-46de-a73c-6c24f094dfcf",
            UseCaseId = "rr3d6802-0efa-46de-a73c-6c24f094dfcf",
            TaskDefinitionId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
            WorkerId = "test_worker@cf.com",
            ReviewCompletedAt = DateTimeOffset.UtcNow,
            ReviewScore = 0.5,
        });
        Assert.That(server.Command("DBSIZE"), Is.Not.EqualTo(":0"), "the permit was taken in Redis");
    }

    private static RedisServer StartRedisOrIgnore()
    {
        if (RedisServer.Executable() is null)
        {
            Assert.Ignore("redis-server is not installed: the shared-quota snippets need it (.ci/run installs it with apt-get).");
        }

        return RedisServer.Start();
    }

    private static int ConnectedClients(RedisServer server) =>
        int.Parse(ConnectedClientsLine().Match(server.Command("INFO clients")).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"connected_clients:(\d+)")]
    private static partial Regex ConnectedClientsLine();
}
