using System.Diagnostics;
using System.Globalization;
using AuditClient.Benchmarks.CallOverhead;

namespace AuditClient.Benchmarks.Diagnostics;

/// <summary>
/// The in-memory call's time ratio, decided by pairs instead of by separate processes (<c>--paired</c>): the
/// hand-written call and the SDK's call of <see cref="CallOverheadBenchmarks"/> in alternating blocks of one process
/// (the order flipped every block), each block's SDK time over the hand-written block next to it, the median of those
/// ratios with its quartiles; then the same with an answer that completes asynchronously
/// (<see cref="InMemoryHandler.Yield"/>), as an answer over a socket does. Three processes by default
/// (<c>--processes N</c>), since JIT and code layout differ between processes.
/// </summary>
/// <remarks>
/// Why: on this 2-vCPU VM BenchmarkDotNet's processes disagree by 10 to 40% (RatioSD up to 0.9), so a separate-process
/// ratio cannot tell 1.5x from 2x; a block and its neighbour see the same machine within milliseconds.
/// </remarks>
internal static class PairedHarness
{
    private const int Blocks = 41;
    private const int CallsPerBlock = 4_000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--child"))
        {
            return await ChildAsync().ConfigureAwait(false);
        }

        var processes = args.SkipWhile(a => a != "--processes").Skip(1).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault(3);
        Console.WriteLine($"Paired in-memory calls: {processes} processes x {Blocks} blocks of {CallsPerBlock:N0} calls each side, load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| call | answer | process | hand-written us/call | SDK us/call | SDK / hand-written: median (quartiles) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        for (var p = 1; p <= processes; p++)
        {
            using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["--paired", "--child"]) { RedirectStandardOutput = true })!;
            var output = await child.StandardOutput.ReadToEndAsync().ConfigureAwait(false);
            await child.WaitForExitAsync().ConfigureAwait(false);
            foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // The child's setup prints the requests both stacks were checked to send; only its table rows are kept.
                if (line.StartsWith('|'))
                {
                    Console.WriteLine(line.Replace("| P |", $"| {p} |", StringComparison.Ordinal));
                }
            }

            if (child.ExitCode != 0)
            {
                return child.ExitCode;
            }
        }

        return 0;
    }

    private static async Task<int> ChildAsync()
    {
        var suite = new CallOverheadBenchmarks();
        suite.Setup();
        foreach (var yield in new[] { false, true })
        {
            suite.Handler.Yield = yield;
            foreach (var (name, hand, sdk) in new (string, Func<Task<object?>>, Func<Task<object?>>)[]
            {
                ("get task", suite.GetTaskHandWritten, suite.GetTaskSdk),
                ("create fixless audit", suite.CreateAuditHandWritten, suite.CreateAuditSdk),
            })
            {
                // Warm-up long enough for tiered compilation to settle (30 calls, then a 100 ms quiet period per tier).
                for (var w = 0; w < 5; w++)
                {
                    await BlockAsync(hand, CallsPerBlock).ConfigureAwait(false);
                    await BlockAsync(sdk, CallsPerBlock).ConfigureAwait(false);
                    await Task.Delay(150).ConfigureAwait(false);
                }

                var ratios = new double[Blocks];
                var handTimes = new double[Blocks];
                var sdkTimes = new double[Blocks];
                for (var b = 0; b < Blocks; b++)
                {
                    double h, s;
                    if (b % 2 == 0)
                    {
                        h = await BlockAsync(hand, CallsPerBlock).ConfigureAwait(false);
                        s = await BlockAsync(sdk, CallsPerBlock).ConfigureAwait(false);
                    }
                    else
                    {
                        s = await BlockAsync(sdk, CallsPerBlock).ConfigureAwait(false);
                        h = await BlockAsync(hand, CallsPerBlock).ConfigureAwait(false);
                    }

                    (handTimes[b], sdkTimes[b], ratios[b]) = (h, s, s / h);
                }

                Array.Sort(ratios);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {(yield ? "asynchronous (yields, as a socket)" : "synchronous (as BenchmarkDotNet's suite)")} | P | {Median(handTimes):F2} | {Median(sdkTimes):F2} | **{ratios[Blocks / 2]:F2}x** ({ratios[Blocks / 4]:F2} to {ratios[3 * Blocks / 4]:F2}) |"));
            }
        }

        suite.Cleanup();
        return 0;
    }

    // Microseconds per call over one block.
    private static async Task<double> BlockAsync(Func<Task<object?>> call, int calls)
    {
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < calls; i++)
        {
            await call().ConfigureAwait(false);
        }

        return Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
