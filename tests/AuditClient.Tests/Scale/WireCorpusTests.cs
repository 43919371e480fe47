using System.Text;
using System.Text.Json;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Scale;

/// <summary>
/// Every payload of <c>WireCorpus/&lt;model&gt;/*.json</c> (legal but awkward JSON for each request and response model:
/// numbers as floats, unknown fields at every level, every scope shape with its <c>type</c> anywhere, unknown enum
/// values, nulls, empty arrays, one-element comment arrays, bodies larger than the serializer's buffer) reads from a
/// string and from a stream, and is written back with no field, shape or digit lost. Adding a payload is adding a file.
/// </summary>
public sealed class WireCorpusTests
{
    /// <summary>The corpus folders and the model each one holds.</summary>
    internal static readonly IReadOnlyDictionary<string, Type> Models = new Dictionary<string, Type>
    {
        ["FixlessAudit"] = typeof(FixlessAudit),
        ["FixlessAuditList"] = typeof(List<FixlessAudit>),
        ["FixlessAuditCreate"] = typeof(FixlessAuditCreate),
        ["FeedbackItemScope"] = typeof(FeedbackItemScope),
        ["ScaleTask"] = typeof(ScaleTask),
        ["ScaleTaskPage"] = typeof(ScaleTaskPage),
        ["TaskReview"] = typeof(TaskReview),
        ["TaskReviewAccepted"] = typeof(TaskReviewAccepted),
    };

    internal static string Root => Path.Combine(TestContext.CurrentContext.TestDirectory, "WireCorpus");

    public static IEnumerable<TestCaseData> Payloads()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "WireCorpus");
        foreach (var (folder, _) in Models)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(root, folder), "*.json").Order(StringComparer.Ordinal))
            {
                yield return new TestCaseData(folder, Path.GetFileName(file)).SetName($"{folder}/{Path.GetFileName(file)}");
            }
        }
    }

    [Test]
    public void Every_model_has_a_corpus_folder_with_payloads_and_no_folder_is_unknown()
    {
        var folders = Directory.EnumerateDirectories(Root).Select(Path.GetFileName);

        Assert.That(folders, Is.EquivalentTo(Models.Keys));
        Assert.That(Models.Keys.Where(m => !Directory.EnumerateFiles(Path.Combine(Root, m), "*.json").Any()), Is.Empty);
    }

    [Test]
    public void The_corpus_has_bodies_larger_than_the_serializers_buffer()
    {
        var large = Directory.EnumerateFiles(Root, "*.json", SearchOption.AllDirectories).Where(f => new FileInfo(f).Length > 16 * 1024);

        Assert.That(large.Select(f => Path.GetFileName(Path.GetDirectoryName(f))), Is.SupersetOf(new[] { "FixlessAudit", "FixlessAuditList", "ScaleTask" }));
    }

    [TestCaseSource(nameof(Payloads))]
    public async Task A_payload_reads_from_a_string_and_a_stream_and_is_written_back_with_nothing_lost(string model, string file)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Root, model, file));
        var type = Models[model];

        var fromString = Corpus.Read(type, json);
        await using var stream = new ChunkedStream(Encoding.UTF8.GetBytes(json), chunk: 7);
        var fromStream = await Corpus.ReadAsync(type, stream);

        var written = Corpus.Write(type, fromString);
        using var original = JsonDocument.Parse(json);
        using var back = JsonDocument.Parse(written);
        Assert.That(JsonTree.Difference(original.RootElement, back.RootElement), Is.Null, written);
        Assert.That(Corpus.Write(type, fromStream), Is.EqualTo(written), "a stream reads exactly as a string");
    }

    [TestCaseSource(nameof(Payloads))]
    public async Task Unknown_nulls_survive_and_text_is_written_plainly(string model, string file)
    {
        var json = await File.ReadAllTextAsync(Path.Combine(Root, model, file));
        var written = Corpus.Write(Models[model], Corpus.Read(Models[model], json));

        using var original = JsonDocument.Parse(json);
        using var back = JsonDocument.Parse(written);
        var nullsKept = JsonTree.NullPaths(back.RootElement).ToHashSet(StringComparer.Ordinal);
        var unknownNulls = JsonTree.NullPaths(original.RootElement).Where(IsUnknownOrEntry);
        Assert.That(unknownNulls.Where(p => !nullsKept.Contains(p)), Is.Empty, "null entries and nulls of unknown fields are kept");
        Assert.That(written, Does.Not.Contain("\\u002B").And.Not.Contain("\\u00"), "'+' and non-ASCII letters are written plainly");
    }

    // The corpus names every unknown field it sends as null with "extra" or "null" in the name; a path ending in an
    // index is an array entry.
    private static bool IsUnknownOrEntry(string path)
    {
        var last = path[(path.LastIndexOf('.') + 1)..];
        return path.EndsWith(']') || last.Contains("extra", StringComparison.Ordinal) || last.Contains("null", StringComparison.Ordinal);
    }
}

