using System.Diagnostics;
using AuditClient.CloudFactory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuditClient.Redis.Tests;

/// <summary>Startup validation, waits against TotalTimeout and cancellation, in-process against the same real Redis.</summary>
[TestFixture]
[NonParallelizable]
public sealed class ConfigurationTests
{
    private RedisServer _redis = null!;
    private ArrivalServer _server = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        if (RedisServer.Executable() is null)
        {
            Assert.Ignore("redis-server is not installed: the shared-quota tests need it (.ci/run installs it with apt-get).");
        }

        _redis = RedisServer.Start();
        _server = await ArrivalServer.StartAsync();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _redis?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Test]
    public void An_empty_key_prefix_fails_at_startup_naming_the_setting()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Create(q => q.KeyPrefix = " ").Dispose());
        Assert.That(e!.Message, Does.Contain("RedisQuota:KeyPrefix"));
    }

    [Test]
    public void An_unreachable_Redis_fails_at_startup_naming_the_setting()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Create(configuration: $"127.0.0.1:{RedisServer.FreePort()},connectTimeout=500").Dispose());
        Assert.That(e!.Message, Does.Contain("RedisQuota:Configuration").And.Contain("did not answer"));
    }

    [Test]
    public void A_fallback_share_out_of_range_fails_at_startup_naming_the_setting()
    {
        var e = Assert.Throws<OptionsValidationException>(() => Create(q => q.FallbackShare = 0).Dispose());
        Assert.That(e!.Message, Does.Contain("RedisQuota:FallbackShare"));
    }

    [Test]
    public async Task The_generic_host_path_validates_and_uses_the_shared_quota()
    {
        var services = new ServiceCollection();
        services.AddAuditClients(o =>
        {
            o.CloudFactory.ApiKey = "key";
            o.CloudFactory.BaseAddress = _server.Address;
        });
        services.Configure<AuditClientOptions>(o => o.UseRedisQuota(_redis.Configuration, q => q.KeyPrefix = "di-" + Guid.NewGuid().ToString("N")));
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        var accepted = await provider.GetRequiredService<ICloudFactoryQualityApi>().SubmitTaskReviewedAsync(Review());
        Assert.That(accepted.Message, Is.EqualTo("Accepted"));
        Assert.That(_redis.Command("DBSIZE"), Is.Not.EqualTo(":0"), "the permit was taken in Redis");
    }

    [Test]
    public async Task Each_named_account_counts_its_own_shared_quota()
    {
        var prefix = "accounts-" + Guid.NewGuid().ToString("N");
        var services = new ServiceCollection();
        foreach (var account in new[] { "team-a", "team-b" })
        {
            services.AddAuditClients(account, o =>
            {
                o.CloudFactory.ApiKey = "key-" + account;
                o.CloudFactory.BaseAddress = _server.Address;
                o.UseRedisQuota(_redis.Configuration, q => q.KeyPrefix = prefix);
            });
        }

        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        await provider.GetRequiredKeyedService<ICloudFactoryQualityApi>("team-a").SubmitTaskReviewedAsync(Review());
        await provider.GetRequiredKeyedService<ICloudFactoryQualityApi>("team-b").SubmitTaskReviewedAsync(Review());

        using (Assert.EnterMultipleScope())
        {
            Assert.That(_redis.Command($"EXISTS {{{prefix}:cloudfactory:team-a}}:permits"), Is.EqualTo(":1"));
            Assert.That(_redis.Command($"EXISTS {{{prefix}:cloudfactory:team-b}}:permits"), Is.EqualTo(":1"));
            Assert.That(_redis.Command($"EXISTS {{{prefix}:cloudfactory}}:permits"), Is.EqualTo(":0"), "the unnamed account's key is not used");
        }
    }

    [Test]
    public async Task Waiting_for_the_shared_quota_counts_against_the_total_timeout()
    {
        using var clients = Create(o => o.KeyPrefix = "timeout-" + Guid.NewGuid().ToString("N"), rps: 1, totalTimeout: TimeSpan.FromSeconds(1.5));
        var api = clients.CloudFactory;
        var calls = Enumerable.Range(0, 3).Select(_ => Capture(api.SubmitTaskReviewedAsync(Review()))).ToArray();
        var outcomes = await Task.WhenAll(calls);

        // Permits at 0 s and 1.1 s; the third would leave at 2.2 s, after the total timeout.
        Assert.That(outcomes.Count(e => e is null), Is.EqualTo(2));
        Assert.That(outcomes.Single(e => e is not null), Is.TypeOf<AuditTimeoutException>());
    }

    [Test]
    public async Task Cancelling_a_call_waiting_for_the_shared_quota_ends_it_with_OperationCanceledException()
    {
        using var clients = Create(o => o.KeyPrefix = "cancel-" + Guid.NewGuid().ToString("N"), rps: 1);
        var api = clients.CloudFactory;
        await api.SubmitTaskReviewedAsync(Review());
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var waited = Stopwatch.StartNew();
        Assert.That(async () => await api.SubmitTaskReviewedAsync(Review(), cancellation.Token), Throws.InstanceOf<OperationCanceledException>());
        Assert.That(waited.Elapsed, Is.LessThan(TimeSpan.FromSeconds(1)), "ended by the cancellation, before the next permit at 1.1 s");
    }

    private static async Task<Exception?> Capture(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private AuditClients Create(Action<RedisQuotaOptions>? quota = null, string? configuration = null, int rps = 20, TimeSpan? totalTimeout = null) =>
        AuditClients.Create(o =>
        {
            o.CloudFactory.ApiKey = "key";
            o.CloudFactory.BaseAddress = _server.Address;
            o.CloudFactory.Resilience.RequestsPerSecond = rps;
            o.CloudFactory.Resilience.RetryEnabled = false;
            if (totalTimeout is { } t)
            {
                o.CloudFactory.Resilience.TotalTimeout = t;
            }

            o.UseRedisQuota(configuration ?? _redis.Configuration, quota);
        });

    private static TaskReview Review() => new()
    {
        WorkstreamId = "345d6802-0efa-46de-a73c-6c24f094dfcf",
        UseCaseId = "rr3d6802-0efa-46de-a73c-6c24f094dfcf",
        TaskDefinitionId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
        WorkerId = "test_worker@cf.com",
        ReviewCompletedAt = new DateTimeOffset(2020, 12, 22, 10, 13, 24, TimeSpan.Zero),
        ReviewedBy = "test_worker@cf.com",
        ReviewScore = 0.5,
    };
}
