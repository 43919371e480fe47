using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using AuditClient.Benchmarks.CallOverhead;
using AuditClient.Scale;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Benchmarks.Sockets;

/// <summary>
/// Lists 100,000 tasks (1,000 pages of 100) from the loopback server through <c>ListAllTasksAsync</c>, against a
/// hand-written pager (GET, read the page into hand-written DTOs, follow <c>next_token</c>) on the same server.
/// Time: SDK and hand-written runs interleaved, best of three each. Memory: the live managed heap (after a full
/// collection) sampled every 50 pages during a separate run, peak minus the heap after the listing has ended (not
/// before it: the pools the listing warms, ArrayPool's and Kestrel's, stay warm, and are no part of what it holds),
/// for 100 pages and for 1,000. One page's worth is the hand-written pager's peak (it holds exactly one page); the bar:
/// the SDK's peak at most three of those (the page the caller holds, the next being read, its buffer), and the peak
/// at 1,000 pages at most one page's worth above the peak at 100 (flat: it does not grow with the count). Samples of
/// the live heap move by tens of KB as pools trim, so read these to about one page.
/// </summary>
internal static class PagingHarness
{
    private const int SampleEvery = 50;

    public static async Task<int> RunAsync()
    {
        await using var server = await LoopbackServer.StartAsync().ConfigureAwait(false);
        await using var provider = SocketCallBenchmarks.BuildSdk(server.Address);
        var sdk = provider.GetRequiredService<IScaleTasksApi>();
        using var http = SocketCallBenchmarks.HandWrittenClient(server.Address);
        var total = LoopbackServer.Pages * LoopbackServer.PageSize;
        Console.WriteLine($"Paging: {total:N0} tasks in {LoopbackServer.Pages:N0} pages of {LoopbackServer.PageSize} ({server.PageBytes:N0} bytes of JSON a page), server {server.Address}");

        // Warm-up: JIT and connections.
        await SdkAsync(sdk, 20, sample: false).ConfigureAwait(false);
        await HandWrittenAsync(http, 20, sample: false).ConfigureAwait(false);

        var sdkTimes = new List<double>();
        var hwTimes = new List<double>();
        for (var run = 0; run < 3; run++)
        {
            hwTimes.Add((await HandWrittenAsync(http, LoopbackServer.Pages, sample: false).ConfigureAwait(false)).Seconds);
            sdkTimes.Add((await SdkAsync(sdk, LoopbackServer.Pages, sample: false).ConfigureAwait(false)).Seconds);
        }

        var sdkSmall = (await SdkAsync(sdk, 100, sample: true).ConfigureAwait(false)).PeakBytes;
        var sdkLarge = (await SdkAsync(sdk, LoopbackServer.Pages, sample: true).ConfigureAwait(false)).PeakBytes;
        var hwSmall = (await HandWrittenAsync(http, 100, sample: true).ConfigureAwait(false)).PeakBytes;
        var hwLarge = (await HandWrittenAsync(http, LoopbackServer.Pages, sample: true).ConfigureAwait(false)).PeakBytes;

        var timeRatio = sdkTimes.Min() / hwTimes.Min();
        var onePage = Math.Max(Math.Max(hwSmall, hwLarge), 1);
        var flat = sdkLarge <= 3 * onePage && sdkLarge - sdkSmall <= onePage;
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"One page's worth (the hand-written pager's peak): {onePage / 1024.0:N0} KB; bars: SDK's peak <= 3 pages' worth ({3 * onePage / 1024.0:N0} KB) and at most one page's worth more at 1,000 pages than at 100; time <= 1.10x."));
        Console.WriteLine("| lister | time, best of 3 (s) | all runs (s) | peak live heap, 100 pages | peak live heap, 1,000 pages |");
        Console.WriteLine("|---|---:|---|---:|---:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| hand-written pager | {hwTimes.Min():F3} | {string.Join(", ", hwTimes.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))} | {hwSmall / 1024.0:N0} KB | {hwLarge / 1024.0:N0} KB |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| SDK ListAllTasksAsync | {sdkTimes.Min():F3} ({timeRatio:F2}x) | {string.Join(", ", sdkTimes.Select(t => t.ToString("F3", CultureInfo.InvariantCulture)))} | {sdkSmall / 1024.0:N0} KB | {sdkLarge / 1024.0:N0} KB |"));
        var ok = flat && timeRatio <= 1.10;
        Console.WriteLine(ok ? "Paging: every target met." : $"Paging: a target was missed (memory {(flat ? "met" : "MISSED")}, time {(timeRatio <= 1.10 ? "met" : "MISSED")}).");
        return ok ? 0 : 1;
    }

    private static async Task<(double Seconds, long PeakBytes)> SdkAsync(IScaleTasksApi sdk, int pages, bool sample)
    {
        var peak = 0L;
        var count = 0;
        var limit = pages * LoopbackServer.PageSize;
        var started = Stopwatch.GetTimestamp();
        await foreach (var task in sdk.ListAllTasksAsync(new ScaleTaskQuery { Project = "benchmark", Limit = LoopbackServer.PageSize }).ConfigureAwait(false))
        {
            GC.KeepAlive(task);
            if (++count % (SampleEvery * LoopbackServer.PageSize) == 0 && sample)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
            }

            if (count == limit)
            {
                break;
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return Check(count, limit, seconds, sample ? peak - GC.GetTotalMemory(forceFullCollection: true) : 0);
    }

    private static async Task<(double Seconds, long PeakBytes)> HandWrittenAsync(HttpClient http, int pages, bool sample)
    {
        var peak = 0L;
        var count = 0;
        var limit = pages * LoopbackServer.PageSize;
        var started = Stopwatch.GetTimestamp();
        string? token = null;
        do
        {
            var page = await PageAsync(http, token).ConfigureAwait(false);
            foreach (var task in page?.Docs ?? [])
            {
                GC.KeepAlive(task);
                if (++count % (SampleEvery * LoopbackServer.PageSize) == 0 && sample)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                }
            }

            token = page?.NextToken;
        }
        while (token is not null && count < limit);

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        return Check(count, limit, seconds, sample ? peak - GC.GetTotalMemory(forceFullCollection: true) : 0);
    }

    private static async Task<HwTaskPage?> PageAsync(HttpClient http, string? token)
    {
        var uri = "/v1/tasks?project=benchmark&limit=100" + (token is null ? string.Empty : "&next_token=" + Uri.EscapeDataString(token));
        using var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(HandWrittenJson.Default.HwTaskPage).ConfigureAwait(false);
    }

    private static (double, long) Check(int count, int expected, double seconds, long peak) =>
        count == expected ? (seconds, peak) : throw new InvalidOperationException($"Listed {count} tasks, expected {expected}.");
}
