using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WireMock.Server;
using WireMock.Settings;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// A WireMock server on loopback that counts every request as it arrives, and can break the first requests at the
/// connection level. WireMock 1.25 has no connection-reset fault (its <c>FaultType</c> holds only
/// <c>EMPTY_RESPONSE</c>, a 200 with an empty body, and <c>MALFORMED_RESPONSE_CHUNK</c>), and a scenario moves to its
/// next state only once a delayed answer is complete, too late for a retry that follows an attempt timeout: both
/// faults therefore live in a middleware in front of WireMock.
/// </summary>
internal sealed class FaultServer : IDisposable
{
    private int _arrivals;
    private int _resetsLeft;
    private int _hangsLeft;
    private int _stallsLeft;
    private int _chunkedStallsLeft;
    private int _cutsLeft;

    private FaultServer()
    {
        Server = WireMockServer.Start(new WireMockServerSettings
        {
            Urls = ["http://127.0.0.1:0"],
            StartAdminInterface = false,
            PreWireMockMiddlewareInit = app => ((IApplicationBuilder)app).Use(InterceptAsync),
        });
    }

    public WireMockServer Server { get; }

    public Uri Url => new(Server.Url!);

    /// <summary>Every request that reached the server, broken ones included.</summary>
    public int Arrivals => Volatile.Read(ref _arrivals);

    public static FaultServer Start() => new();

    /// <summary>
    /// Waits until <paramref name="count"/> requests arrived; fails after 60 seconds (a request that never comes fails
    /// the test rather than hanging the run).
    /// </summary>
    public async Task ArrivedAsync(int count = 1)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (Arrivals < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Arrivals} of {count} requests arrived within 60 seconds.");
            }

            await Task.Delay(10);
        }
    }

    /// <summary>The next <paramref name="count"/> requests are answered by a TCP reset (the client sees ECONNRESET).</summary>
    public void ResetNext(int count) => Volatile.Write(ref _resetsLeft, count);

    /// <summary>The next <paramref name="count"/> requests get no answer until the client gives up.</summary>
    public void HangNext(int count) => Volatile.Write(ref _hangsLeft, count);

    /// <summary>The next <paramref name="count"/> requests get a 200 whose body stops after a few bytes.</summary>
    public void StallBodyNext(int count) => Volatile.Write(ref _stallsLeft, count);

    /// <summary>
    /// The next <paramref name="count"/> requests get a chunked 200 (no <c>Content-Length</c>, so the client cannot read
    /// it into a buffer of known size) whose body stops after a few bytes.
    /// </summary>
    public void StallChunkedBodyNext(int count) => Volatile.Write(ref _chunkedStallsLeft, count);

    /// <summary>The next <paramref name="count"/> requests get a 200 whose body stops after a few bytes, the connection then reset.</summary>
    public void CutBodyNext(int count) => Volatile.Write(ref _cutsLeft, count);

    public void Dispose() => Server.Stop();

    private async Task InterceptAsync(HttpContext context, RequestDelegate next)
    {
        Interlocked.Increment(ref _arrivals);
        if (Interlocked.Decrement(ref _resetsLeft) >= 0)
        {
            context.Abort();
            return;
        }

        if (Interlocked.Decrement(ref _hangsLeft) >= 0)
        {
            await HangAsync(context);
            return;
        }

        if (Interlocked.Decrement(ref _stallsLeft) >= 0)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 1000;
            await context.Response.Body.WriteAsync("{\"task_id\":"u8.ToArray());
            await context.Response.Body.FlushAsync();
            await HangAsync(context);
            return;
        }

        if (Interlocked.Decrement(ref _chunkedStallsLeft) >= 0)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync("{\"task_id\":"u8.ToArray());
            await context.Response.Body.FlushAsync();
            await HangAsync(context);
            return;
        }

        if (Interlocked.Decrement(ref _cutsLeft) >= 0)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 1000;
            await context.Response.Body.WriteAsync("{\"task_id\":"u8.ToArray());
            await context.Response.Body.FlushAsync();
            context.Abort();
            return;
        }

        await next(context);
    }

    private static async Task HangAsync(HttpContext context)
    {
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up, as it should.
        }

        context.Abort();
    }
}
