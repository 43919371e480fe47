using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuditClient.Benchmarks.Bulk;

/// <summary>
/// A Kestrel server on 127.0.0.1 standing in for CloudFactory: every request is answered 202 with the spec's
/// acknowledgement, after its arrival time (a Stopwatch timestamp taken first thing) and its <c>unique_id</c> are
/// recorded.
/// </summary>
internal sealed class ArrivalRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly object _lock = new();
    private readonly List<long> _arrivals = new(8192);
    private readonly HashSet<string> _uniqueIds = new(StringComparer.Ordinal);

    private ArrivalRecorder(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    public static async Task<ArrivalRecorder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var recorder = new ArrivalRecorder(app);
        app.Run(recorder.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        recorder.Address = new Uri(address);
        return recorder;
    }

    /// <summary>Forgets what was recorded, for the next run.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _arrivals.Clear();
            _uniqueIds.Clear();
        }
    }

    /// <summary>The arrivals (Stopwatch timestamps, sorted) and how many distinct <c>unique_id</c>s they carried.</summary>
    public (long[] Arrivals, int DistinctUniqueIds) Snapshot()
    {
        lock (_lock)
        {
            var arrivals = _arrivals.ToArray();
            Array.Sort(arrivals);
            return (arrivals, _uniqueIds.Count);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
        var uniqueId = body.RootElement.TryGetProperty("unique_id", out var id) ? id.GetString() : null;
        lock (_lock)
        {
            _arrivals.Add(arrived);
            if (uniqueId is not null)
            {
                _uniqueIds.Add(uniqueId);
            }
        }

        context.Response.StatusCode = StatusCodes.Status202Accepted;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Payloads.SpecExamples.TaskReviewAccepted, context.RequestAborted).ConfigureAwait(false);
    }
}
