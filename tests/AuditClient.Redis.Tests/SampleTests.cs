using AuditClient.Samples;
using Microsoft.Extensions.Configuration;

namespace AuditClient.Redis.Tests;

/// <summary>The samples (docs/samples.md) with a Redis server named: the shared-quota snippet runs instead of being skipped.</summary>
[TestFixture]
[NonParallelizable]
public sealed class SampleTests
{
    [Test]
    public async Task With_a_redis_server_named_every_sample_runs_the_shared_quota_one_included()
    {
        if (RedisServer.Executable() is null)
        {
            Assert.Ignore("redis-server is not installed: the shared-quota sample needs it (.ci/run installs it with apt-get).");
        }

        using var redis = RedisServer.Start();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AUDITCLIENT_SAMPLE_REDIS"] = redis.Configuration })
            .Build();
        var output = new StringWriter();

        var exitCode = await SampleRunner.RunAsync(output, configuration);

        var text = output.ToString();
        Assert.That(exitCode, Is.Zero, text);
        Assert.That(text, Does.Contain("7 snippet(s) succeeded, 0 skipped, 0 failed."));
        Assert.That(text, Does.Contain("20 calls from two clients sharing 5/s through Redis"));
    }
}
