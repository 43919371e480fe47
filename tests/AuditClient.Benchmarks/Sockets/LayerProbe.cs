using System.Diagnostics;
using System.Globalization;
using AuditClient.Benchmarks.Payloads;
using AuditClient.Core.Http;
using AuditClient.Core.Vendors;
using AuditClient.Scale;
using Microsoft.Extensions.DependencyInjection;
using Polly;

namespace AuditClient.Benchmarks.Sockets;

/// <summary>
/// Where the SDK's time over sockets goes (<c>--probe</c>): get task from 64 concurrent callers through handler chains
/// built up one SDK layer at a time on plain <see cref="HttpClient"/>s, then the SDK's own HttpClient and the SDK,
/// interleaved in rounds in one process; reports calls/s, process CPU per call and allocated bytes per call of each
/// against the hand-written call. A probe for finding levers, not a bar: RESULTS.md's rows come from
/// <see cref="SocketCallBenchmarks"/>.
/// </summary>
internal static class LayerProbe
{
    private const int Rounds = 7;

    /// <param name="args">
    /// <c>--callers N</c> (default 64) and <c>--calls N</c> per caller (default 40); <c>--only 0,8</c> runs only those
    /// rows, so that a row can be measured in a process of its own, as BenchmarkDotNet measures.
    /// </param>
    public static async Task<int> RunAsync(string[] args)
    {
        var callers = Option(args, "--callers") ?? 64;
        var callsPerCaller = Option(args, "--calls") ?? 40;
        await using var server = await LoopbackServer.StartAsync().ConfigureAwait(false);
        await using var sdkProvider = SocketCallBenchmarks.BuildSdk(server.Address);
        var runtime = sdkProvider.GetRequiredKeyedService<VendorRuntime>(AuditVendor.Scale);
        var sdk = sdkProvider.GetRequiredService<IScaleTasksApi>();
        await using var withoutLimiter = SocketCallBenchmarks.BuildSdk(server.Address, rateLimiter: false);
        var sdkWithoutLimiter = withoutLimiter.GetRequiredService<IScaleTasksApi>();
        var sdkHttp = sdkProvider.GetRequiredService<IHttpClientFactory>().CreateClient("AuditClient.Scale");
        var refit = sdkProvider.GetRequiredKeyedService<IScaleRefitApi>(AuditVendor.Scale);

        var full = Pipeline(runtime);
        var none = new ResiliencePipelineBuilder<HttpResponseMessage>().Build();
        var total = new Deadline(runtime.Resilience.TotalTimeout, TimeProvider.System);
        var deadline = new Deadline(runtime.Resilience.AttemptTimeout, TimeProvider.System);
        DelegatingHandler Handler(ResiliencePipeline<HttpResponseMessage> pipeline, bool permit, bool withDeadline, bool withTotal = false) =>
            new VendorPipelineHandler(runtime, pipeline, withTotal ? total : null, permit ? runtime.RateLimiter : null, withDeadline ? deadline : null, HttpLog.None, TimeProvider.System);
        var variants = new List<(string Name, Func<Task> Call)>
        {
            ("hand-written", Call(SocketsClient(server.Address))),
            ("hand-written, HttpClient.Timeout 100 s (its default)", Call(WithTimeout(SocketsClient(server.Address)))),
            ("+ SDK's handler, empty pipeline, no attempt steps (buffering, call record)", Call(SocketsClient(server.Address, () => Handler(none, permit: false, withDeadline: false)))),
            ("+ the attempt's deadline", Call(SocketsClient(server.Address, () => Handler(none, permit: false, withDeadline: true)))),
            ("+ the attempt's deadline and permit (the handler's attempt steps)", Call(SocketsClient(server.Address, () => Handler(none, permit: true, withDeadline: true)))),
            ("+ the call's total deadline", Call(SocketsClient(server.Address, () => Handler(none, permit: true, withDeadline: true, withTotal: true)))),
            ("+ Polly's retry: the SDK's chain", Call(SocketsClient(server.Address, () => Handler(full, permit: true, withDeadline: true, withTotal: true)))),
            ("SDK's HttpClient (factory, default headers)", Call(sdkHttp)),
            ("SDK", () => sdk.GetTaskAsync(SpecExamples.TaskId)),
            ("SDK, rate limiter off", () => sdkWithoutLimiter.GetTaskAsync(SpecExamples.TaskId)),
            ("SDK's HttpClient, under an async-local value (as the SDK's call record)", UnderAsyncLocal(Call(sdkHttp))),
            ("Refit client on the SDK's HttpClient (SDK models, no ApiCall)", () => RefitCallAsync(refit)),
        };
        if (args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault() is { } only)
        {
            var keep = only.Split(',').Select(n => int.Parse(n, CultureInfo.InvariantCulture)).ToHashSet();
            variants = [.. variants.Where((_, i) => keep.Contains(i))];
        }

        var results = variants.Select(_ => new List<(double Rate, double Cpu, double Bytes, double WorkItems, double Switches, double Contentions, double Gcs, double Pause)>()).ToArray();
        foreach (var (_, call) in variants)
        {
            await ConcurrentlyAsync(call, callers, 4).ConfigureAwait(false);
        }

        for (var round = 0; round < Rounds; round++)
        {
            for (var v = 0; v < variants.Count; v++)
            {
                var calls = callers * callsPerCaller;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var bytes = GC.GetTotalAllocatedBytes(precise: false);
                var workItems = ThreadPool.CompletedWorkItemCount;
                var switches = ContextSwitches();
                var contentions = Monitor.LockContentionCount;
                var gcs = GC.CollectionCount(0);
                var pause = GC.GetTotalPauseDuration();
                var started = Stopwatch.GetTimestamp();
                await ConcurrentlyAsync(variants[v].Call, callers, callsPerCaller).ConfigureAwait(false);
                var elapsed = Stopwatch.GetElapsedTime(started);
                results[v].Add((
                    calls / elapsed.TotalSeconds,
                    (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / calls,
                    (GC.GetTotalAllocatedBytes(precise: false) - bytes) / (double)calls,
                    (ThreadPool.CompletedWorkItemCount - workItems) / (double)calls,
                    (ContextSwitches() - switches) / (double)calls,
                    (Monitor.LockContentionCount - contentions) / (double)calls,
                    (GC.CollectionCount(0) - gcs) * 1000.0 / calls,
                    (GC.GetTotalPauseDuration() - pause).TotalMicroseconds / calls));
            }
        }

        Console.WriteLine($"Layer probe: get task, {callers} callers x {callsPerCaller} calls, {Rounds} interleaved rounds (medians), load {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine("| chain | calls/s | vs hand-written | CPU per call (client + server) | bytes per call (client + server) | thread-pool work items per call | context switches per call | lock contentions per call | GCs per 1,000 calls | GC pause per call |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var baseRate = Median(results[0].Select(r => r.Rate));
        for (var v = 0; v < variants.Count; v++)
        {
            var rate = Median(results[v].Select(r => r.Rate));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {variants[v].Name} | {rate:N0} | {rate / baseRate:F2}x | {Median(results[v].Select(r => r.Cpu)):F0} us | {Median(results[v].Select(r => r.Bytes)):N0} | {Median(results[v].Select(r => r.WorkItems)):F2} | {Median(results[v].Select(r => r.Switches)):F2} | {Median(results[v].Select(r => r.Contentions)):F3} | {Median(results[v].Select(r => r.Gcs)):F2} | {Median(results[v].Select(r => r.Pause)):F1} us |"));
        }

        return 0;
    }

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(VendorRuntime runtime)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        VendorPipeline.Configure(builder, runtime, TimeProvider.System);
        return builder.Build();
    }

    private static HttpClient WithTimeout(HttpClient http)
    {
        http.Timeout = TimeSpan.FromSeconds(100);
        return http;
    }

    private static HttpClient SocketsClient(Uri address, params Func<DelegatingHandler>[] handlers)
    {
        HttpMessageHandler inner = new SocketsHttpHandler();
        foreach (var handler in handlers.Reverse())
        {
            var h = handler();
            h.InnerHandler = inner;
            inner = h;
        }

        var http = new HttpClient(inner) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic YmVuY2htYXJrLWtleTo=");
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return http;
    }

    private static Func<Task> Call(HttpClient http) => async () =>
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/task/" + SpecExamples.TaskId);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        _ = await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync(response.Content, CallOverhead.HandWrittenJson.Default.HwTask).ConfigureAwait(false);
    };

