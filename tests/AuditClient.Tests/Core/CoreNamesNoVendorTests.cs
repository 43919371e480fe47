namespace AuditClient.Tests.Core;

/// <summary>
/// The shared plumbing (src/AuditClient/Core) knows vendors only through their profiles: a vendor's name in it, even
/// in a comment, is a piece of that vendor living outside its folder.
/// </summary>
public sealed class CoreNamesNoVendorTests
{
    [Test]
    public void No_file_under_Core_names_a_vendor()
    {
        var core = Path.Combine(AuditClient.Docs.DocSnippets.RepositoryRoot, "src", "AuditClient", "Core");
        var vendorNames = VendorCatalog.All.SelectMany(v => new[] { v.Vendor.ToString(), v.Tag }).Distinct().ToList();
        Assert.That(vendorNames, Has.Count.GreaterThanOrEqualTo(2));

        var offenders = Directory.EnumerateFiles(core, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => vendorNames.Any(n => x.line.Contains(n, StringComparison.OrdinalIgnoreCase)))
            .Select(x => $"{Path.GetRelativePath(core, x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty);
    }
}
