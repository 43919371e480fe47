using System.Net;
using System.Text;
using AuditClient.Scale;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Benchmarks;

[MemoryDiagnoser]
public class ScratchVariants
{
    private static readonly byte[] TaskJson = Encoding.UTF8.GetBytes("""{"task_id":"576ba74eec471ff9b01557cc","type":"imageannotation","status":"completed"}""");
    private ServiceProvider _provider = null!;
    private IScaleTasksApi _sdk = null!;

    [Params("full", "nolimiter", "noretry", "bare")]
    public string Variant { get; set; } = "full";

    [GlobalSetup(Target = nameof(GetTaskSdk))]
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
            o.Scale.Resilience.RateLimiterEnabled = Variant is "full" or "noretry";
            o.Scale.Resilience.RetryEnabled = Variant is "full" or "nolimiter";
        });
        _provider = services.BuildServiceProvider();
        _sdk = _provider.GetRequiredService<IScaleTasksApi>();
    }

    private IScaleRefitApi _refit = null!;
    private HttpClient _plain = null!;

    [GlobalSetup(Target = nameof(RefitOnly))]
    public void SetupRefit()
    {
        var handler = new InMemoryHandler(HttpStatusCode.OK, TaskJson);
        _plain = new HttpClient(handler) { BaseAddress = new Uri("https://api.scale.com") };
        var settings = Refit.RefitSettings.ForJsonContext(AuditClient.Core.Serialization.AuditClientJsonContext.Default);
        settings.Buffered = true;
        _refit = Refit.RestService.ForGenerated<IScaleRefitApi>(_plain, settings);
        _provider = new ServiceCollection().BuildServiceProvider();
    }

    [Benchmark]
    public async Task<string?> RefitOnly() => (await _refit.GetTaskAsync("576ba74eec471ff9b01557cc", default))!.TaskId;

    [GlobalCleanup]
    public void Cleanup() => _provider.Dispose();

    [Benchmark]
    public async Task<string?> GetTaskSdk() => (await _sdk.GetTaskAsync("576ba74eec471ff9b01557cc")).TaskId;
}