/// <summary>Reads and writes a corpus model through the SDK's public <see cref="AuditClientJson"/>.</summary>
internal static class Corpus
{
    public static object Read(Type type, string json) => Dispatch(type, new StringReader(json));

    public static async ValueTask<object> ReadAsync(Type type, Stream stream) => type.Name switch
    {
        nameof(FixlessAudit) => (await AuditClientJson.DeserializeAsync<FixlessAudit>(stream))!,
        "List`1" => (await AuditClientJson.DeserializeAsync<List<FixlessAudit>>(stream))!,
        nameof(FixlessAuditCreate) => (await AuditClientJson.DeserializeAsync<FixlessAuditCreate>(stream))!,
        nameof(FeedbackItemScope) => (await AuditClientJson.DeserializeAsync<FeedbackItemScope>(stream))!,
        nameof(ScaleTask) => (await AuditClientJson.DeserializeAsync<ScaleTask>(stream))!,
        nameof(ScaleTaskPage) => (await AuditClientJson.DeserializeAsync<ScaleTaskPage>(stream))!,
        nameof(TaskReview) => (await AuditClientJson.DeserializeAsync<TaskReview>(stream))!,
        nameof(TaskReviewAccepted) => (await AuditClientJson.DeserializeAsync<TaskReviewAccepted>(stream))!,
        _ => throw new NotSupportedException(type.Name),
    };

    public static string Write(Type type, object value) => value switch
    {
        FixlessAudit v => AuditClientJson.Serialize(v),
        List<FixlessAudit> v => AuditClientJson.Serialize(v),
        FixlessAuditCreate v => AuditClientJson.Serialize(v),
        FeedbackItemScope v => AuditClientJson.Serialize(v),
        ScaleTask v => AuditClientJson.Serialize(v),
        ScaleTaskPage v => AuditClientJson.Serialize(v),
        TaskReview v => AuditClientJson.Serialize(v),
        TaskReviewAccepted v => AuditClientJson.Serialize(v),
        _ => throw new NotSupportedException(type.Name),
    };

    private static object Dispatch(Type type, StringReader json)
    {
        var text = json.ReadToEnd();
        return type.Name switch
        {
            nameof(FixlessAudit) => AuditClientJson.Deserialize<FixlessAudit>(text)!,
            "List`1" => AuditClientJson.Deserialize<List<FixlessAudit>>(text)!,
            nameof(FixlessAuditCreate) => AuditClientJson.Deserialize<FixlessAuditCreate>(text)!,
            nameof(FeedbackItemScope) => AuditClientJson.Deserialize<FeedbackItemScope>(text)!,
            nameof(ScaleTask) => AuditClientJson.Deserialize<ScaleTask>(text)!,
            nameof(ScaleTaskPage) => AuditClientJson.Deserialize<ScaleTaskPage>(text)!,
            nameof(TaskReview) => AuditClientJson.Deserialize<TaskReview>(text)!,
            nameof(TaskReviewAccepted) => AuditClientJson.Deserialize<TaskReviewAccepted>(text)!,
            _ => throw new NotSupportedException(type.Name),
        };
    }
}
