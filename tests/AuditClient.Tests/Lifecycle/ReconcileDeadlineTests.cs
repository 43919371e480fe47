using System.Net;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace AuditClient.Tests.Lifecycle;

/// <summary>
/// TotalTimeout bounds a reconciled write as a whole (its sends, look-ups, waits and resends), and a write it ends in
/// doubt is handed back with its token. Real sockets against the fakes; outcomes and request counts, never durations.
/// </summary>
public sealed class ReconcileDeadlineTests
{
    [Test]
    public async Task A_stalled_create_ends_at_its_total_timeout_in_doubt_with_its_token_and_no_look_up_or_resend()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = Clients(fakes, time, o =>
        {
            // The attempt's own timeout is far longer: only the total one can end the stalled send.
            o.Scale.Resilience.TotalTimeout = TimeSpan.FromSeconds(15);
            o.Scale.Resilience.AttemptTimeout = TimeSpan.FromDays(1);
            o.Scale.ReconcileDelay = TimeSpan.Zero;
        });
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.Delay(TimeSpan.FromMinutes(5)), times: 10);

        var create = provider.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(FakeHttp.SdkAudit());
        await Until(() => fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit).Count == 1 || create.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(15));
        await Task.WhenAny(create, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.That(create.IsCompleted, Is.True, "the create ended once its total timeout was spent");
        var error = await Assert.ThrowsAsync<AuditTimeoutException>(() => create);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.MayHaveTakenEffect, Is.True);
            Assert.That(error.ReconcileToken, Is.Not.Null.And.Not.Empty);
            Assert.That(error.Message, Does.Contain("may have taken effect: token " + error.ReconcileToken));
            Assert.That(error.Message, Does.Contain("total timeout of 15 s ran out"));
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1), "sent once");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Is.Empty, "no look-up once the time is spent");
        }
    }

    [Test]
    public async Task A_look_up_stalled_until_the_total_timeout_ends_the_write_in_doubt_saying_its_time_ran_out_while_it_was_looked_up()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = Clients(fakes, time, o =>
        {
            o.Scale.Resilience.TotalTimeout = TimeSpan.FromSeconds(15);
            o.Scale.Resilience.AttemptTimeout = TimeSpan.FromDays(1);
            o.Scale.ReconcileDelay = TimeSpan.Zero;
        });
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerError());
        fakes.Faults.Arm(FakeEndpoint.ScaleListAudits, FakeFault.Delay(TimeSpan.FromMinutes(5)), times: 10);

        var create = provider.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(FakeHttp.SdkAudit());
        await Until(() => fakes.RequestsTo(FakeEndpoint.ScaleListAudits).Count == 1 || create.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(15));
        await Task.WhenAny(create, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.That(create.IsCompleted, Is.True, "the look-up ended once the total timeout was spent");
        var error = await Assert.ThrowsAsync<AuditApiException>(() => create);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError), "the write's own answer");
            Assert.That(error.MayHaveTakenEffect, Is.True);
            Assert.That(error.Message, Does.EndWith("The request may have taken effect: token " + error.ReconcileToken + ". Its total timeout of 15 s ran out while it was being looked up; look for the token before sending it again."));
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1), "not sent again");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Has.Count.EqualTo(1), "the look-up is not repeated once the time is spent");
        }
    }

    [Test]
    public async Task A_propagation_wait_longer_than_what_is_left_of_the_total_timeout_is_not_begun()
    {
        await using var fakes = await AuditFakes.StartAsync();

        // Fake time: nothing advances it, so a wait that is begun never ends (and the test fails below instead of
        // hanging); the timeouts run on it too, and no stall reaches them.
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var provider = Clients(fakes, time, o =>
        {
            o.Scale.Resilience.TotalTimeout = TimeSpan.FromSeconds(15);
            o.Scale.ReconcileDelay = TimeSpan.FromHours(1);
        });
        var audits = provider.GetRequiredService<IScaleAuditsApi>();
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerError());

        var create = audits.CreateAuditAsync(FakeHttp.SdkAudit());
        await Task.WhenAny(create, Task.Delay(TimeSpan.FromSeconds(60)));

        Assert.That(create.IsCompleted, Is.True, "the create ended without the hour's wait");
        var error = await Assert.ThrowsAsync<AuditApiException>(() => create);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError), "the write's own answer");
            Assert.That(error.MayHaveTakenEffect, Is.True);
            Assert.That(error.ReconcileToken, Is.Not.Null.And.Not.Empty);
            Assert.That(error.Message, Does.Contain("may have taken effect: token " + error.ReconcileToken));
            Assert.That(error.Message, Does.Contain("total timeout of 15 s leaves no time to wait 3600 s"));
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1), "not sent again");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Has.Count.EqualTo(1), "looked up once");
        }
    }

    // Scale's clients on the fake clock, which only the test moves.
    private static ServiceProvider Clients(AuditFakes fakes, TimeProvider time, Action<AuditClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = fakes.ScaleApiKey;
            o.Scale.BaseAddress = fakes.BaseAddress;
            Support.FastRetries.Apply(o.Scale.Resilience);
            configure(o);
        });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    // Polls real time for a condition the SDK reaches on its own; generous, and not a timing assertion.
    private static async Task Until(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail("The condition was not reached within 60 s.");
            }

            await Task.Delay(20);
        }
    }
}
