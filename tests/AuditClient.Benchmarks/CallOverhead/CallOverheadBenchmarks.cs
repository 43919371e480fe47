using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using AuditClient.Benchmarks.Payloads;
using AuditClient.Scale;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Benchmarks.CallOverhead;

/// <summary>
/// A full SDK call, built by DI exactly as an application gets it (credential header, resilience pipeline with the
/// rate limiter on at a rate never reached, telemetry instruments without listeners), against a hand-written
/// <see cref="HttpClient"/> + source-generated System.Text.Json call of the same request, through the same in-memory
/// handler answering the spec's example. Setup checks that both stacks send the same bytes and headers.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class CallOverheadBenchmarks
{
    private const string GetTask = "get task";
    private const string CreateAudit = "create fixless audit";
    private const string ApiKey = "benchmark-key";

    private static readonly string BasicCredential = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(ApiKey + ":"));

    private readonly InMemoryHandler _handler = new InMemoryHandler()
        .Answer(HttpMethod.Get, HttpStatusCode.OK, SpecExamples.Task)
        .Answer(HttpMethod.Put, HttpStatusCode.Created, SpecExamples.FixlessAuditCreated);

    private readonly FixlessAuditCreate _sdkCreate = SpecRequests.SdkCreate();
    private readonly HwFixlessAuditCreate _handWrittenCreate = SpecRequests.HandWrittenCreate();

    private ServiceProvider _sdkProvider = null!;
    private IScaleTasksApi _sdkTasks = null!;
    private IScaleAuditsApi _sdkAudits = null!;
    private HttpClient _http = null!;

    /// <summary>The handler both stacks send through (the probes set <see cref="InMemoryHandler.Yield"/> on it).</summary>
    internal InMemoryHandler Handler => _handler;

    [GlobalSetup]
    public void Setup()
    {
        _sdkProvider = BuildSdk();
        _sdkTasks = _sdkProvider.GetRequiredService<IScaleTasksApi>();
        _sdkAudits = _sdkProvider.GetRequiredService<IScaleAuditsApi>();

        _http = new HttpClient(_handler, disposeHandler: false) { BaseAddress = ScaleOptions.DefaultBaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", BasicCredential);
        _http.DefaultRequestHeaders.Accept.ParseAdd("application/json");

        SameRequests.Check(_handler, "get task", [GetTaskHandWritten, GetTaskSdk]);
        SameRequests.Check(_handler, "create fixless audit", [CreateAuditHandWritten, CreateAuditSdk]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _sdkProvider.Dispose();
        _http.Dispose();
    }

    [BenchmarkCategory(GetTask), Benchmark(Baseline = true, Description = "HttpClient + STJ")]
    public async Task<object?> GetTaskHandWritten()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/task/" + Uri.EscapeDataString(SpecExamples.TaskId));
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(HandWrittenJson.Default.HwTask).ConfigureAwait(false);
    }

    [BenchmarkCategory(GetTask), Benchmark(Description = "SDK")]
    public async Task<object?> GetTaskSdk() => await _sdkTasks.GetTaskAsync(SpecExamples.TaskId).ConfigureAwait(false);

    [BenchmarkCategory(CreateAudit), Benchmark(Baseline = true, Description = "HttpClient + STJ")]
    public async Task<object?> CreateAuditHandWritten()
    {
        // The same guarantee as the SDK's default (a create in doubt is found again by a token in its metadata), in
        // its leanest form: a fresh token set on the caller's own object, which the SDK must not change and so copies.
        _handWrittenCreate.Metadata![FixlessAuditCreate.ReconcileTokenKey] = Guid.NewGuid().ToString("N");

        // Serialized to bytes first, as the SDK does (its bodies are buffered so that a retry re-sends them and they
        // carry Content-Length): the same request on the wire.
        var body = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(_handWrittenCreate, HandWrittenJson.Default.HwFixlessAuditCreate));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/audits") { Content = body };
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync(HandWrittenJson.Default.HwFixlessAudit).ConfigureAwait(false);
    }

    [BenchmarkCategory(CreateAudit), Benchmark(Description = "SDK")]
    public async Task<object?> CreateAuditSdk() => await _sdkAudits.CreateAuditAsync(_sdkCreate).ConfigureAwait(false);

    private ServiceProvider BuildSdk()
    {
        var services = new ServiceCollection();
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = ApiKey;
            o.Scale.PrimaryHandlerFactory = () => _handler;

            // On, as in production, at a rate a benchmark never reaches: the limiter's cost is measured, not its waits.
            o.Scale.Resilience.RequestsPerSecond = 1_000_000_000;
            o.Scale.Resilience.MaxConcurrentRequests = 1024;
        });
        return services.BuildServiceProvider();
    }
}
