using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace AuditClient.Benchmarks;

internal static class BenchmarkConfigs
{
    /// <summary>
    /// The job behind RESULTS.md: time ratios need several processes (JIT and layout differ between launches) and
    /// enough iterations per process; allocations are exact from the first iteration.
    /// </summary>
    public static IConfig Full() => DefaultConfig.Instance
        .AddJob(Job.Default
            .WithLaunchCount(3)
            .WithWarmupCount(5)
            .WithIterationCount(10)
            .WithId("Full"));
}
