using System.Net.Http.Json;
using System.Text;
using AuditClient.Benchmarks.CallOverhead;
using AuditClient.Benchmarks.Payloads;
using AuditClient.Scale;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Benchmarks.Sockets;

/// <summary>
/// Get task over real loopback sockets against a Kestrel server in the benchmark process (keep-alive, connections
/// reused on both sides), the SDK as <c>AddAuditClients</c> builds it (rate limiter on at 10^6/s, concurrency limit
/// above the callers, so it never waits) against a hand-written <see cref="HttpClient"/> + source-generated JSON call
/// of the same GET. "one at a time": one caller, calls back to back; "64 concurrent": 64 callers, 8 calls each per
/// invocation, so the mean is the time per call and its inverse the throughput. Where the difference goes, layer by
/// layer, is <see cref="LayerProbe"/>'s (<c>--probe</c>).
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SocketCallBenchmarks
{
    private const string OneAtATime = "sockets, one at a time";
    private const string Concurrent = "sockets, 64 concurrent";
    private const int Callers = 64;
    private const int CallsPerCaller = 8;
    private const string ApiKey = "benchmark-key";

    private static readonly string BasicCredential = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey + ":"));
    private static readonly string TaskPath = "/v1/task/" + Uri.EscapeDataString(SpecExamples.TaskId);

    private LoopbackServer _server = null!;
    private ServiceProvider _sdkProvider = null!;
    private IScaleTasksApi _sdk = null!;
    private HttpClient _http = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = LoopbackServer.StartAsync().GetAwaiter().GetResult();
        _sdkProvider = BuildSdk(_server.Address);
        _sdk = _sdkProvider.GetRequiredService<IScaleTasksApi>();

        _http = HandWrittenClient(_server.Address);

        // Both stacks must read the same task, or the comparison is void.
        var sdkTask = _sdk.GetTaskAsync(SpecExamples.TaskId).GetAwaiter().GetResult();
        var handTask = HandWrittenAsync(_http).GetAwaiter().GetResult();
        if (sdkTask.TaskId != SpecExamples.TaskId || handTask?.TaskId != SpecExamples.TaskId)
        {
            throw new InvalidOperationException("The SDK and the hand-written call did not read the same task.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdkProvider.Dispose();
        _http.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [BenchmarkCategory(OneAtATime), Benchmark(Baseline = true, Description = "HttpClient + STJ")]
    public Task<HwTask?> OneHandWritten() => HandWrittenAsync(_http);


    [BenchmarkCategory(OneAtATime), Benchmark(Description = "SDK")]
    public Task<ScaleTask> OneSdk() => _sdk.GetTaskAsync(SpecExamples.TaskId);

    [BenchmarkCategory(Concurrent), Benchmark(Baseline = true, OperationsPerInvoke = Callers * CallsPerCaller, Description = "HttpClient + STJ")]
    public Task ManyHandWritten() => ConcurrentlyAsync(() => HandWrittenAsync(_http));


    [BenchmarkCategory(Concurrent), Benchmark(OperationsPerInvoke = Callers * CallsPerCaller, Description = "SDK")]
    public Task ManySdk() => ConcurrentlyAsync(() => _sdk.GetTaskAsync(SpecExamples.TaskId));

    internal static ServiceProvider BuildSdk(Uri address, bool rateLimiter = true)
    {
        var services = new ServiceCollection();
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = ApiKey;
            o.Scale.BaseAddress = address;

            // On, as in production, at a rate never reached: its cost is measured, not its waits.
            o.Scale.Resilience.RequestsPerSecond = 1_000_000;
            o.Scale.Resilience.MaxConcurrentRequests = 1024;
            o.Scale.Resilience.RateLimiterEnabled = rateLimiter;
        });
        return services.BuildServiceProvider();
    }

    internal static HttpClient HandWrittenClient(Uri address)
    {
        var http = new HttpClient(new SocketsHttpHandler()) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", BasicCredential);
        http.DefaultRequestHeaders.Accept.ParseAdd("application/json");
        return http;
    }

    internal static async Task<HwTask?> HandWrittenAsync(HttpClient http)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, TaskPath);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(HandWrittenJson.Default.HwTask).ConfigureAwait(false);
    }

    private static async Task ConcurrentlyAsync<T>(Func<Task<T>> call)
    {
        var callers = new Task[Callers];
        for (var i = 0; i < Callers; i++)
        {
            callers[i] = Task.Run(async () =>
            {
                for (var n = 0; n < CallsPerCaller; n++)
                {
                    await call().ConfigureAwait(false);
                }
            });
        }

        await Task.WhenAll(callers).ConfigureAwait(false);
    }
}
