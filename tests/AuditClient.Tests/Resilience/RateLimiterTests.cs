using System.Diagnostics;
using AuditClient.Core.Http;
using AuditClient.Scale;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// The client-side rate limiter keeps every one-second window, aligned or not, within RequestsPerSecond. Alone: the
/// limiter's timing must not compete with other tests for the two cores.
/// </summary>
[NonParallelizable]
public sealed class RateLimiterTests
{
    private const int Rate = 20;

    [Test]
    public async Task Under_five_times_the_rate_of_concurrent_calls_no_one_second_window_at_the_server_exceeds_the_rate()
    {
        using var server = FaultServer.Start();
        server.Server.Given(Request.Create().WithPath($"/v1/task/{Requests.TaskId}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Answers.Task));
        server.Server.Given(Request.Create().WithPath("/v1/audits/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(Answers.AuditList));
        server.Server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(Answers.Audit));

        // Another client runs the code paths once: compiling them would delay the first requests far more than any
        // network does. The measured client starts cold all the same: no connection open, its limiter untouched.
        using (var warm = TestClients.For(server.Url))
        {
            await Task.WhenAll(Calls(warm.Services, 18));
            await LoggedAsync(server, 18);
            server.Server.ResetLogEntries();
        }

        using var clients = TestClients.For(server.Url, r => r.RequestsPerSecond = Rate);
        var calls = Calls(clients.Services, 5 * Rate);
        await Task.WhenAll(calls);

        await LoggedAsync(server, calls.Count);
        var arrivals = server.Server.LogEntries.Select(e => e.RequestMessage.DateTime).Order().ToList();
        Assert.That(arrivals, Has.Count.EqualTo(5 * Rate));
        Assert.That(Busiest(arrivals, TimeSpan.FromSeconds(1)), Is.LessThanOrEqualTo(Rate));
    }

    [Test]
    public void A_call_the_window_refuses_gives_its_concurrency_slot_back_and_a_granted_one_holds_it_until_disposed()
    {
        var slot = new System.Threading.RateLimiting.ConcurrencyLimiter(new() { PermitLimit = 1, QueueLimit = 0 });
        var window = VendorRuntime.CreateWindowLimiter(1, 0);
        using var limiter = new SequentialLimiter(slot, window);

        using (var granted = limiter.AttemptAcquire())
        {
            Assert.That(granted.IsAcquired, Is.True);
            Assert.That(slot.GetStatistics()!.CurrentAvailablePermits, Is.Zero, "held while the call runs");
        }

        Assert.That(slot.GetStatistics()!.CurrentAvailablePermits, Is.EqualTo(1), "given back with the lease");

        // The window's one permit is spent: refused there, the slot taken first must not stay taken.
        using (var refused = limiter.AttemptAcquire())
        {
            Assert.That(refused.IsAcquired, Is.False);
        }

        Assert.That(slot.GetStatistics()!.CurrentAvailablePermits, Is.EqualTo(1));
    }

    [Test]
    public void Disposing_the_limiter_disposes_the_window_inside_it_so_its_replenishment_timer_stops()
    {
        var window = VendorRuntime.CreateWindowLimiter(10, 0);
        var limiter = VendorRuntime.CreateRateLimiter(new VendorResilienceOptions(), window);

        limiter.Dispose();

        Assert.That(() => window.AttemptAcquire(), Throws.TypeOf<ObjectDisposedException>());
    }

    [Test]
    public async Task The_limiter_itself_never_grants_more_than_the_rate_in_any_one_second_window_nor_in_a_slightly_longer_one()
    {
        // The worst start for a window limiter: a full burst at the very end of a segment, then saturation. The first
        // burst is granted synchronously (its times are exact); later grants can only be observed late, which never
        // makes a window look fuller than it was.
        using var limiter = VendorRuntime.CreateRateLimiter(new VendorResilienceOptions { RequestsPerSecond = Rate, MaxConcurrentRequests = 1000 });
        await Task.Delay(VendorRuntime.Window / VendorRuntime.WindowSegments * 0.9);

        var grants = new List<DateTime>();
        var pending = Enumerable.Range(0, 4 * Rate).Select(async _ =>
        {
            using var lease = await limiter.AcquireAsync(1);
            var now = DateTime.UtcNow;
            Assert.That(lease.IsAcquired, Is.True);
            lock (grants)
            {
                grants.Add(now);
            }
        }).ToList();
        await Task.WhenAll(pending);

        List<DateTime> sorted = [.. grants.Order()];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(Busiest(sorted, TimeSpan.FromSeconds(1)), Is.LessThanOrEqualTo(Rate));

            // Half the allowance for requests that travel longer than others (all of it is the exact worst case).
            Assert.That(Busiest(sorted, TimeSpan.FromSeconds(1) + (VendorRuntime.ArrivalJitterAllowance / 2)), Is.LessThanOrEqualTo(Rate));
        }
    }

    /// <summary>Three Scale endpoints through two interfaces, all started at once: they share the vendor's one limiter.</summary>
    private static List<Task> Calls(IServiceProvider services, int count)
    {
        var tasks = services.GetRequiredService<IScaleTasksApi>();
        var audits = services.GetRequiredService<IScaleAuditsApi>();
        return
        [
            .. Enumerable.Range(0, count).Select(i => (i % 3) switch
            {
                0 => (Task)tasks.GetTaskAsync(Requests.TaskId),
                1 => audits.ListAuditsAsync(taskId: Requests.TaskId),
                _ => audits.CreateAuditAsync(Requests.ValidAudit()),
            }),
        ];
    }

    /// <summary>WireMock logs a request once its answer is written, which may lag behind the call's completion.</summary>
    private static async Task LoggedAsync(FaultServer server, int count)
    {
        for (var i = 0; i < 400 && server.Server.LogEntries.Count() < count; i++)
        {
            await Task.Delay(25);
        }
    }

    /// <summary>The most timestamps in any window [t, t + length) that starts at one of them: the busiest windows do.</summary>
    private static int Busiest(IReadOnlyList<DateTime> sorted, TimeSpan length)
    {
        var busiest = 0;
        var end = 0;
        for (var start = 0; start < sorted.Count; start++)
        {
            while (end < sorted.Count && sorted[end] - sorted[start] < length)
            {
                end++;
            }

            busiest = Math.Max(busiest, end - start);
        }

        return busiest;
    }
}
