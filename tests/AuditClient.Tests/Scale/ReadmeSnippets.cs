using System.Text.RegularExpressions;

namespace AuditClient.Tests.Scale;

/// <summary>
/// Keeps the README's code identical to code a test compiles and runs: a test marks a block with
/// <c>// README: name (begin)</c> and <c>// README: name (end)</c>, and the README must contain it, dedented.
/// </summary>
internal static partial class ReadmeSnippets
{
    public static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AuditClient.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("AuditClient.sln not found above the test directory.");
    }

    /// <summary>The block <paramref name="name"/> of a test file, without its common indentation.</summary>
    public static string Block(string testFile, string name)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryRoot(), testFile)).Replace("\r\n", "\n", StringComparison.Ordinal);
        var begin = $"// README: {name} (begin)\n";
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        Assert.That(from, Is.GreaterThanOrEqualTo(0), $"no README block '{name}' in {testFile}");
        from += begin.Length;
        var to = text.IndexOf($"// README: {name} (end)", from, StringComparison.Ordinal);
        var lines = text[from..to].TrimEnd(' ').Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    public static string Readme() =>
        File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

    /// <summary>The code blocks of the README, each without its fences.</summary>
    public static IReadOnlyList<string> ReadmeCodeBlocks() =>
        CodeBlock().Matches(Readme()).Select(m => m.Groups[1].Value).ToList();

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
