using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Testing;

/// <summary>
/// Every request payload of the wire corpus (<c>WireCorpus/FixlessAuditCreate</c>, <c>WireCorpus/TaskReview</c>) sent to
/// the fakes over real HTTP, raw with the fakes' credentials and through the SDK where its own checks let it go: the
/// fake answers as the vendor documents it (201 with the stored audit, 202) and keeps what the vendor echoes with
/// nothing lost (unknown fields, number digits, shapes). A payload naming a task the fakes do not seed is sent for
/// <see cref="ScaleFake.ExampleTaskId"/>: only its <c>task_id</c> is rewritten.
/// </summary>
public sealed class WireCorpusFakeTests
{
    // The fields of a creation payload that Scale's documented answer (FixlessAudit, FeedbackItem) carries back as sent;
    // target_response_url comes back as target_response.url. Fields the answer does not document (a top-level or item
    // field of the caller's own) are not promised back, so they are not compared; unknown fields inside the documented
    // objects (scope, interval, metadata) are.
    private static readonly string[] EchoedAuditFields = ["type", "result", "task_id", "comments", "metadata"];
    private static readonly string[] EchoedItemFields = ["type", "scope", "category", "severity", "description", "metadata"];

    // Corpus requests that break the documented creation payload, with the path the fake's 400 names.
    // FeedbackItemInterval's `type: 'frame_range';` has no `?` (specs/scale-fixless-audits.txt line 292): this payload
    // is awkward on purpose for the readers (an interval read without its type), not a legal create.
    private static readonly Dictionary<string, string> FakeRefuses = new(StringComparer.Ordinal)
    {
        ["FixlessAuditCreate/floats-unknowns-enums.json"] = "feedback_items[0].scope.interval.type",
    };

    // Corpus requests the SDK's own checks refuse before sending, with the path its AuditValidationException names.
    // The SDK's rules are not this test's subject (they have their own tests); what is checked here is that nothing
    // reaches the fake, and that the list stays exact.
    private static readonly Dictionary<string, string> SdkRefuses = new(StringComparer.Ordinal)
    {
        // An unknown scope shape: the SDK reads it back, but refuses to create one (FixlessAuditRules).
        ["FixlessAuditCreate/floats-unknowns-enums.json"] = "feedback_items[2].scope.type",
    };

