using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuditClient.Redis.Tests;

/// <summary>
/// A Kestrel server on 127.0.0.1 standing in for CloudFactory's task_reviewed endpoint: records each arrival (a
/// Stopwatch timestamp taken first thing, and the x-api-key that names the sending process) and answers 202, or 429
/// with <c>Retry-After: 2</c> to the one arrival chosen by <see cref="TooManyRequestsAt"/>.
/// </summary>
internal sealed class ArrivalServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Lock _lock = new();
    private readonly List<(long At, string Key, int Status)> _arrivals = [];

    private ArrivalServer(WebApplication app) => _app = app;

    public Uri Address { get; private set; } = null!;

    /// <summary>The 1-based arrival number answered 429 with Retry-After: 2; 0 for none.</summary>
    public int TooManyRequestsAt { get; set; }

    public static async Task<ArrivalServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new ArrivalServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        server.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    public void Reset()
    {
        lock (_lock)
        {
            _arrivals.Clear();
        }
    }

    /// <summary>The arrivals, sorted by time.</summary>
    public (long At, string Key, int Status)[] Arrivals()
    {
        lock (_lock)
        {
            return [.. _arrivals.OrderBy(a => a.At)];
        }
    }

    /// <summary>The most arrivals in any half-open window [t, t + window); the maximum opens on an arrival.</summary>
    public static int MaxInAnyWindow(long[] sorted, TimeSpan window)
    {
        var ticks = (long)(window.TotalSeconds * Stopwatch.Frequency);
        var (max, end) = (0, 0);
        for (var start = 0; start < sorted.Length; start++)
        {
            while (end < sorted.Length && sorted[end] - sorted[start] < ticks)
            {
                end++;
            }

            max = Math.Max(max, end - start);
        }

        return max;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = Stopwatch.GetTimestamp();
        var key = context.Request.Headers["x-api-key"].ToString();
        int status;
        lock (_lock)
        {
            status = _arrivals.Count + 1 == TooManyRequestsAt ? StatusCodes.Status429TooManyRequests : StatusCodes.Status202Accepted;
            _arrivals.Add((arrived, key, status));
        }

        await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        if (status == StatusCodes.Status429TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "2";
            await context.Response.WriteAsync("""{"message":"Too many requests"}""", context.RequestAborted);
        }
        else
        {
            await context.Response.WriteAsync("""{"message":"Accepted"}""", context.RequestAborted);
        }
    }
}
