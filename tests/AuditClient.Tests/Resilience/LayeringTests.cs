using System.Text.RegularExpressions;
using AuditClient.Core.Http;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// One direction between the plumbing's layers: the HTTP layer (Core/Http: handlers, pipeline, the call path) uses the
/// error layer (Core/Errors: the exception family and how it is built), never the other way round, so that a call is
/// followed down and back without a step back. The error layer sees an answer, an exception and what the call path
/// tells it; it calls nothing of the HTTP layer.
/// </summary>
public sealed class LayeringTests
{
    [Test]
    public void No_file_of_the_error_layer_names_a_type_of_the_HTTP_layer()
    {
        var httpTypes = typeof(ApiCall).Assembly.GetTypes()
            .Where(t => t.Namespace == typeof(ApiCall).Namespace && !t.IsNested && !t.Name.Contains('<', StringComparison.Ordinal))
            .Select(t => t.Name.Split('`')[0])
            .Distinct()
            .ToList();
        Assert.That(httpTypes, Does.Contain(nameof(VendorRuntime)).And.Contain(nameof(RetryRules)).And.Contain(nameof(CallRecord)));

        var errors = Path.Combine(AuditClient.Docs.DocSnippets.RepositoryRoot, "src", "AuditClient", "Core", "Errors");
        var offenders = Directory.EnumerateFiles(errors, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => x.line.Contains("Core.Http", StringComparison.Ordinal)
                || httpTypes.Any(t => Regex.IsMatch(x.line, $@"\b{Regex.Escape(t)}\b")))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty);
    }
}
