using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using AuditClient.Tests.Resilience;
using AuditClient.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.DependencyInjection;

/// <summary>
/// The SDK's metric and span tags, captured from real calls over loopback: OpenTelemetry's names where they exist,
/// <c>auditclient.*</c> for the rest, the same on spans and metrics; the SDK's span is Internal, HttpClient's Client
/// span beneath it.
/// </summary>
[NonParallelizable]
public sealed class TelemetryTests
{
    [Test]
    public async Task A_call_is_counted_and_traced_with_the_same_semantic_convention_tags()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/t1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"task_id":"t1"}"""));
        server.Given(Request.Create().WithPath("/v1/task/gone").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"status_code":404,"error":"not found"}"""));
        using var clients = Loopback.Clients(server);
        using var capture = new Capture();

        await clients.ScaleTasks.GetTaskAsync("t1");
        await Assert.ThrowsAsync<AuditNotFoundException>(() => clients.ScaleTasks.GetTaskAsync("gone"));

        var calls = capture.Measurements("auditclient.calls");
        var durations = capture.Measurements("auditclient.call.duration");
        var spans = capture.Spans.Where(a => a.Source.Name == "AuditClient").ToList();
        var ok = new Dictionary<string, object?>
        {
            ["auditclient.vendor"] = "scale",
            ["auditclient.operation"] = "scale.tasks.get",
            ["http.request.method"] = "GET",
            ["server.address"] = "127.0.0.1",
            ["http.response.status_code"] = 200,
        };
        var notFound = new Dictionary<string, object?>(ok) { ["http.response.status_code"] = 404, ["error.type"] = "404" };
        using (Assert.EnterMultipleScope())
        {
            Assert.That(calls, Is.EquivalentTo(new[] { ok, notFound }).Using<Dictionary<string, object?>>(SameTags));
            Assert.That(durations, Is.EquivalentTo(new[] { ok, notFound }).Using<Dictionary<string, object?>>(SameTags));
            Assert.That(spans.Select(Tags), Is.EquivalentTo(new[] { ok, notFound }).Using<Dictionary<string, object?>>(SameTags));
            Assert.That(spans.Select(s => (s.OperationName, s.Kind)), Has.All.EqualTo(("scale.tasks.get", ActivityKind.Internal)));
            Assert.That(spans.Select(s => s.Status), Is.EquivalentTo(new[] { ActivityStatusCode.Unset, ActivityStatusCode.Error }));
            Assert.That(capture.MeasurementNames, Does.Not.Contain("auditclient.failures"), "failures are calls with error.type");
        }
    }

    [Test]
    public async Task HttpClients_Client_span_of_each_attempt_is_a_child_of_the_SDKs_Internal_span()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/t1").UsingGet()).InScenario("s").WillSetStateTo("2")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "0"));
        server.Given(Request.Create().WithPath("/v1/task/t1").UsingGet()).InScenario("s").WhenStateIs("2")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"task_id":"t1"}"""));
        using var clients = Loopback.Clients(server);
        using var capture = new Capture();

        await clients.ScaleTasks.GetTaskAsync("t1");

        var sdk = capture.Spans.Single(a => a.Source.Name == "AuditClient");
        var client = capture.Spans.Where(a => a.Kind == ActivityKind.Client).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sdk.Kind, Is.EqualTo(ActivityKind.Internal));
            Assert.That(client, Has.Count.EqualTo(2), "one Client span per attempt, all HttpClient's");
            Assert.That(client.Select(c => c.Source.Name), Has.All.Not.EqualTo("AuditClient"));
            Assert.That(client.Select(c => c.ParentSpanId), Has.All.EqualTo(sdk.SpanId));
        }
    }

    [Test]
    public async Task Retries_after_a_reset_and_after_an_attempt_timeout_are_counted_with_their_error_type_and_operation()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().WithPath("/v1/task/t1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"task_id":"t1"}"""));
        using var clients = TestClients.For(server.Url, r => r.AttemptTimeout = TimeSpan.FromSeconds(1));
        var tasks = clients.Services.GetRequiredService<AuditClient.Scale.IScaleTasksApi>();
        using var capture = new Capture();

        server.ResetNext(1);
        await tasks.GetTaskAsync("t1");
        server.HangNext(1);
        await tasks.GetTaskAsync("t1");

        var retries = capture.Measurements("auditclient.retries");
        Assert.That(retries, Is.EquivalentTo(new[]
        {
            new Dictionary<string, object?> { ["auditclient.vendor"] = "scale", ["auditclient.operation"] = "scale.tasks.get", ["error.type"] = "transport_error" },
            new Dictionary<string, object?> { ["auditclient.vendor"] = "scale", ["auditclient.operation"] = "scale.tasks.get", ["error.type"] = "timeout" },
        }).Using<Dictionary<string, object?>>(SameTags));
    }

    [Test]
    public async Task A_write_whose_connection_is_reset_and_an_unreadable_success_have_their_error_types()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody("<html>not json</html>"));
        using var clients = TestClients.For(server.Url);
        var audits = clients.Services.GetRequiredService<AuditClient.Scale.IScaleAuditsApi>();
        using var capture = new Capture();

        server.ResetNext(1);
        await Assert.ThrowsAsync<AuditTransportException>(() => audits.CreateAuditAsync(Requests.ValidAudit()));
        await Assert.ThrowsAsync<AuditApiException>(() => audits.CreateAuditAsync(Requests.ValidAudit()));

        var types = capture.Measurements("auditclient.calls").Select(t => t.GetValueOrDefault("error.type")).ToList();
        Assert.That(types, Is.EquivalentTo(new[] { "transport_error", "invalid_response" }));
    }

    private static bool SameTags(Dictionary<string, object?> a, Dictionary<string, object?> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && Equals(Normal(kv.Value), Normal(v)));

    // Status codes are ints on both; anything else compares as text.
    private static object? Normal(object? value) => value is int or long ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture) : value;

    private static Dictionary<string, object?> Tags(Activity activity) =>
        activity.TagObjects.ToDictionary(t => t.Key, t => t.Value);

    /// <summary>Every measurement of the AuditClient meter and every span of the process, while it lives.</summary>
    private sealed class Capture : IDisposable
    {
        private readonly ConcurrentQueue<(string Instrument, Dictionary<string, object?> Tags)> _measurements = new();
        private readonly ConcurrentQueue<Activity> _spans = new();
        private readonly MeterListener _meters = new();
        private readonly ActivityListener _activities;

        public Capture()
        {
            _meters.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "AuditClient")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Add(instrument, tags));
            _meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Add(instrument, tags));
            _meters.Start();

            _activities = new ActivityListener
            {
                ShouldListenTo = source => source.Name is "AuditClient" or "System.Net.Http",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _spans.Enqueue,
            };
            ActivitySource.AddActivityListener(_activities);
        }

        public IReadOnlyList<Activity> Spans => [.. _spans];

        public IReadOnlyCollection<string> MeasurementNames => [.. _measurements.Select(m => m.Instrument).Distinct()];

        public List<Dictionary<string, object?>> Measurements(string instrument) =>
            [.. _measurements.Where(m => m.Instrument == instrument).Select(m => m.Tags)];

        public void Dispose()
        {
            _meters.Dispose();
            _activities.Dispose();
        }

        private void Add(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            _measurements.Enqueue((instrument.Name, copy));
        }
    }
}
