using System.Text.RegularExpressions;

namespace AuditClient.Docs;

/// <summary>
/// The one mechanism that keeps the documentation's C# identical to code a test compiles and runs. Every
/// <c>```csharp</c> block of README.md and docs/*.md is preceded by <c>&lt;!-- snippet: NAME --&gt;</c>, and exactly one
/// <c>#region snippet: NAME</c> ... <c>#endregion</c> in the tests or samples holds the same code (compared without
/// its common indentation). The test that runs the region proves the code; DocsTests (in AuditClient.Tests) proves the
/// text, for the regions of every project under tests/ and samples/. Test projects that read the docs themselves
/// (AuditClient.Cli.Tests) compile this same file rather than a helper of their own.
/// </summary>
internal static partial class DocSnippets
{
    /// <summary>The repository root: the folder above the test binaries that holds AuditClient.sln.</summary>
    // From the test binaries, not [CallerFilePath]: a CI build maps source paths away.
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>README.md, CONTRIBUTING.md and every docs/*.md, as repository-relative paths with forward slashes.</summary>
    public static IReadOnlyList<string> Documents() =>
        new[] { "README.md", "CONTRIBUTING.md" }
            .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryRoot, "docs"), "*.md").Select(Relative).Order(StringComparer.Ordinal))
            .ToList();

    /// <summary>The text of a repository file, with LF line ends.</summary>
    public static string Read(string relativePath) =>
        File.ReadAllText(Path.Combine(RepositoryRoot, relativePath)).ReplaceLineEndings("\n");

    /// <summary>Every C# block (<c>```csharp</c>, <c>```cs</c>, <c>```c#</c>) of the documents, with the snippet name that precedes it (null if none).</summary>
    public static IReadOnlyList<DocBlock> Blocks() =>
        Documents().SelectMany(document =>
        {
            var text = Read(document);
            return CodeBlock().Matches(text).Select(m => new DocBlock(
                document,
                text[..m.Groups["code"].Index].Count(c => c == '\n') + 1,
                m.Groups["name"].Success ? m.Groups["name"].Value : null,
                m.Groups["code"].Value.TrimEnd('\n')));
        }).ToList();

    /// <summary>Every <c>#region snippet: NAME</c> of the tests and samples, dedented.</summary>
    public static IReadOnlyList<SourceSnippet> Regions() =>
        new[] { "tests", "samples" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, folder), "*.cs", SearchOption.AllDirectories))
            .Where(path => !IsBuildOutput(path))
            .Select(Relative)
            .Order(StringComparer.Ordinal)
            .SelectMany(file => Region().Matches(Read(file)).Select(m => new SourceSnippet(file, m.Groups["name"].Value.Trim(), Dedent(m.Groups["code"].Value))))
            .ToList();

    /// <summary>The code of the region <paramref name="name"/>, dedented; fails the test when there is none or several.</summary>
    public static string Region(string name)
    {
        var found = Regions().Where(r => r.Name == name).ToList();
        Assert.That(found, Has.Count.EqualTo(1), $"exactly one '#region snippet: {name}' in tests/ or samples/");
        return found[0].Code;
    }

    /// <summary>Removes the indentation common to every non-empty line, and leading and trailing empty lines.</summary>
    public static string Dedent(string code)
    {
        var lines = code.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[0].Length == 0)
        {
            lines.RemoveAt(0);
        }

        while (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        if (lines.Count == 0)
        {
            return string.Empty;
        }

        var indent = lines.Where(l => l.Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : string.Empty));
    }

    private static bool IsBuildOutput(string path)
    {
        var parts = Path.GetRelativePath(RepositoryRoot, path).Split(Path.DirectorySeparatorChar);
        return parts.Contains("bin") || parts.Contains("obj");
    }

    private static string Relative(string path) => Path.GetRelativePath(RepositoryRoot, path).Replace('\\', '/');

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AuditClient.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("AuditClient.sln not found above the test binaries.");
    }

    // The marker line, if any, must be the line right above the fence: a marker further up names nothing. Every info
    // string GitHub highlights as C# counts, so that a block cannot escape the check by being fenced ```cs.
    [GeneratedRegex(@"(?:^<!-- snippet: (?<name>[^>]+?) -->\n)?^```(?:csharp|cs|c#)[ \t]*\n(?<code>.*?)^```", RegexOptions.Singleline | RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"^[ \t]*#region snippet: (?<name>[^\n]+)\n(?<code>.*?)^[ \t]*#endregion", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Region();
}

/// <summary>A <c>```csharp</c> block of a document.</summary>
/// <param name="Document">The document, relative to the repository root.</param>
/// <param name="Line">The line of the block's first line of code.</param>
/// <param name="Name">The name of its <c>&lt;!-- snippet: NAME --&gt;</c> marker, or null.</param>
/// <param name="Code">The code, without its fences.</param>
internal sealed record DocBlock(string Document, int Line, string? Name, string Code)
{
    public override string ToString() => $"{Document}:{Line} ({Name ?? "no snippet marker"})";
}

/// <summary>A <c>#region snippet: NAME</c> of a source file.</summary>
/// <param name="File">The source file, relative to the repository root.</param>
/// <param name="Name">The snippet name.</param>
/// <param name="Code">The region's code, dedented.</param>
internal sealed record SourceSnippet(string File, string Name, string Code);