    // Voluntary and involuntary switches of every live thread of the process (Linux; /proc/self/status counts only the
    // main thread's): a continuation handed to a sleeping thread costs a wake-up, which the CPU column shows only in part.
    private static long ContextSwitches()
    {
        long total = 0;
        foreach (var thread in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var line in File.ReadLines(Path.Combine(thread, "status")))
                {
                    if (line.StartsWith("voluntary_ctxt_switches:", StringComparison.Ordinal) || line.StartsWith("nonvoluntary_ctxt_switches:", StringComparison.Ordinal))
                    {
                        total += long.Parse(line.AsSpan(line.IndexOf(':') + 1).Trim(), CultureInfo.InvariantCulture);
                    }
                }
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read.
            }
        }

        return total;
    }

    private static readonly AsyncLocal<object?> Flowing = new();

    private static Func<Task> UnderAsyncLocal(Func<Task> call) => async () =>
    {
        Flowing.Value = call;
        await call().ConfigureAwait(false);
    };

    private static async Task RefitCallAsync(IScaleRefitApi refit)
    {
        using var response = await refit.GetTaskAsync(SpecExamples.TaskId, CancellationToken.None).ConfigureAwait(false);
        _ = await System.Text.Json.JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), AuditClient.Core.Serialization.AuditClientJsonContext.Wire.ScaleTask).ConfigureAwait(false);
    }

    private static int? Option(string[] args, string name) =>
        args.SkipWhile(a => a != name).Skip(1).FirstOrDefault() is { } value ? int.Parse(value, CultureInfo.InvariantCulture) : null;

    private static async Task ConcurrentlyAsync(Func<Task> call, int count, int callsPerCaller)
    {
        var callers = new Task[count];
        for (var i = 0; i < count; i++)
        {
            callers[i] = Task.Run(async () =>
            {
                for (var n = 0; n < callsPerCaller; n++)
                {
                    await call().ConfigureAwait(false);
                }
            });
        }

        await Task.WhenAll(callers).ConfigureAwait(false);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
