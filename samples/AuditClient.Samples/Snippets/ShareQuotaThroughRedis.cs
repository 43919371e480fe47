using System.Diagnostics;
using AuditClient.Redis;
using AuditClient.Testing;

namespace AuditClient.Samples.Snippets;

/// <summary>
/// 7. One vendor quota for every process that shares a Redis server: two clients, as two workers of a pipeline would
/// hold them, share 5 requests per second, so 20 calls between them take about 4 seconds whichever worker sends them.
/// Runs against the in-process fakes; needs a Redis server (<c>redis-server --port 6390</c>).
/// </summary>
internal static class ShareQuotaThroughRedis
{
    public static async Task<TimeSpan> RunAsync(string redis, TextWriter output, CancellationToken cancellationToken)
    {
        await using var fakes = await AuditFakes.StartAsync(cancellationToken);
        var prefix = $"auditclient-sample-{Guid.NewGuid():N}";
        void Shared(AuditClientOptions o)
        {
            o.Scale.Resilience.RequestsPerSecond = 5;
            o.UseRedisQuota(redis, r => r.KeyPrefix = prefix);   // the same Redis and prefix: one quota
        }

        using var workerA = fakes.CreateClients(Shared);
        using var workerB = fakes.CreateClients(Shared);
        var taskId = fakes.Scale.Tasks.Select(t => (string)t["task_id"]!).First();

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            (i % 2 == 0 ? workerA : workerB).ScaleTasks.GetTaskAsync(taskId, cancellationToken)));
        clock.Stop();

        output.WriteLine($"20 calls from two clients sharing 5/s through Redis at {redis}: {clock.Elapsed.TotalSeconds:F1} s "
            + "(each client alone would have allowed 5/s of its own, 10/s together)");
        return clock.Elapsed;
    }
}
