using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text;
using System.Text.Json;
using AuditClient.Benchmarks.Payloads;
using AuditClient.Core.Serialization;
using AuditClient.Scale;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Benchmarks.CallOverhead;

/// <summary>
/// Where the SDK's extra time and bytes on a call go: the get-task call of <see cref="CallOverheadBenchmarks"/> built
/// up one layer at a time, from the hand-written call to the full SDK call, each row adding one layer to the previous
/// one; and, apart, the same JSON deserialized into the hand-written DTOs and into the SDK's models.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CallOverheadBreakdownBenchmarks
{
    private const string Layers = "get task, layer by layer";
    private const string JsonOnly = "task JSON only";
    private const string ApiKey = "benchmark-key";

    private readonly InMemoryHandler _handler = new InMemoryHandler().Answer(HttpMethod.Get, HttpStatusCode.OK, SpecExamples.Task);

    private ServiceProvider _sdkProvider = null!;
    private HttpClient _http = null!;
    private HttpClient _sdkHttpClient = null!;
    private IScaleRefitApi _refit = null!;
    private IScaleTasksApi _sdk = null!;

    /// <summary>The handler every layer sends through (the paired harness sets <see cref="InMemoryHandler.Yield"/> on it).</summary>
    internal InMemoryHandler Handler => _handler;

    [GlobalSetup]
    public void Setup()
    {
        _http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = ScaleOptions.DefaultBaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey + ":")));
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        _sdkProvider = BuildSdk();
        _refit = _sdkProvider.GetRequiredKeyedService<IScaleRefitApi>(global::AuditClient.AuditVendor.Scale);
        _sdk = _sdkProvider.GetRequiredService<IScaleTasksApi>();
        _sdkHttpClient = HttpClientOf(_refit);

        SameRequests.Check(_handler, Layers, [HandWritten, HandWrittenBuffered, HandWrittenOnSdkHttpClient, Refit, Sdk]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdkProvider.Dispose();
        _http.Dispose();
    }

    [BenchmarkCategory(Layers), Benchmark(Baseline = true, Description = "1 HttpClient + STJ, body streamed")]
    public Task<object?> HandWritten() => GetTask(_http, HttpCompletionOption.ResponseHeadersRead);

    [BenchmarkCategory(Layers), Benchmark(Description = "2 = 1, body buffered (HttpClient's default)")]
    public Task<object?> HandWrittenBuffered() => GetTask(_http, HttpCompletionOption.ResponseContentRead);

    [BenchmarkCategory(Layers), Benchmark(Description = "3 = 2 on the SDK's HttpClient")]
    public Task<object?> HandWrittenOnSdkHttpClient() => GetTask(_sdkHttpClient, HttpCompletionOption.ResponseContentRead);

    [BenchmarkCategory(Layers), Benchmark(Description = "4 Refit client + SDK models on it")]
    public async Task<object?> Refit()
    {
        // The Refit methods return the raw answer (ApiCall reads it): this layer reads it the same way, without the checks.
        using var response = await _refit.GetTaskAsync(SpecExamples.TaskId, CancellationToken.None).ConfigureAwait(false);
        return await JsonSerializer.DeserializeAsync(await response.Content.ReadAsStreamAsync().ConfigureAwait(false), AuditClientJsonContext.Wire.ScaleTask).ConfigureAwait(false);
    }

    [BenchmarkCategory(Layers), Benchmark(Description = "5 SDK (validation, telemetry, errors)")]
    public async Task<object?> Sdk() => await _sdk.GetTaskAsync(SpecExamples.TaskId).ConfigureAwait(false);

    [BenchmarkCategory(JsonOnly), Benchmark(Baseline = true, Description = "hand-written DTOs")]
    public HwTask? DeserializeHandWritten() => JsonSerializer.Deserialize(SpecExamples.Task, HandWrittenJson.Default.HwTask);

    [BenchmarkCategory(JsonOnly), Benchmark(Description = "hand-written DTOs as init-only records")]
    public HwTaskInit? DeserializeHandWrittenInit() => JsonSerializer.Deserialize(SpecExamples.Task, HandWrittenJson.Default.HwTaskInit);

    [BenchmarkCategory(JsonOnly), Benchmark(Description = "SDK models")]
    public ScaleTask? DeserializeSdk() => JsonSerializer.Deserialize(SpecExamples.Task, AuditClientJsonContext.Default.ScaleTask);

    private static async Task<object?> GetTask(HttpClient http, HttpCompletionOption completion)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/task/" + Uri.EscapeDataString(SpecExamples.TaskId));
        using var response = await http.SendAsync(request, completion).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(HandWrittenJson.Default.HwTask).ConfigureAwait(false);
    }

    // The generated Refit class exposes the HttpClient IHttpClientFactory built for it (handlers and all).
    private static HttpClient HttpClientOf(IScaleRefitApi refit) =>
        refit.GetType().GetProperty("Client", BindingFlags.Public | BindingFlags.Instance)?.GetValue(refit) as HttpClient
        ?? throw new InvalidOperationException("The generated Refit client no longer exposes its HttpClient.");

    private ServiceProvider BuildSdk()
    {
        var services = new ServiceCollection();
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = ApiKey;
            o.Scale.PrimaryHandlerFactory = () => _handler;
            o.Scale.Resilience.RequestsPerSecond = 1_000_000_000;
            o.Scale.Resilience.MaxConcurrentRequests = 1024;
        });
        return services.BuildServiceProvider();
    }
}
