using System.Text.RegularExpressions;
using System.Xml.Linq;
using AuditClient.Docs;

namespace AuditClient.Tests.Docs;

/// <summary>
/// README.md and docs/*.md say only what the code does: every C# block is the text of a snippet region that a test
/// compiles and runs (see <see cref="DocSnippets"/>), and every link leads somewhere, also from the package pages.
/// </summary>
public sealed partial class DocsTests
{
    private const string Repository = "https://github.com/auditclient/auditclient/blob/main/";

    private static IEnumerable<TestCaseData> CodeBlocks() =>
        DocSnippets.Blocks().Select(b => new TestCaseData(b.Document, b.Line).SetArgDisplayNames($"{b.Document}:{b.Line}"));

    [TestCaseSource(nameof(CodeBlocks))]
    public void A_csharp_block_is_the_code_of_a_snippet_region_a_test_runs(string document, int line)
    {
        var block = DocSnippets.Blocks().Single(b => b.Document == document && b.Line == line);
        Assert.That(block.Name, Is.Not.Null,
            $"{block}: put <!-- snippet: NAME --> on the line above the fence, and the same code in a '#region snippet: NAME' of the test that runs it");
        var sources = DocSnippets.Regions().Where(r => r.Name == block.Name).ToList();
        Assert.That(sources.Select(s => s.File).ToList(), Has.Count.EqualTo(1), $"{block}: exactly one '#region snippet: {block.Name}' in tests/ or samples/");
        Assert.That(block.Code, Is.EqualTo(sources[0].Code), $"{block} differs from the region in {sources[0].File}");
    }

    [Test]
    public void The_docs_have_csharp_blocks_and_every_one_names_its_snippet()
    {
        var blocks = DocSnippets.Blocks();

        Assert.That(blocks.Where(b => b.Document == "README.md"), Is.Not.Empty);
        Assert.That(blocks.Where(b => b.Name is null).Select(b => b.ToString()), Is.Empty);
    }

    [Test]
    public void Every_snippet_region_is_shown_in_the_docs()
    {
        var shown = DocSnippets.Blocks().Select(b => b.Name).ToHashSet();

        var unused = DocSnippets.Regions().Where(r => !shown.Contains(r.Name)).Select(r => $"{r.File}: {r.Name}");

        Assert.That(unused, Is.Empty, "a snippet region no document shows: show it or drop the marker");
    }

    [Test]
    public void The_readme_starts_with_a_complete_quickstart_program()
    {
        var first = DocSnippets.Blocks().First(b => b.Document == "README.md");

        Assert.That(first.Name, Is.EqualTo("quickstart"));
        Assert.That(first.Code, Does.StartWith("using AuditClient;\n"));
        Assert.That(first.Code, Does.Contain("AuditFakes.StartAsync("), "it runs against the fakes as written");
    }

    private static IEnumerable<TestCaseData> Documents() =>
        DocSnippets.Documents().Select(d => new TestCaseData(d).SetArgDisplayNames(d));

    [TestCaseSource(nameof(Documents))]
    public void Every_link_of_a_document_leads_to_a_file_and_heading_of_the_repository(string document)
    {
        var broken = new List<string>();
        foreach (var link in Links(DocSnippets.Read(document)))
        {
            if (link.StartsWith(Repository, StringComparison.Ordinal))
            {
                Check(link[Repository.Length..], fromFolder: "", link);
            }
            else if (!link.Contains("://", StringComparison.Ordinal) && !link.StartsWith("mailto:", StringComparison.Ordinal))
            {
                Check(link, fromFolder: Path.GetDirectoryName(document) ?? "", link);
            }
        }

        Assert.That(broken, Is.Empty, $"links of {document} that lead nowhere");

        void Check(string target, string fromFolder, string link)
        {
            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var path = hash < 0 ? target : target[..hash];
            var file = path.Length == 0 ? document : Path.GetRelativePath(DocSnippets.RepositoryRoot, Path.GetFullPath(Path.Combine(DocSnippets.RepositoryRoot, fromFolder, path)));
            var full = Path.Combine(DocSnippets.RepositoryRoot, file);
            if (!File.Exists(full) && !Directory.Exists(full))
            {
                broken.Add($"{link}: no file {file}");
            }
            else if (hash >= 0 && (!file.EndsWith(".md", StringComparison.Ordinal) || !Anchors(DocSnippets.Read(file)).Contains(target[(hash + 1)..])))
            {
                broken.Add($"{link}: no heading #{target[(hash + 1)..]} in {file}");
            }
        }
    }

    [Test]
    public void The_readme_packed_into_the_packages_has_only_absolute_links()
    {
        var relative = Links(DocSnippets.Read("README.md")).Where(l => !l.StartsWith("https://", StringComparison.Ordinal));

        Assert.That(relative, Is.Empty, "a package page resolves no relative link: write " + Repository + "...");
    }

    [Test]
    public void Every_package_packs_the_readme_of_the_repository_root()
    {
        var projects = Directory.EnumerateFiles(Path.Combine(DocSnippets.RepositoryRoot, "src"), "*.csproj", SearchOption.AllDirectories)
            .Select(p => (Path: p, Xml: XDocument.Load(p)))
            .Where(p => p.Xml.Descendants("IsPackable").Any(e => e.Value == "true"))
            .ToList();

        Assert.That(projects, Has.Count.GreaterThanOrEqualTo(4));
        foreach (var (path, xml) in projects)
        {
            Assert.That(xml.Descendants("PackageReadmeFile").Single().Value, Is.EqualTo("README.md"), path);
            var packed = xml.Descendants("None").Where(e => (string?)e.Attribute("Pack") == "true" && ((string?)e.Attribute("Include"))!.EndsWith("README.md", StringComparison.Ordinal));
            Assert.That(
                packed.Select(e => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, (string)e.Attribute("Include")!))),
                Is.EqualTo(new[] { Path.Combine(DocSnippets.RepositoryRoot, "README.md") }),
                $"{path} packs the README whose links the test above checks");
        }
    }

    // Inline links [text](target) and reference definitions [label]: target; code spans and blocks are not links.
    private static IEnumerable<string> Links(string markdown)
    {
        var prose = Fenced().Replace(markdown, string.Empty);
        prose = CodeSpan().Replace(prose, string.Empty);
        return InlineLink().Matches(prose).Select(m => m.Groups["target"].Value)
            .Concat(ReferenceLink().Matches(prose).Select(m => m.Groups["target"].Value));
    }

    // GitHub's heading ids: lower case, punctuation other than '-' and '_' dropped, spaces as '-'.
    private static HashSet<string> Anchors(string markdown) =>
        Heading().Matches(Fenced().Replace(markdown, string.Empty))
            .Select(m => string.Concat(m.Groups["title"].Value.Trim().ToLowerInvariant()
                .Where(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')).Replace(' ', '-'))
            .ToHashSet();

    [GeneratedRegex(@"^```.*?^```", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Fenced();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)(?:\s+""[^""]*"")?\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^\[[^\]]+\]:\s*(?<target>\S+)", RegexOptions.Multiline)]
    private static partial Regex ReferenceLink();

    [GeneratedRegex(@"^#{1,6} (?<title>.+)$", RegexOptions.Multiline)]
    private static partial Regex Heading();
}
