using AuditClient.Testing;
using AuditClient.Tests.Testing;

namespace AuditClient.Tests.Lifecycle;

/// <summary>
/// Disposing the clients ends every call in flight as disposed (on the wire or waiting for the rate limiter), never as
/// a full queue or a timeout that a caller would try again; a write that had left says it may have taken effect; and
/// a call made afterwards is refused. Real sockets against the fakes, which hold every answer.
/// </summary>
public sealed class DisposalTests
{
    private const int OnTheWire = 10;
    private const int Calls = 100;

    [Test]
    public async Task Disposing_the_clients_ends_every_call_in_flight_as_disposed_and_refuses_later_calls()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var clients = fakes.CreateClients(o => o.Scale.Resilience.MaxConcurrentRequests = OnTheWire);
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.Delay(TimeSpan.FromMinutes(5)), times: Calls);
        fakes.Faults.Arm(FakeEndpoint.ScaleGetTask, FakeFault.Delay(TimeSpan.FromMinutes(5)), times: Calls);
        var audits = clients.ScaleAudits;
        var tasks = clients.ScaleTasks;

        // Writes take every slot and reach the fake, which holds them; the rest (writes and reads) wait for a slot.
        var leftFirst = Enumerable.Range(0, OnTheWire).Select(_ => (Task)audits.CreateAuditAsync(FakeHttp.SdkAudit())).ToList();
        await Until(() => fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit).Count == OnTheWire);
        var waiting = Enumerable.Range(0, Calls - OnTheWire)
            .Select(i => i % 2 == 0 ? (Task)audits.CreateAuditAsync(FakeHttp.SdkAudit()) : tasks.GetTaskAsync(ScaleFake.ExampleTaskId))
            .ToList();

        clients.Dispose();

        var sent = await Outcomes(leftFirst);
        var notSent = await Outcomes(waiting);
        using (Assert.EnterMultipleScope())
        {
            Assert.That(sent.Concat(notSent), Has.All.InstanceOf<ObjectDisposedException>(), "every call ends as disposed");
            Assert.That(sent.Concat(notSent).Select(e => e?.Message), Has.All.Contain("The clients were disposed"));
            Assert.That(sent.Select(e => e?.Message), Has.All.Contain("may have taken effect"), "the writes that had left");
            Assert.That(notSent.Select(e => e?.Message), Has.None.Contain("may have taken effect"), "the calls that had not left");
            Assert.That(fakes.Requests, Has.Count.EqualTo(OnTheWire), "nothing left once disposed, nothing looked up");
        }

        await Assert.ThatAsync(() => tasks.GetTaskAsync(ScaleFake.ExampleTaskId), Throws.InstanceOf<ObjectDisposedException>());
        await Assert.ThatAsync(() => audits.CreateAuditAsync(FakeHttp.SdkAudit()), Throws.InstanceOf<ObjectDisposedException>());
        Assert.That(() => clients.CloudFactory, Throws.InstanceOf<ObjectDisposedException>(), "a client not resolved before");
        Assert.That(fakes.Requests, Has.Count.EqualTo(OnTheWire), "a call after disposal sends nothing");
    }

    [Test]
    public async Task A_write_being_reconciled_when_the_clients_are_disposed_ends_disposed_with_the_write_in_doubt_and_its_token_inside()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var clients = fakes.CreateClients();
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerError());
        fakes.Faults.Arm(FakeEndpoint.ScaleListAudits, FakeFault.Delay(TimeSpan.FromMinutes(5)), times: 10);

        var create = clients.ScaleAudits.CreateAuditAsync(FakeHttp.SdkAudit());
        await Until(() => fakes.RequestsTo(FakeEndpoint.ScaleListAudits).Count == 1 || create.IsCompleted);
        clients.Dispose();

        var error = (await Outcomes([create])).Single();
        Assert.That(error, Is.InstanceOf<ObjectDisposedException>());
        var doubt = error!.InnerException as AuditApiException;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error.Message, Does.Contain("The clients were disposed").And.Contain("may have taken effect: token " + doubt?.ReconcileToken));
            Assert.That(doubt?.MayHaveTakenEffect, Is.True, "the write in doubt, inside");
            Assert.That(doubt?.ReconcileToken, Is.Not.Null.And.Not.Empty);
            Assert.That(doubt?.Message, Does.EndWith("may have taken effect: token " + doubt?.ReconcileToken + ". The clients were disposed before it could be looked up; look for the token before sending it again."));
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(1), "not sent again");
        }
    }

    private static async Task<List<Exception?>> Outcomes(IEnumerable<Task> calls)
    {
        var outcomes = new List<Exception?>();
        foreach (var call in calls)
        {
            // Generous: a call still running after this is a failure of its own, not a hang of the suite.
            var ended = await Task.WhenAny(call, Task.Delay(TimeSpan.FromSeconds(60)));
            outcomes.Add(ended == call ? call.Exception?.InnerException : new TimeoutException("still running"));
        }

        return outcomes;
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
