using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Reflection;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.DependencyInjection;

/// <summary>
/// The names an app's log filters and dashboards depend on (HttpClient log categories, Polly's pipeline name, the
/// User-Agent a vendor sees) carry the vendor and account only, never a generated type or an assembly version; and
/// a successful call writes nothing at Information.
/// </summary>
[NonParallelizable]
public sealed class StableNamesTests
{
    [Test]
    public async Task A_successful_call_in_a_default_host_logs_nothing_at_information_or_above()
    {
        using var server = TaskServer();
        var logs = new Logs();
        using var host = Host(server, logs, minimum: null);
        await host.StartAsync();

        await host.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync("t1");
        await host.StopAsync();

        var sdkLines = logs.Lines.Where(l => !l.Category.StartsWith("Microsoft.Hosting", StringComparison.Ordinal)).ToList();
        Assert.That(sdkLines.Where(l => l.Level >= LogLevel.Information).Select(l => $"{l.Level} {l.Category}: {l.Message}"), Is.Empty);
    }

    [Test]
    public async Task HttpClient_log_categories_name_the_vendor_not_a_generated_type_or_a_version()
    {
        using var server = TaskServer();
        var logs = new Logs();
        using var host = Host(server, logs, minimum: LogLevel.Debug);
        await host.StartAsync();

        await host.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync("t1");
        await host.StopAsync();

        var categories = logs.Lines.Select(l => l.Category).Where(c => c.StartsWith("System.Net.Http.HttpClient", StringComparison.Ordinal)).ToHashSet();
        Assert.That(categories, Is.EquivalentTo(new[]
        {
            "System.Net.Http.HttpClient.AuditClient.Scale.LogicalHandler",
            "System.Net.Http.HttpClient.AuditClient.Scale.ClientHandler",
        }));
        Assert.That(logs.Lines.Where(l => l.Category.StartsWith("System.Net.Http", StringComparison.Ordinal)).Select(l => l.Level), Is.All.EqualTo(LogLevel.Debug));
    }

    [Test]
    public async Task Pollys_pipeline_name_is_the_clients_name_in_logs_and_metrics()
    {
        using var server = TaskServer();
        var logs = new Logs();
        var pipelineNames = new ConcurrentBag<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "Polly")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Collect(tags, pipelineNames));
        listener.SetMeasurementEventCallback<int>((_, _, tags, _) => Collect(tags, pipelineNames));
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) => Collect(tags, pipelineNames));
        listener.Start();
        using var host = Host(server, logs, minimum: LogLevel.Debug);

        await host.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync("t1");

        Assert.That(pipelineNames.Where(n => n.StartsWith("AuditClient.", StringComparison.Ordinal)).Distinct(), Is.EquivalentTo(new[] { "AuditClient.Scale-resilience" }));
        var polly = logs.Lines.Where(l => l.Category == "Polly").ToList();
        Assert.That(polly, Is.Not.Empty);
        Assert.That(polly.Select(l => l.Message), Has.Some.Contains("AuditClient.Scale-resilience"));
        Assert.That(polly.Select(l => l.Level), Is.All.LessThanOrEqualTo(LogLevel.Debug));
    }

    [Test]
    public async Task The_vendor_sees_a_user_agent_with_the_application_id_the_package_version_the_runtime_and_the_os()
    {
        using var server = TaskServer();
        using var clients = Loopback.Clients(server, o => o.ApplicationId = "myapp/1.2");

        await clients.ScaleTasks.GetTaskAsync("t1");

        var userAgent = Loopback.Header(server.LogEntries.Single(), "User-Agent");
        var version = typeof(AuditClients).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0];
        Assert.That(userAgent, Does.StartWith($"myapp/1.2 AuditClient/{version} (.NET "));
        Assert.That(userAgent, Does.Match(@"^myapp/1\.2 AuditClient/[0-9A-Za-z.\-]+ \(\.NET [^;()]+; [^()]+\)$"));
    }

    [Test]
    public async Task Without_an_application_id_the_user_agent_starts_with_the_sdk()
    {
        using var server = TaskServer();
        using var clients = Loopback.Clients(server);

        await clients.CloudFactory.SubmitTaskReviewedAsync(AuditClient.Tests.Resilience.Requests.ValidReview(repeatSafe: true));

        var userAgent = Loopback.Header(server.LogEntries.Single(), "User-Agent");
        Assert.That(userAgent, Does.Match(@"^AuditClient/[0-9A-Za-z.\-]+ \(\.NET [^;()]+; [^()]+\)$"));
    }

    private static void Collect(ReadOnlySpan<KeyValuePair<string, object?>> tags, ConcurrentBag<string> names)
    {
        foreach (var tag in tags)
        {
            if (tag.Key == "pipeline.name" && tag.Value is string name)
            {
                names.Add(name);
            }
        }
    }

    private static IHost Host(WireMockServer server, Logs logs, LogLevel? minimum)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [] });
        builder.Logging.AddProvider(logs);
        if (minimum is { } level)
        {
            builder.Logging.SetMinimumLevel(level);
        }

        builder.Services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = Loopback.ScaleKey;
            o.Scale.BaseAddress = new Uri(server.Url!);
            FastRetries.Apply(o.Scale.Resilience);
        });
        return builder.Build();
    }

    private static WireMockServer TaskServer()
    {
        var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/*").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBodyAsJson(new { task_id = "t1" }));
        server.Given(Request.Create().WithPath($"/v1/workstreams/{AuditClient.Tests.Resilience.Requests.WorkstreamId}/task_reviewed").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(202).WithBodyAsJson(new { message = "ok" }));
        return server;
    }

    private sealed record Line(LogLevel Level, string Category, string Message);

    private sealed class Logs : ILoggerProvider
    {
        private readonly ConcurrentQueue<Line> _lines = new();

        public IReadOnlyCollection<Line> Lines => _lines;

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<Line> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue(new Line(logLevel, category, formatter(state, exception)));
        }
    }
}
