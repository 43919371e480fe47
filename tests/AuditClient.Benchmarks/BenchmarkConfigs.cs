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

    /// <summary>
    /// The quick check (<c>--quick</c>): every benchmark once, in-process (BenchmarkDotNet builds nothing of its own),
    /// 3 iterations of about 100 ms after 2 warm-ups. Allocations are exact; times are rough.
    /// </summary>
    public static IConfig Quick() => DefaultConfig.Instance
        .AddJob(Job.Dry
            .WithStrategy(BenchmarkDotNet.Engines.RunStrategy.Throughput)
            .WithLaunchCount(1)
            .WithWarmupCount(2)
            .WithIterationCount(3)
            .WithIterationTime(Perfolizer.Horology.TimeInterval.FromMilliseconds(100))
            .WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance)
            .WithId("Quick"));
}
