using AuditClient.Testing;

namespace AuditClient.Tests.Testing;

/// <summary>The README's "Testing your code without live keys" example, verbatim, so it is known to compile and pass.</summary>
public sealed class ReadmeExampleTests
{
    [Test]
    public async Task Reading_a_task_survives_a_rate_limit()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.ScaleGetTask, FakeFault.TooManyRequests(TimeSpan.FromSeconds(1)));

        var task = await fakes.Clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId);

        Assert.That(task.TaskId, Is.EqualTo(ScaleFake.ExampleTaskId));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleGetTask), Has.Count.EqualTo(2));
    }
}
