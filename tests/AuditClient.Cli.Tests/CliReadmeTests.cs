using AuditClient.Docs;

namespace AuditClient.Cli.Tests;

/// <summary>docs/cli.md's `validate` transcripts are what the tool prints (on standard error: validate prints no data) for the files in samples/cli.</summary>
public sealed class CliReadmeTests
{
    private const string Prompt = "$ auditclient ";

    private static IEnumerable<TestCaseData> Transcripts()
    {
        var lines = DocSnippets.Read("docs/cli.md").Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(Prompt + "validate ", StringComparison.Ordinal))
            {
                continue;
            }

            var shown = lines.Skip(i + 1).TakeWhile(l => !l.StartsWith("$ ", StringComparison.Ordinal) && !l.StartsWith("```", StringComparison.Ordinal));
            yield return new TestCaseData(lines[i][Prompt.Length..], string.Join('\n', shown)).SetArgDisplayNames(lines[i][Prompt.Length..]);
        }
    }

    [TestCaseSource(nameof(Transcripts))]
    public async Task The_documented_validate_output_is_what_the_tool_prints(string command, string shown)
    {
        // Paths as the docs write them, from the root of a clone; the tool prints them as given.
        var root = DocSnippets.RepositoryRoot + Path.DirectorySeparatorChar;
        var args = command.Split(' ').Select(a => a.StartsWith("samples/", StringComparison.Ordinal) ? root + a : a).ToArray();

        var run = await Cli.RunAsync(args);

        Assert.That(string.Join('\n', run.ErrorLines).Replace(root, string.Empty, StringComparison.Ordinal), Is.EqualTo(shown), run.ToString());
    }

    [Test]
    public void The_docs_show_validate_transcripts()
    {
        Assert.That(Transcripts().Count(), Is.GreaterThanOrEqualTo(3));
    }
}
