using System.Diagnostics;
using System.Globalization;
using AuditClient.Benchmarks.Bulk;
using AuditClient.CloudFactory;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Benchmarks.Journal;

/// <summary>
/// The journal's cost: 5,000 CloudFactory submissions through the bulk helper at R = 1,000 requests per second against
/// a Kestrel server on loopback, without and with <see cref="BulkOptions.JournalPath"/>, in pairs in one process (so
/// both sides see the same machine load), and the journal's size per item. A plain harness, like the bulk one: the
/// quantity is a long wall-clock run. Target: the journaled run within 5% of the one without.
/// </summary>
internal static class JournalHarness
{
    private const int Submissions = 5_000;
    private const int RequestsPerSecond = 1_000;
    private const int Pairs = 3;
    private const int Concurrency = 16;

    private static readonly DateTimeOffset ReviewedAt = new(2020, 12, 22, 10, 13, 24, 127, TimeSpan.Zero);

    public static async Task<int> RunAsync(int pairs = Pairs)
    {
        await using var server = await ArrivalRecorder.StartAsync().ConfigureAwait(false);
        var directory = Directory.CreateTempSubdirectory("auditclient-journal-bench-").FullName;
        Console.WriteLine($"Journal: {Submissions:N0} CloudFactory submissions, R = {RequestsPerSecond:N0}/s, concurrency {Concurrency}, journal in {directory}");
        Console.WriteLine($"{Environment.ProcessorCount} cores, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, load average {LoadAverage()}");
        await RunOnceAsync(server, 200, "warmup", Path.Combine(directory, "warmup.jsonl")).ConfigureAwait(false);

        var rows = new List<string>
        {
            "| pair | without journal (s) | with journal (s) | with / without | journal size (bytes) | bytes per item | all succeeded, each once |",
            "|---:|---:|---:|---:|---:|---:|:---:|",
        };
        var ok = true;
        for (var pair = 1; pair <= pairs; pair++)
        {
            var without = await RunOnceAsync(server, Submissions, $"plain{pair}", null).ConfigureAwait(false);
            var journal = Path.Combine(directory, $"pair{pair}.jsonl");
            var with = await RunOnceAsync(server, Submissions, $"journal{pair}", journal).ConfigureAwait(false);
            var size = new FileInfo(journal).Length;
            var ratio = with.Total.TotalSeconds / without.Total.TotalSeconds;
            var pairOk = ratio <= 1.05 && without.AllOnce && with.AllOnce;
            ok &= pairOk;
            rows.Add(string.Create(
                CultureInfo.InvariantCulture,
                $"| {pair} | {without.Total.TotalSeconds:F3} | {with.Total.TotalSeconds:F3} | {ratio:F3} | {size:N0} | {(double)size / Submissions:F0} | {(without.AllOnce && with.AllOnce ? "yes" : "NO")} |{(pairOk ? string.Empty : " MISSED")}"));
        }

        Console.WriteLine();
        Console.WriteLine($"Target: with journal <= 1.05 x without. Load average after the runs: {LoadAverage()}");
        foreach (var row in rows)
        {
            Console.WriteLine(row);
        }

        Directory.Delete(directory, recursive: true);
        return ok ? 0 : 1;
    }

    private static async Task<(TimeSpan Total, bool AllOnce)> RunOnceAsync(ArrivalRecorder server, int count, string tag, string? journal)
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
        var started = Stopwatch.GetTimestamp();
        var results = await api.SubmitTaskReviewedManyAsync(reviews, new BulkOptions { MaxConcurrency = Concurrency, JournalPath = journal }).ConfigureAwait(false);
        var total = Stopwatch.GetElapsedTime(started);
        var (arrivals, distinct) = server.Snapshot();
        return (total, results.All(r => r.Status == BulkStatus.Succeeded) && arrivals.Length == count && distinct == count);
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    // The bulk harness's review (the spec's example); no unique_id of its own, so the journaled run assigns one.
    private static TaskReview Review(string tag, int i) => new()
    {
        WorkstreamId = "345d6802-0efa-46de-a73c-6c24f094dfcf",
        UseCaseId = "rr3d6802-0efa-46de-a73c-6c24f094dfcf",
        TaskDefinitionId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
        TaskId = string.Create(CultureInfo.InvariantCulture, $"{tag}-{i:D5}"),
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
}
