using System.Globalization;
using System.Net;
using System.Text;
using AuditClient.Benchmarks.Payloads;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace AuditClient.Benchmarks.Sockets;

/// <summary>
/// A Kestrel server on 127.0.0.1 in the benchmark process answering every GET <c>/v1/task/{id}</c> with the spec's
/// example task (the same 975 bytes as the in-memory benchmarks) and every GET <c>/v1/tasks</c> with a page of
/// <see cref="PageSize"/> tasks whose <c>next_token</c> counts down to the last of <see cref="Pages"/> pages.
/// Keep-alive on both sides: the clients reuse their connections, as an application's do.
/// </summary>
internal sealed class LoopbackServer : IAsyncDisposable
{
    public const int PageSize = 100;
    public const int Pages = 1_000;

    private readonly WebApplication _app;
    private readonly byte[][] _pages = new byte[Pages][];

    private LoopbackServer(WebApplication app)
    {
        _app = app;
        for (var page = 0; page < Pages; page++)
        {
            _pages[page] = TaskPage(page);
        }
    }

    public Uri Address { get; private set; } = null!;

    /// <summary>Bytes of one page of <see cref="PageSize"/> tasks, for the paging memory bar.</summary>
    public int PageBytes => _pages[0].Length;

    public static async Task<LoopbackServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new LoopbackServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        server.Address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    // The task list of Scale's spec: {"docs": [...], "next_token": ...}; the token is the next page's number.
    private static byte[] TaskPage(int page)
    {
        var task = Encoding.UTF8.GetString(SpecExamples.Task);
        var json = new StringBuilder(task.Length * PageSize + 64).Append("{\"docs\":[");
        for (var i = 0; i < PageSize; i++)
        {
            json.Append(i == 0 ? string.Empty : ",").Append(task);
        }

        json.Append("],\"limit\":").Append(PageSize).Append(",\"total\":").Append(PageSize * Pages);
        json.Append(page + 1 < Pages ? string.Create(CultureInfo.InvariantCulture, $",\"next_token\":\"{page + 1}\"}}") : ",\"next_token\":null}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private Task HandleAsync(HttpContext context)
    {
        var body = SpecExamples.Task;
        if (context.Request.Path.Equals("/v1/tasks", StringComparison.Ordinal))
        {
            var token = context.Request.Query["next_token"].ToString();
            body = _pages[token.Length == 0 ? 0 : int.Parse(token, CultureInfo.InvariantCulture)];
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.ContentLength = body.Length;
        return context.Response.Body.WriteAsync(body).AsTask();
    }
}
