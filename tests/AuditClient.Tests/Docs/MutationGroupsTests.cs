using System.Text.Json;
using AuditClient.Docs;

namespace AuditClient.Tests.Docs;

/// <summary>
/// The mutation-testing groups of tests/mutation.sh (CONTRIBUTING.md) stay meaningful when code moves: every group
/// names files that exist, keeps the bar, and is the one CONTRIBUTING.md describes.
/// </summary>
public sealed class MutationGroupsTests
{
    private static string GroupsFolder => Path.Combine(DocSnippets.RepositoryRoot, "tests", "mutation");

    private static IEnumerable<TestCaseData> Groups() =>
        Directory.EnumerateFiles(GroupsFolder, "*.json").Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileNameWithoutExtension(f)).SetArgDisplayNames(Path.GetFileNameWithoutExtension(f)));

    [Test]
    public void The_groups_cover_the_guarantee_code_and_the_rules()
    {
        var names = Groups().Select(g => (string)g.Arguments[0]!).ToList();

        Assert.That(names, Is.SupersetOf(new[] { "reconcile-journal", "errors-retries", "bulk", "redaction", "scope", "rules" }));
    }

    [TestCaseSource(nameof(Groups))]
    public void A_group_mutates_files_that_exist_at_a_bar_of_at_least_90_percent(string group)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(GroupsFolder, group + ".json")));
        var root = json.RootElement;
        var files = root.GetProperty("mutate").EnumerateArray().Select(e => e.GetString()!).ToList();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(root.GetProperty("description").GetString(), Is.Not.Empty);
            Assert.That(root.GetProperty("bar").GetInt32(), Is.GreaterThanOrEqualTo(90));
            Assert.That(files, Is.Not.Empty);
            Assert.That(
                files.Where(f => !File.Exists(Path.Combine(DocSnippets.RepositoryRoot, "src", "AuditClient", f))),
                Is.Empty,
                "files that moved: name where the code went, so the group keeps guarding it");
            Assert.That(TestFolders(root), Is.Not.Empty, "a group names the tests that guard it");
            Assert.That(
                TestFolders(root).Where(t => !Directory.Exists(TestPath(t)) && !File.Exists(TestPath(t) + ".cs")),
                Is.Empty,
                "tests (a folder or a class under AuditClient.Tests) that do not exist: the group would run no test there");
        }
    }

    private static string TestPath(string test) =>
        Path.Combine(DocSnippets.RepositoryRoot, "tests", "AuditClient.Tests", test.Replace('.', '/'));

    private static IEnumerable<string> TestFolders(JsonElement group) =>
        group.TryGetProperty("tests", out var tests) ? tests.EnumerateArray().Select(e => e.GetString()!) : [];

    [TestCaseSource(nameof(Groups))]
    public void Contributing_lists_a_group_with_its_files(string group)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(GroupsFolder, group + ".json")));
        var row = DocSnippets.Read("CONTRIBUTING.md").Split('\n').SingleOrDefault(l => l.StartsWith($"| `{group}` |", StringComparison.Ordinal));

        Assert.That(row, Is.Not.Null, $"CONTRIBUTING.md's table of groups has no row for {group}");
        foreach (var file in json.RootElement.GetProperty("mutate").EnumerateArray().Select(e => e.GetString()!))
        {
            Assert.That(row, Does.Contain($"`{file}`"), $"the row of {group} names {file}");
        }
    }
}