    public static IEnumerable<TestCaseData> Files(string model) =>
        Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "WireCorpus", model), "*.json")
            .Order(StringComparer.Ordinal)
            .Select(f => new TestCaseData(Path.GetFileName(f)).SetName($"{model}/{Path.GetFileName(f)}"));

    [Test]
    public void Every_listed_refusal_names_a_corpus_file()
    {
        var files = new[] { "FixlessAuditCreate", "TaskReview" }
            .SelectMany(m => Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "WireCorpus", m), "*.json").Select(f => $"{m}/{Path.GetFileName(f)}"));

        Assert.That(FakeRefuses.Keys.Union(SdkRefuses.Keys), Is.SubsetOf(files));
    }

    [TestCaseSource(nameof(Files), new object[] { "FixlessAuditCreate" })]
    public async Task A_fixless_create_payload_sent_raw_is_201_and_stored_with_nothing_lost(string file)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.Scale(fakes);
        var sent = ForSeededTask(fakes, Payload("FixlessAuditCreate", file));

        var answer = await FakeHttp.PutAsync(http, "/v1/audits", sent.ToJsonString());

        if (FakeRefuses.TryGetValue("FixlessAuditCreate/" + file, out var path))
        {
            Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest), answer.Body?.ToJsonString());
            Assert.That(answer.Object["error"]!.GetValue<string>(), Does.Contain(path));
            Assert.That(fakes.Scale.Audits, Is.Empty);
            return;
        }

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Created), answer.Body?.ToJsonString());
        var stored = fakes.Scale.Audits.Single();
        AssertSame(stored, answer.Object, "the 201 answer is the stored audit");
        AssertEchoed(sent, stored);
        fakes.Scale.GradePending();
        var listed = (await FakeHttp.GetAsync(http, FakeHttp.Path("/v1/audits/", ("task_id", ScaleFake.ExampleTaskId)))).Array.Single()!.AsObject();
        AssertEchoed(sent, listed);
    }

    [TestCaseSource(nameof(Files), new object[] { "FixlessAuditCreate" })]
    public async Task A_fixless_create_payload_sent_by_the_sdk_is_stored_with_nothing_lost_or_refused_before_sending(string file)
    {
        await using var fakes = await AuditFakes.StartAsync();

        // Fidelity of the payload as given: no reconcile token stamped into its metadata. The corpus carries values
        // Scale may add later (a category, an annotation type), which an app sends by allowing their sets.
        using var clients = fakes.CreateClients(o =>
        {
            o.Scale.ReconcileWrites = false;
            o.Scale.AllowUnlistedValues = ScaleValueSets.FeedbackItemType | ScaleValueSets.FeedbackItemCategory
                | ScaleValueSets.FeedbackItemSeverity | ScaleValueSets.MissingAnnotationType;
        });
        var sent = ForSeededTask(fakes, Payload("FixlessAuditCreate", file));
        var create = AuditClientJson.Deserialize<FixlessAuditCreate>(sent.ToJsonString())!;

        if (SdkRefuses.TryGetValue("FixlessAuditCreate/" + file, out var path))
        {
            var error = await Assert.ThrowsAsync<AuditValidationException>(() => clients.ScaleAudits.CreateAuditAsync(create));
            Assert.That(error!.Message, Does.Contain(path));
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Is.Empty, "refused before any byte is sent");
            return;
        }

        var audit = await clients.ScaleAudits.CreateAuditAsync(create);

        var stored = fakes.Scale.Audits.Single();
        AssertEchoed(sent, stored);
        AssertSame(stored, JsonNode.Parse(AuditClientJson.Serialize(audit))!.AsObject(), "the SDK reads the 201 answer with nothing lost");
    }

    [TestCaseSource(nameof(Files), new object[] { "TaskReview" })]
    public async Task A_task_review_payload_sent_raw_is_202_and_stored_exactly_as_sent(string file)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);
        var sent = Payload("TaskReview", file);
        var workstream = sent["workstream_id"]!.GetValue<string>();

        var answer = await FakeHttp.PostAsync(http, $"/v1/workstreams/{Uri.EscapeDataString(workstream)}/task_reviewed", sent.ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Accepted), answer.Body?.ToJsonString());
        Assert.That(answer.Object["message"]!.GetValue<string>(), Is.EqualTo("Data successfully received."));
        AssertSame(sent, fakes.CloudFactory.ReviewsOf(workstream).Single(), "the whole review is kept");
    }

    [TestCaseSource(nameof(Files), new object[] { "TaskReview" })]
    public async Task A_task_review_payload_sent_by_the_sdk_is_202_and_stored_exactly_as_sent(string file)
    {
        await using var fakes = await AuditFakes.StartAsync();
        var sent = Payload("TaskReview", file);
        var review = AuditClientJson.Deserialize<TaskReview>(sent.ToJsonString())!;
        if (SdkRefuses.TryGetValue("TaskReview/" + file, out var path))
        {
            var error = await Assert.ThrowsAsync<AuditValidationException>(() => fakes.Clients.CloudFactory.SubmitTaskReviewedAsync(review));
            Assert.That(error!.Message, Does.Contain(path));
            Assert.That(fakes.RequestsTo(FakeEndpoint.CloudFactoryTaskReviewed), Is.Empty, "refused before any byte is sent");
            return;
        }

        var accepted = await fakes.Clients.CloudFactory.SubmitTaskReviewedAsync(review);

        Assert.That(accepted.Message, Is.EqualTo("Data successfully received."));
        AssertSame(sent, fakes.CloudFactory.ReviewsOf(review.WorkstreamId!).Single(), "the whole review is kept");
    }

    private static JsonObject Payload(string model, string file) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "WireCorpus", model, file)))!.AsObject();

    private static JsonObject ForSeededTask(AuditFakes fakes, JsonObject payload)
    {
        if (payload["task_id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && fakes.Scale.GetTask(id.GetValue<string>()) is null)
        {
            payload["task_id"] = ScaleFake.ExampleTaskId;
        }

        return payload;
    }

    private static void AssertEchoed(JsonObject sent, JsonObject stored)
    {
        foreach (var name in EchoedAuditFields.Where(sent.ContainsKey))
        {
            AssertSame(sent[name], stored[name], name);
        }

        AssertSame(sent["target_response_url"], stored["target_response"]?["url"], "target_response.url");
        var sentItems = sent["feedback_items"]?.AsArray() ?? [];
        var storedItems = stored["feedback_items"]?.AsArray() ?? [];
        Assert.That(storedItems, Has.Count.EqualTo(sentItems.Count), "feedback_items");
        for (var i = 0; i < sentItems.Count; i++)
        {
            foreach (var name in EchoedItemFields.Where(sentItems[i]!.AsObject().ContainsKey))
            {
                AssertSame(sentItems[i]![name], storedItems[i]![name], $"feedback_items[{i}].{name}");
            }
        }
    }

    private static void AssertSame(JsonNode? expected, JsonNode? actual, string what)
    {
        using var e = JsonDocument.Parse(expected?.ToJsonString() ?? "null");
        using var a = JsonDocument.Parse(actual?.ToJsonString() ?? "null");
        Assert.That(JsonTree.Difference(e.RootElement, a.RootElement), Is.Null, $"{what}: {actual?.ToJsonString()}");
    }
}
