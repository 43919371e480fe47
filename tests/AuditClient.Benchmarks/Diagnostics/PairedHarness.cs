using System.Diagnostics;
using System.Globalization;
using AuditClient.Benchmarks.CallOverhead;
using AuditClient.Benchmarks.Payloads;
using AuditClient.Benchmarks.Sockets;
using AuditClient.Scale;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Benchmarks.Diagnostics;

/// <summary>
/// The in-memory call's time ratio, decided by pairs instead of by separate processes (<c>--paired</c>): the
/// hand-written call and the SDK's call of <see cref="CallOverheadBenchmarks"/> in alternating blocks of one process
/// (the order flipped every block), each block's SDK time over the hand-written block next to it, the median of those
/// ratios with its quartiles; then the same with an answer that completes asynchronously
/// (<see cref="InMemoryHandler.Yield"/>), as an answer over a socket does; then get task over loopback sockets as
/// <see cref="SocketCallBenchmarks"/> sets it up, one at a time (a thread blocking on each call, as BenchmarkDotNet's
/// driver does, and a pool-thread caller awaiting each) and from 64 concurrent callers. Three processes by default
/// (<c>--processes N</c>), since JIT and code layout differ between processes.
/// </summary>
/// <remarks>
/// Why: on this 2-vCPU VM BenchmarkDotNet's processes disagree by 10 to 40% (RatioSD up to 0.9), so a separate-process
/// ratio cannot tell 1.5x from 2x; a block and its neighbour see the same machine within milliseconds.
/// </remarks>
internal static class PairedHarness
{
    private const int CallsPerBlock = 4_000;

    /// <param name="args">
    /// <c>--processes N</c> (default 3); <c>--blocks N</c> pairs of blocks for the whole in-memory calls (default 41),
    /// half as many and one for the layer rows and the socket rows.
    /// </param>
    public static async Task<int> RunAsync(string[] args)
    {
        var blocks = Option(args, "--blocks") ?? 41;
        if (args.Contains("--child"))
        {
            return await ChildAsync(blocks).ConfigureAwait(false);
        }

        var processes = Option(args, "--processes") ?? 3;
        Console.WriteLine($"Paired calls: {processes} process(es); whole in-memory calls {blocks} pairs of blocks of {CallsPerBlock:N0} calls, layer and socket rows {(blocks / 2) + 1} pairs; load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| call | answer / caller | process | hand-written us/call | SDK us/call | SDK / hand-written: median (quartiles) |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|");
        for (var p = 1; p <= processes; p++)
        {
            using var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["--paired", "--child", "--blocks", blocks.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true })!;
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

    private static async Task<int> ChildAsync(int blocks)
    {
        var fewer = (blocks / 2) + 1;
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
                var answer = yield ? "asynchronous (yields, as a socket)" : "synchronous (as BenchmarkDotNet's suite)";
                await PairsAsync(name, answer, hand, sdk, CallsPerBlock, blocks, BlockAsync).ConfigureAwait(false);
            }
        }

        suite.Cleanup();

        // The layers between the two, each row paired with the hand-written call (as CallOverheadBreakdownBenchmarks
        // builds them up), with both kinds of answer: which layer the asynchronous answer makes dearer.
        var layers = new CallOverheadBreakdownBenchmarks();
        layers.Setup();
        foreach (var yield in new[] { false, true })
        {
            layers.Handler.Yield = yield;
            foreach (var (name, call) in new (string, Func<Task<object?>>)[]
            {
                ("layer 2: body buffered", layers.HandWrittenBuffered),
                ("layer 3: on the SDK's HttpClient (its handler, Polly's pipeline)", layers.HandWrittenOnSdkHttpClient),
                ("layer 4: Refit client + SDK models", layers.Refit),
                ("layer 5: the SDK", layers.Sdk),
            })
            {
                await PairsAsync(name, yield ? "asynchronous" : "synchronous", layers.HandWritten, call, CallsPerBlock, fewer, BlockAsync).ConfigureAwait(false);
            }
        }

        layers.Cleanup();
        await SocketsAsync(fewer).ConfigureAwait(false);
        return 0;
    }

    private static async Task SocketsAsync(int blocks)
    {
        await using var server = await LoopbackServer.StartAsync().ConfigureAwait(false);
        await using var provider = SocketCallBenchmarks.BuildSdk(server.Address);
        var sdk = provider.GetRequiredService<IScaleTasksApi>();
        using var http = SocketCallBenchmarks.HandWrittenClient(server.Address);
        Func<Task<object?>> hand = async () => await SocketCallBenchmarks.HandWrittenAsync(http).ConfigureAwait(false);
        Func<Task<object?>> sdkCall = async () => await sdk.GetTaskAsync(SpecExamples.TaskId).ConfigureAwait(false);

        // One at a time, the caller blocking on each call's task on a thread of its own (BenchmarkDotNet's way).
        await PairsAsync("get task over sockets, one at a time", "a thread blocking on each call", hand, sdkCall, 500, blocks, (call, calls) =>
        {
            var thread = new Thread(() =>
            {
                for (var i = 0; i < calls; i++)
                {
                    call().GetAwaiter().GetResult();
                }
            });
            var started = Stopwatch.GetTimestamp();
            thread.Start();
            thread.Join();
            return Task.FromResult(Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls);
        }).ConfigureAwait(false);

        await PairsAsync("get task over sockets, one at a time", "a pool thread awaiting each call", hand, sdkCall, 500, blocks, BlockAsync).ConfigureAwait(false);

        await PairsAsync("get task over sockets, 64 concurrent", "64 pool-thread callers", hand, sdkCall, 64 * 40, blocks, async (call, calls) =>
        {
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() => BlockAsync(call, calls / 64)))).ConfigureAwait(false);
            return Stopwatch.GetElapsedTime(started).TotalMicroseconds / calls;
        }).ConfigureAwait(false);
    }

    // One row: after a warm-up long enough for tiered compilation to settle (30 calls, then a 100 ms quiet period per
    // tier), `blocks` pairs of blocks, the order flipped every pair; the median of the pairs' ratios and its quartiles.
    private static async Task PairsAsync(string name, string driver, Func<Task<object?>> hand, Func<Task<object?>> sdk, int callsPerBlock, int blocks, Func<Func<Task<object?>>, int, Task<double>> block)
    {
        for (var w = 0; w < 5; w++)
        {
            await block(hand, callsPerBlock).ConfigureAwait(false);
            await block(sdk, callsPerBlock).ConfigureAwait(false);
            await Task.Delay(150).ConfigureAwait(false);
        }

        var ratios = new double[blocks];
        var handTimes = new double[blocks];
        var sdkTimes = new double[blocks];
        for (var b = 0; b < blocks; b++)
        {
            double h, s;
            if (b % 2 == 0)
            {
                h = await block(hand, callsPerBlock).ConfigureAwait(false);
                s = await block(sdk, callsPerBlock).ConfigureAwait(false);
            }
            else
            {
                s = await block(sdk, callsPerBlock).ConfigureAwait(false);
                h = await block(hand, callsPerBlock).ConfigureAwait(false);
            }

            (handTimes[b], sdkTimes[b], ratios[b]) = (h, s, s / h);
        }

        Array.Sort(ratios);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {name} | {driver} | P | {Median(handTimes):F2} | {Median(sdkTimes):F2} | **{ratios[blocks / 2]:F2}x** ({ratios[blocks / 4]:F2} to {ratios[3 * blocks / 4]:F2}) |"));
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

    private static int? Option(string[] args, string name) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
