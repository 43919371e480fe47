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

    [Test]
    public void The_readme_shows_the_example_test_verbatim_in_under_15_lines()
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AuditClient.sln")))
        {
            root = root.Parent;
        }

        Assert.That(root, Is.Not.Null, "the repository root (with AuditClient.sln) is above the test output");
        var readme = File.ReadAllText(Path.Combine(root!.FullName, "README.md")).ReplaceLineEndings("\n");
        var source = File.ReadAllLines(Path.Combine(root.FullName, "tests", "AuditClient.Tests", "Testing", "ReadmeExampleTests.cs"));

        var section = readme[readme.IndexOf("### Testing your code without live keys", StringComparison.Ordinal)..];
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var snippet = section[start..section.IndexOf("```", start, StringComparison.Ordinal)].TrimEnd('\n').Split('\n');
        var first = Array.IndexOf(source, "    [Test]");
        var last = Array.IndexOf(source, "    }", first);
        var test = source[first..(last + 1)].Select(line => line.Length >= 4 ? line[4..] : line).ToArray();

        Assert.That(snippet, Is.EqualTo(test));
        Assert.That(snippet, Has.Length.LessThan(15));
    }
}
