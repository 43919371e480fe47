using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AuditClient.Testing.Http;

/// <summary>
/// Kestrel on 127.0.0.1 with a free port, and the one request pipeline of the fakes: read the body, route, record,
/// apply an armed fault, then let the vendor's fake answer.
/// </summary>
internal sealed class FakeServer : IAsyncDisposable
{
    // A fake server holds test data only; a bound keeps a runaway test from filling memory.
    private const long MaxBodyBytes = 64L * 1024 * 1024;

    private readonly WebApplication _app;
    private readonly FakeSettings _settings;
    private readonly ScaleFake _scale;
    private readonly CloudFactoryFake _cloudFactory;
    private readonly FakeFaults _faults;
    private readonly RequestLog _log;
    private readonly CancellationTokenSource _stopping = new();

    private FakeServer(WebApplication app, FakeSettings settings, ScaleFake scale, CloudFactoryFake cloudFactory, FakeFaults faults, RequestLog log)
    {
        _app = app;
        _settings = settings;
        _scale = scale;
        _cloudFactory = cloudFactory;
        _faults = faults;
        _log = log;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<FakeServer> StartAsync(
        FakeSettings settings, ScaleFake scale, CloudFactoryFake cloudFactory, FakeFaults faults, RequestLog log, CancellationToken cancellationToken)
    {
        // The empty builder reads no appsettings.json, environment variable or command line of the test process, and logs nothing.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, settings.Port);
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            kestrel.AddServerHeader = false;
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5));

        // Not the host's console lifetime: it would take SIGINT, SIGTERM and SIGHUP from the process the fakes run in
        // (a test runner, a tool's --fake run) and swallow them.
        builder.Services.AddSingleton<IHostLifetime, NoSignalsLifetime>();
        var app = builder.Build();
        var server = new FakeServer(app, settings, scale, cloudFactory, faults, log);
        app.Run(server.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
            var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
            server.BaseAddress = new Uri(addresses.First().TrimEnd('/') + "/");
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _stopping.Dispose();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var request = context.Request;
        var route = FakeRoutes.Match(request.Method, request.Path.Value ?? "/");
        string body;
        try
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            body = await reader.ReadToEndAsync(aborted.Token).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            // Too large, or malformed framing: Kestrel's status, in the vendor's error shape.
            await WriteAsync(context, FakeResponse.Error(route.Vendor, e.StatusCode, e.Message)).ConfigureAwait(false);
            return;
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client went away while sending: there is no one to answer.
            return;
        }

        _log.Record(route.Endpoint, request, body, _settings.Time.GetUtcNow());

        var fault = route.Endpoint is { } endpoint ? _faults.Take(endpoint) : null;
        if (fault is { AfterStoring: false } && !await FailAsync(context, route, fault, aborted.Token).ConfigureAwait(false))
        {
            return;
        }

        FakeResponse response;
        try
        {
            response = Answer(route, new FakeRequest(request.Method, request.Query, request.Headers, body, route.ResourceId));
        }
        catch (Exception e)
        {
            // A bug of the fake must read as one, not as an empty 500 the test author cannot explain.
            response = FakeResponse.Error(route.Vendor, 500, $"The fake failed: {e.GetType().Name}: {e.Message}");
        }

        // Store, then fail: what was stored stays, and the client never hears of it.
        if (fault is { AfterStoring: true } && !await FailAsync(context, route, fault, aborted.Token).ConfigureAwait(false))
        {
            return;
        }

        await WriteAsync(context, response).ConfigureAwait(false);
    }

    /// <summary>Applies <paramref name="fault"/>; true when the normal answer is still to be written (after a delay).</summary>
    private static async Task<bool> FailAsync(HttpContext context, FakeRoute route, FakeFault fault, CancellationToken aborted)
    {
        switch (fault.Kind)
        {
            case FakeFaultKind.ConnectionReset:
                context.Abort();
                return false;
            case FakeFaultKind.TooManyRequests:
                await WriteAsync(context, FakeResponse.Error(route.Vendor, 429, "Too many requests, please slow down.", fault.RetryAfterSeconds)).ConfigureAwait(false);
                return false;
            case FakeFaultKind.ServerError:
                await WriteAsync(context, FakeResponse.Error(route.Vendor, (int)fault.Status, $"Injected fault: {fault}")).ConfigureAwait(false);
                return false;
            default:
                try
                {
                    await Task.Delay(fault.Duration, aborted).ConfigureAwait(false);
                    return true;
                }
                catch (OperationCanceledException)
                {
                    return false;
                }
        }
    }

    private FakeResponse Answer(FakeRoute route, FakeRequest request) => route switch
    {
        { Endpoint: FakeEndpoint.ScaleCreateAudit } => _scale.CreateAudit(request),
        { Endpoint: FakeEndpoint.ScaleListAudits } => _scale.ListAudits(request),
        { Endpoint: FakeEndpoint.ScaleGetTask } => _scale.ServeTask(request),
        { Endpoint: FakeEndpoint.ScaleListTasks } => _scale.ListTasks(request),
        { Endpoint: FakeEndpoint.ScaleAuditTask } => _scale.AuditTask(request),
        { Endpoint: FakeEndpoint.CloudFactoryTaskReviewed } => _cloudFactory.TaskReviewed(request),
        { MethodNotAllowed: true } => FakeResponse.Error(route.Vendor, 405, $"Method {request.Method} is not allowed here."),
        _ => FakeResponse.Error(route.Vendor, 404, route.Vendor == FakeVendor.Scale ? "Not found." : "Not Found"),
    };

    private static async Task WriteAsync(HttpContext context, FakeResponse response)
    {
        var http = context.Response;
        http.StatusCode = response.StatusCode;
        http.ContentType = "application/json; charset=utf-8";
        http.ContentLength = response.Body.Length;
        if (response.RetryAfterSeconds is { } seconds)
        {
            http.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        try
        {
            await http.Body.WriteAsync(response.Body, context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client stopped listening; nothing to do.
        }
    }

    /// <summary>A lifetime that leaves the process's signals to the process: the fakes stop when they are disposed.</summary>
    private sealed class NoSignalsLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
