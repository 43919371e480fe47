using System.Diagnostics;
using System.Globalization;
using AuditClient.CloudFactory;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Benchmarks.Bulk;

/// <summary>
/// 5,000 CloudFactory submissions through <see cref="CloudFactoryBulkExtensions.SubmitTaskReviewedManyAsync(ICloudFactoryQualityApi, IEnumerable{TaskReview}, BulkOptions?, IProgress{BulkProgress}?, CancellationToken)"/>
/// with the vendor's rate limiter at R = 1,000 requests per second, against a Kestrel server on loopback. Reports the
/// total time against the floor N/R, that nothing was lost (every result succeeded, every review arrived exactly once),
/// and the largest number of arrivals the server saw in any one-second window. A plain harness rather than a
/// BenchmarkDotNet job: the quantity is one long wall-clock run, not a per-operation mean.
/// </summary>
internal static class BulkHarness
{
    public const int Submissions = 5_000;
    public const int RequestsPerSecond = 1_000;
    public const int Runs = 3;

    // The SDK's defaults for BulkOptions.MaxConcurrency and MaxConcurrentRequests, set explicitly so the run does not
    // change if they do: 16 in flight keep pace with R = 1,000/s while a round trip stays under 16 ms.
    private const int Concurrency = 16;

    private static readonly DateTimeOffset ReviewedAt = new(2020, 12, 22, 10, 13, 24, 127, TimeSpan.Zero);

    public static async Task<int> RunAsync(int runs = Runs)
    {
        await using var server = await ArrivalRecorder.StartAsync().ConfigureAwait(false);
        Console.WriteLine($"Bulk: {Submissions:N0} CloudFactory submissions, R = {RequestsPerSecond:N0}/s, concurrency {Concurrency}, server {server.Address}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        // JIT, connection pool and Kestrel warm-up on a client of its own, so each measured run starts with a fresh
        // limiter (its full first-second burst) but warm code.
        await RunOnceAsync(server, count: 200, tag: "warmup").ConfigureAwait(false);
        await RunHandWrittenAsync(server, count: 200, tag: "warmup-hw").ConfigureAwait(false);

        var floor = (double)Submissions / RequestsPerSecond;
        var rows = new List<string>
        {
            "| run | total (s) | total / floor | max arrivals in any 1 s | results succeeded | requests received | distinct unique_id | CPU per call, SDK | CPU per call, hand-written | CPU ratio |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        };
        var ok = true;
        for (var run = 1; run <= runs; run++)
        {
            var r = await RunOnceAsync(server, Submissions, "run" + run.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);

            // Interleaved with the SDK's runs, on the same server: the CPU bar is the ratio of the two (the server's own
            // CPU is in both, so the ratio understates the SDK's share; the difference per call is exact).
            var hw = await RunHandWrittenAsync(server, Submissions, "hw" + run.ToString(CultureInfo.InvariantCulture)).ConfigureAwait(false);
            var cpuSdk = r.Cpu.TotalMicroseconds / Submissions;
            var cpuHw = hw.Cpu.TotalMicroseconds / Submissions;
            var ratio = r.Total.TotalSeconds / floor;
            var runOk = ratio <= 1.05 && r.MaxInOneSecond <= RequestsPerSecond
                && r.Succeeded == Submissions && r.Received == Submissions && r.Distinct == Submissions;
            ok &= runOk;
            rows.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"| {run} | {r.Total.TotalSeconds:F3} | {ratio:F3} | {r.MaxInOneSecond:N0} | {r.Succeeded:N0} | {r.Received:N0} | {r.Distinct:N0} | {cpuSdk:F0} us | {cpuHw:F0} us | {cpuSdk / cpuHw:F2}x |{(runOk ? string.Empty : " MISSED")}"));
        }

        Console.WriteLine();
        Console.WriteLine($"Floor N/R = {floor:F3} s; targets: total <= {1.05 * floor:F3} s (1.05x), no one-second window above {RequestsPerSecond:N0}, nothing lost; CPU per call reported, bar <= 1.3x hand-written (process CPU time / calls, client and in-process server together).");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        Console.WriteLine(ok ? "Bulk: every run met every target." : "Bulk: a target was missed (rows marked MISSED).");
        return ok ? 0 : 1;
    }

    private static async Task<RunResult> RunOnceAsync(ArrivalRecorder server, int count, string tag)
    {
        var services = new ServiceCollection();
        services.AddAuditClients(o =>
        {
            o.CloudFactory.ApiKey = "benchmark-key";
            o.CloudFactory.BaseAddress = server.Address;
            o.CloudFactory.Resilience.RequestsPerSecond = RequestsPerSecond;
            o.CloudFactory.Resilience.MaxConcurrentRequests = Concurrency;
        });
        await using var provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<ICloudFactoryQualityApi>();
        var reviews = Enumerable.Range(0, count).Select(i => Review(tag, i)).ToList();

        server.Reset();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var results = await api.SubmitTaskReviewedManyAsync(reviews, new BulkOptions { MaxConcurrency = Concurrency }).ConfigureAwait(false);
        var total = Stopwatch.GetElapsedTime(started);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;

        var (arrivals, distinct) = server.Snapshot();
        var failures = results.Where(r => r.Status != BulkStatus.Succeeded).ToList();
        if (failures.Count > 0)
        {
            Console.WriteLine($"{tag}: {failures.Count} submissions did not succeed; first: {failures[0].Status} {failures[0].Error?.Message}");
        }

        return new RunResult(total, MaxInAnyWindow(arrivals, Stopwatch.Frequency), results.Count - failures.Count, arrivals.Length, distinct, cpu);
    }

