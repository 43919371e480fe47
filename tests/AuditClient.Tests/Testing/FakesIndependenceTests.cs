using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using AuditClient.CloudFactory;
using AuditClient.Core.Wire;
using AuditClient.Scale;
using AuditClient.Testing;

namespace AuditClient.Tests.Testing;

/// <summary>
/// The fakes imitate the vendors' documents, never the SDK: AuditClient.Testing may use the SDK only to hand out
/// clients (<see cref="AuditFakes.Clients"/>), never its models, validation or rules; the wire values both sides share
/// come from the linked wire files (Scale/ScaleWire.cs, CloudFactory/CloudFactoryWire.cs), whose values must match the SDK's known values.
/// </summary>
public sealed class FakesIndependenceTests
{
    // What AuditFakes.CreateClients needs: the client factory and its options. Nothing that judges or models a payload.
    private static readonly string[] AllowedSdkTypes =
    [
        "AuditClient.AuditClients",
        "AuditClient.AuditClientOptions",
        "AuditClient.VendorResilienceOptions",
        "AuditClient.ScaleOptions",
        "AuditClient.CloudFactoryOptions",
        "AuditClient.VendorOptions",
    ];

    [Test]
    public void The_testing_assembly_references_no_sdk_type_but_the_client_factory_and_its_options()
    {
        var referenced = SdkTypesReferencedBy(typeof(AuditFakes).Assembly);

        Assert.That(referenced, Does.Contain("AuditClient.AuditClients"), "the scan sees the SDK references it should");
        Assert.That(referenced.Except(AllowedSdkTypes), Is.Empty, "AuditClient.Testing must not use the SDK's models, validation or rules");
    }

    [Test]
    public void No_source_of_the_fakes_imports_the_sdks_vendor_or_validation_namespaces()
    {
        var root = RepositoryRoot();
        var sources = Directory.GetFiles(Path.Combine(root, "src", "AuditClient.Testing"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var forbidden = new[] { "using AuditClient.Scale", "using AuditClient.CloudFactory", "using AuditClient.Core.Validation", ".Validate()", "AuditClientJson" };

        var offending = sources
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(root, f), Line: i + 1, Text: line)))
            .Where(l => forbidden.Any(word => l.Text.Contains(word, StringComparison.Ordinal)))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.That(offending, Is.Empty);
    }

    [Test]
    public void The_shared_wire_values_are_the_sdks_known_values()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(ScaleWire.Categories, Is.EquivalentTo(Known<FeedbackItemCategory>()));
            Assert.That(ScaleWire.ItemTypes, Is.EquivalentTo(Known<FeedbackItemType>()));
            Assert.That(ScaleWire.Severities, Is.EquivalentTo(Known<FeedbackItemSeverity>()));
            Assert.That(ScaleWire.ItemStates, Is.EquivalentTo(Known<FeedbackItemState>()));
            Assert.That(ScaleWire.FixlessAuditResults, Is.EquivalentTo(Known<FixlessAuditResult>()));
            Assert.That(new FixlessAuditCreate().Type, Is.EqualTo(ScaleWire.FixlessAuditType));
            Assert.That(new FeedbackItemInterval().Type, Is.EqualTo(ScaleWire.IntervalFrameRange));
            Assert.That(Known<FixlessAuditSource>(), Does.Contain(ScaleWire.SourceApi));
            Assert.That(ScaleWire.ScopeTypes, Is.EquivalentTo(new[]
            {
                ScopeType<FeedbackItemScopeAnnotation>(), ScopeType<FeedbackItemScopePolygon>(), ScopeType<FeedbackItemScopePoint>(), ScopeType<FeedbackItemScopeScene>(),
            }));
            Assert.That(ScaleWire.MaxTaskPageSize, Is.EqualTo(ScaleTaskQueryRules.MaxLimit));
            Assert.That(CloudFactoryWire.ReviewTypes, Is.EquivalentTo(Known<ReviewType>()));
        }
    }

    /// <summary>The full names of the SDK (AuditClient.dll) types the assembly's metadata refers to.</summary>
    internal static HashSet<string> SdkTypesReferencedBy(Assembly assembly)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var metadata = pe.GetMetadataReader();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var handle in metadata.TypeReferences)
        {
            var (scope, name) = Resolve(metadata, handle);
            if (scope is { Kind: HandleKind.AssemblyReference }
                && metadata.GetString(metadata.GetAssemblyReference((AssemblyReferenceHandle)scope.Value).Name) == "AuditClient")
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static (EntityHandle? Scope, string Name) Resolve(MetadataReader metadata, TypeReferenceHandle handle)
    {
        var type = metadata.GetTypeReference(handle);
        var name = metadata.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            var (scope, outer) = Resolve(metadata, (TypeReferenceHandle)type.ResolutionScope);
            return (scope, outer + "+" + name);
        }

        var ns = metadata.GetString(type.Namespace);
        return (type.ResolutionScope.IsNil ? null : type.ResolutionScope, ns.Length == 0 ? name : ns + "." + name);
    }

    private static IEnumerable<string> Known<T>() => typeof(T)
        .GetProperties(BindingFlags.Public | BindingFlags.Static)
        .Where(p => p.PropertyType == typeof(T))
        .Select(p => p.GetValue(null)!.ToString()!);

    // Each scope class names its own discriminator; no instance state is needed to read it.
    private static string ScopeType<T>()
        where T : FeedbackItemScope => ((T)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(T))).Type;

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "AuditClient.sln")))
        {
            root = root.Parent;
        }

        return root?.FullName ?? throw new AssertionException("the repository root (with AuditClient.sln) is above the test output");
    }
}
