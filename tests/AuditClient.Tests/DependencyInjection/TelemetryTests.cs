using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.DependencyInjection;

[NonParallelizable]
public sealed class TelemetryTests
{
    [Test]
    public async Task A_call_is_counted_with_vendor_operation_and_status_and_traced_as_a_client_activity()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/t1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"task_id":"t1"}"""));
        server.Given(Request.Create().WithPath("/v1/task/gone").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithBody("""{"status_code":404,"error":"not found"}"""));
        using var clients = Loopback.Clients(server);

        var measurements = new ConcurrentBag<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var meterListener = new MeterListener();
        meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "AuditClient")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var copy = new Dictionary<string, object?>();
            foreach (var tag in tags)
            {
                copy[tag.Key] = tag.Value;
            }

            measurements.Add((instrument.Name, value, copy));
        });
        meterListener.Start();

        var activities = new ConcurrentBag<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "AuditClient",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(activityListener);

        await clients.ScaleTasks.GetTaskAsync("t1");
        await Assert.ThrowsAsync<AuditNotFoundException>(() => clients.ScaleTasks.GetTaskAsync("gone"));

        var calls = measurements.Where(m => m.Instrument == "auditclient.calls").ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(calls.Count(m => Equals(m.Tags["status"], "ok") && Equals(m.Tags["operation"], "scale.tasks.get") && Equals(m.Tags["vendor"], "scale")), Is.EqualTo(1));
            Assert.That(calls.Count(m => Equals(m.Tags["status"], "404")), Is.EqualTo(1));
            Assert.That(measurements.Count(m => m.Instrument == "auditclient.failures"), Is.EqualTo(1));
            Assert.That(activities.Count(a => a.OperationName == "scale.tasks.get" && a.Kind == ActivityKind.Client), Is.EqualTo(2));
            Assert.That(activities.Count(a => a.Status == ActivityStatusCode.Error), Is.EqualTo(1));
        }
    }

    [Test]
    public async Task Retries_after_a_reset_and_after_an_attempt_timeout_are_counted_with_the_documented_statuses()
    {
        using var server = AuditClient.Tests.Resilience.FaultServer.Start();
        server.Server.Given(Request.Create().WithPath("/v1/task/t1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"task_id":"t1"}"""));
        using var clients = AuditClient.Tests.Resilience.TestClients.For(server.Url, r => r.AttemptTimeout = TimeSpan.FromSeconds(1));
        var tasks = clients.Services.GetRequiredService<AuditClient.Scale.IScaleTasksApi>();

        var statuses = new ConcurrentBag<string?>();
        using var meterListener = new MeterListener();
        meterListener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == "AuditClient" && instrument.Name == "auditclient.retries")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meterListener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == "status")
                {
                    statuses.Add(tag.Value as string);
                }
            }
        });
        meterListener.Start();

        server.ResetNext(1);
        await tasks.GetTaskAsync("t1");
        server.HangNext(1);
        await tasks.GetTaskAsync("t1");

        Assert.That(statuses, Is.EquivalentTo(new[] { "transport_error", "timeout" }));
    }
}
