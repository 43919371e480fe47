using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Globalization;
using AuditClient.Benchmarks.CallOverhead;

namespace AuditClient.Benchmarks.Diagnostics;

/// <summary>
/// What a call allocates, by type (<c>--alloc</c>): runs the in-memory calls of <see cref="CallOverheadBenchmarks"/>
/// many times under the runtime's allocation sampling (one event per ~100 KB allocated, naming the type of the object
/// that crossed the mark) and prints the types in order of their share, scaled to bytes per call. A probe for finding
/// levers: sampled, so the small entries are rough; the totals of RESULTS.md come from BenchmarkDotNet. With
/// <c>--spin</c> (and <c>--create</c>), the SDK's call in a loop for 20 s instead, for a CPU profiler
/// (<c>dotnet-trace collect --profile dotnet-sampled-thread-time -- ...AuditClient.Benchmarks --alloc --spin</c>).
/// </summary>
internal static class AllocationProbe
{
    private const int Calls = 200_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var suite = new CallOverheadBenchmarks();
        suite.Setup();
        suite.Handler.Yield = args.Contains("--yield");
        if (args.Contains("--spin"))
        {
            // For a CPU profiler: the SDK's get task in a loop for 20 s.
            var until = System.Diagnostics.Stopwatch.GetTimestamp() + (20 * System.Diagnostics.Stopwatch.Frequency);
            while (System.Diagnostics.Stopwatch.GetTimestamp() < until)
            {
                await (args.Contains("--create") ? suite.CreateAuditSdk() : suite.GetTaskSdk()).ConfigureAwait(false);
            }

            return 0;
        }

        var calls = new (string Name, Func<Task<object?>> Call)[]
        {
            ("get task, hand-written", suite.GetTaskHandWritten),
            ("get task, SDK", suite.GetTaskSdk),
            ("create fixless audit, hand-written", suite.CreateAuditHandWritten),
            ("create fixless audit, SDK", suite.CreateAuditSdk),
        };
        var top = args.SkipWhile(a => a != "--top").Skip(1).Select(int.Parse).FirstOrDefault(25);
        foreach (var (name, call) in calls)
        {
            for (var i = 0; i < 20_000; i++)
            {
                await call().ConfigureAwait(false);
            }

            using var listener = new AllocationListener();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            for (var i = 0; i < Calls; i++)
            {
                await call().ConfigureAwait(false);
            }

            var total = (GC.GetTotalAllocatedBytes(precise: true) - before) / (double)Calls;
            var sampled = listener.ByType.Values.Sum();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"## {name}: {total:N0} bytes per call"));
            foreach (var (type, bytes) in listener.ByType.OrderByDescending(p => p.Value).Take(top))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{bytes * total / sampled,8:N0}  {type}"));
            }

            Console.WriteLine();
        }

        suite.Cleanup();
        return 0;
    }

    private sealed class AllocationListener : EventListener
    {
        public ConcurrentDictionary<string, long> ByType { get; } = new();

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventName is not { } n || !n.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.PayloadNames is null)
            {
                return;
            }

            var type = e.Payload![e.PayloadNames.IndexOf("TypeName")] as string ?? "?";
            var amount = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("AllocationAmount64")], CultureInfo.InvariantCulture);
            ByType.AddOrUpdate(type, amount, (_, v) => v + amount);
        }
    }
}