    /// <summary>
    /// The hand-written baseline of the CPU bar: the same POSTs (the same JSON, the same headers) from 16 workers on one
    /// <see cref="HttpClient"/>, paced to R by a schedule (request i leaves no earlier than i / R after the start).
    /// </summary>
    private static async Task<RunResult> RunHandWrittenAsync(ArrivalRecorder server, int count, string tag)
    {
        using var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = server.Address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.TryAddWithoutValidation("x-api-key", "benchmark-key");
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        var bodies = Enumerable.Range(0, count).Select(i => HandWrittenReview($"{tag}-{i:D5}")).ToArray();
        var path = "/v1/workstreams/345d6802-0efa-46de-a73c-6c24f094dfcf/task_reviewed";

        server.Reset();
        var next = -1;
        var succeeded = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        var workers = Enumerable.Range(0, Concurrency).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var wait = TimeSpan.FromSeconds((double)i / RequestsPerSecond) - Stopwatch.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait).ConfigureAwait(false);
                }

                using var content = new ByteArrayContent(bodies[i]);
                content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
                using var response = await http.PostAsync(path, content).ConfigureAwait(false);
                await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref succeeded);
                }
            }
        })).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
        var total = Stopwatch.GetElapsedTime(started);
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var (arrivals, distinct) = server.Snapshot();
        return new RunResult(total, MaxInAnyWindow(arrivals, Stopwatch.Frequency), succeeded, arrivals.Length, distinct, cpu);
    }

    // The JSON the SDK sends for Review(tag, i), written out by hand.
    private static byte[] HandWrittenReview(string uniqueId) => System.Text.Encoding.UTF8.GetBytes(
        "{\"workstream_id\":\"345d6802-0efa-46de-a73c-6c24f094dfcf\",\"use_case_id\":\"rr3d6802-0efa-46de-a73c-6c24f094dfcf\","
        + "\"task_definition_id\":\"032d6802-0efa-46de-a73c-6c24f094dfcf\",\"task_id\":\"032d6802-0efa-46de-a73c-6c24f094dfcf\","
        + "\"unique_id\":\"" + uniqueId + "\",\"replace_duplicate\":true,\"worker_id\":\"test_worker@cf.com\","
        + "\"review_completed_at\":\"2020-12-22T10:13:24.127Z\",\"review_duration\":120,\"reviewed_by\":\"test_worker@cf.com\","
        + "\"review_score\":0.78,\"review_explanation\":\"Some of the fields are filled wrong\","
        + "\"errors\":{\"missing_label\":24,\"incorrect_label\":12,\"boundary_not_captured\":1},\"review_type\":\"QA\","
        + "\"task_review_count\":120,\"subtask_review_count\":240}");

    /// <summary>The most arrivals in any half-open window [t, t + window); the maximum is reached at a window opening on an arrival.</summary>
    internal static int MaxInAnyWindow(long[] sortedArrivals, long window)
    {
        var max = 0;
        var end = 0;
        for (var start = 0; start < sortedArrivals.Length; start++)
        {
            while (end < sortedArrivals.Length && sortedArrivals[end] - sortedArrivals[start] < window)
            {
                end++;
            }

            max = Math.Max(max, end - start);
        }

        return max;
    }

    private static TaskReview Review(string tag, int i) => new()
    {
        // The spec's example review, with a unique_id per submission (which also makes it repeat-safe).
        WorkstreamId = "345d6802-0efa-46de-a73c-6c24f094dfcf",
        UseCaseId = "rr3d6802-0efa-46de-a73c-6c24f094dfcf",
        TaskDefinitionId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
        TaskId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
        UniqueId = $"{tag}-{i:D5}",
        ReplaceDuplicate = true,
        WorkerId = "test_worker@cf.com",
        ReviewCompletedAt = ReviewedAt,
        ReviewDuration = 120,
        ReviewedBy = "test_worker@cf.com",
        ReviewScore = 0.78,
        ReviewExplanation = "Some of the fields are filled wrong",
        Errors = new Dictionary<string, int> { ["missing_label"] = 24, ["incorrect_label"] = 12, ["boundary_not_captured"] = 1 },
        ReviewType = ReviewType.QA,
        TaskReviewCount = 120,
        SubtaskReviewCount = 240,
    };

    private readonly record struct RunResult(TimeSpan Total, int MaxInOneSecond, int Succeeded, int Received, int Distinct, TimeSpan Cpu);
}
