using AuditClient.Docs;
using AuditClient.Testing;

namespace AuditClient.Tests.Testing;

/// <summary>docs/testing.md's example test, verbatim (DocsTests compares them), so it is known to compile and pass.</summary>
public sealed class ReadmeExampleTests
{
    #region snippet: testing-example
    [Test]
    public async Task Reading_a_task_survives_a_rate_limit()
    {
        await using var fakes = await AuditFakes.StartAsync();
        fakes.Faults.Arm(FakeEndpoint.ScaleGetTask, FakeFault.TooManyRequests(TimeSpan.FromSeconds(1)));

        var task = await fakes.Clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId);

        Assert.That(task.TaskId, Is.EqualTo(ScaleFake.ExampleTaskId));
        Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleGetTask), Has.Count.EqualTo(2));
    }
    #endregion

    [Test]
    public void The_documented_example_test_stays_under_15_lines()
    {
        // DocsTests proves docs/testing.md shows this region; the point of the example is how little a test needs.
        Assert.That(DocSnippets.Region("testing-example").Split('\n'), Has.Length.LessThan(15));
    }
}
