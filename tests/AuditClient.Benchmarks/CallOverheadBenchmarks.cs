using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Serialization;
using AuditClient.Scale;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Benchmarks;

/// <summary>
/// A full SDK call, built by DI (auth, resilience pipeline, rate limiter, telemetry), against a hand-written
/// HttpClient + source-generated System.Text.Json call of the same request, through the same in-memory handler.
/// </summary>
[MemoryDiagnoser]
public class CallOverheadBenchmarks
{
    private static readonly byte[] TaskJson = Encoding.UTF8.GetBytes("""{"task_id":"576ba74eec471ff9b01557cc","type":"imageannotation","status":"completed"}""");

    private ServiceProvider _provider = null!;
    private IScaleTasksApi _sdk = null!;
    private HttpClient _handWritten = null!;

    [GlobalSetup]
    public void Setup()
    {
        var handler = new InMemoryHandler(HttpStatusCode.OK, TaskJson);
        var services = new ServiceCollection();
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = "benchmark-key";
            o.Scale.PrimaryHandlerFactory = () => handler;
            o.Scale.Resilience.RequestsPerSecond = 100_000_000;
            o.Scale.Resilience.MaxConcurrentRequests = 1024;
        });
        _provider = services.BuildServiceProvider();
        _sdk = _provider.GetRequiredService<IScaleTasksApi>();

        _handWritten = new HttpClient(handler, disposeHandler: false) { BaseAddress = ScaleOptions.DefaultBaseAddress };
        _handWritten.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("benchmark-key:")));
        _handWritten.DefaultRequestHeaders.Accept.ParseAdd("application/json");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _provider.Dispose();
        _handWritten.Dispose();
    }

    [Benchmark(Baseline = true, Description = "get task: HttpClient + STJ")]
    public async Task<string?> GetTaskHandWritten()
    {
        var task = await _handWritten.GetFromJsonAsync("/v1/task/576ba74eec471ff9b01557cc", BaselineJson.Default.BaselineTask);
        return task!.TaskId;
    }

    [Benchmark(Description = "get task: SDK")]
    public async Task<string?> GetTaskSdk()
    {
        var task = await _sdk.GetTaskAsync("576ba74eec471ff9b01557cc");
        return task.TaskId;
    }
}

public sealed class BaselineTask
{
    [JsonPropertyName("task_id")]
    public string? TaskId { get; set; }

    [JsonPropertyName("type")]
    public string? Type { get; set; }

    [JsonPropertyName("status")]
    public string? Status { get; set; }
}

[JsonSerializable(typeof(BaselineTask))]
public sealed partial class BaselineJson : JsonSerializerContext;
