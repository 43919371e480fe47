using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Scale;

/// <summary>The promises the corpus relies on, each stated once: timestamps, plain text, digits, and the comparer itself.</summary>
public sealed class WireFidelityTests
{
    [Test]
    public void Every_models_timestamps_are_written_in_utc_with_milliseconds_and_a_z()
    {
        var task = AuditClientJson.Deserialize<ScaleTask>("""
            { "created_at": "2024-03-03T09:30:00.000+02:00", "completed_at": "2024-03-03T07:30:00Z",
              "audits": [ { "audited_at": "2024-03-03T07:31:00.5+00:00" } ] }
            """)!;
        var review = new TaskReview { ReviewCompletedAt = new DateTimeOffset(2024, 3, 3, 9, 30, 0, TimeSpan.FromHours(2)) };
        var audit = new FixlessAudit { CreatedAt = new DateTimeOffset(2024, 3, 3, 9, 30, 0, TimeSpan.FromHours(-5)) };

        using var written = JsonDocument.Parse(AuditClientJson.Serialize(task));
        Assert.Multiple(() =>
        {
            Assert.That(written.RootElement.GetProperty("created_at").GetString(), Is.EqualTo("2024-03-03T07:30:00.000Z"));
            Assert.That(written.RootElement.GetProperty("completed_at").GetString(), Is.EqualTo("2024-03-03T07:30:00.000Z"));
            Assert.That(written.RootElement.GetProperty("audits")[0].GetProperty("audited_at").GetString(), Is.EqualTo("2024-03-03T07:31:00.500Z"));
            Assert.That(AuditClientJson.Serialize(review), Does.Contain("\"review_completed_at\":\"2024-03-03T07:30:00.000Z\""));
            Assert.That(AuditClientJson.Serialize(audit), Does.Contain("\"created_at\":\"2024-03-03T14:30:00.000Z\""));
        });
    }

    [Test]
    public void No_model_property_names_a_converter_of_its_own_for_timestamps()
    {
        var own = typeof(AuditClientJson).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) == typeof(DateTimeOffset)
                && p.GetCustomAttribute<JsonConverterAttribute>() is not null)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");

        Assert.That(own, Is.Empty, "the one UtcTimestampConverter is registered in the context for every model");
    }

    [Test]
    public void Text_is_written_plainly_by_the_sdk_json_and_on_the_wire()
    {
        var review = new TaskReview { ReviewExplanation = "a+b, café, 東京, <b>&</b>" };

        Assert.That(AuditClientJson.Serialize(review), Does.Contain("\"review_explanation\":\"a+b, café, 東京, <b>&</b>\""));
    }

    [Test]
    public async Task A_request_body_is_sent_with_plain_text()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody("""{"id":"a1"}"""));
        using var clients = Loopback.Clients(server);

        await clients.ScaleAudits.CreateAuditAsync(new FixlessAuditCreate
        {
            TaskId = "t1",
            Result = FixlessAuditResult.Accepted,
            TargetResponseUrl = "https://example.com/r.json",
            Comments = "user+1 naïve",
        });

        Assert.That(server.LogEntries.Single().RequestMessage.Body, Does.Contain("\"comments\":\"user+1 naïve\""));
    }

    [Test]
    public void Is_fixed_by_customer_is_scales_is_customer_fix_and_unknown_without_it()
    {
        Assert.Multiple(() =>
        {
            Assert.That(AuditClientJson.Deserialize<ScaleTask>("""{"customer_review_status":"fixed"}""")!.IsFixedByCustomer, Is.Null,
                "a fixed status does not say who fixed it");
            Assert.That(AuditClientJson.Deserialize<ScaleTask>("""{"customer_review_status":"fixed","is_customer_fix":false}""")!.IsFixedByCustomer, Is.False);
            Assert.That(AuditClientJson.Deserialize<ScaleTask>("""{"is_customer_fix":true}""")!.IsFixedByCustomer, Is.True);
        });
    }

    [Test]
    public void Documented_numbers_read_any_json_number_and_keep_their_digits()
    {
        const string json = """{"audits":[{"audit_time_secs":120.0,"audit_per_annotation_errors":[{"frame_num":3.0,"label_index":2.0}]}]}""";

        var task = AuditClientJson.Deserialize<ScaleTask>(json)!;
        var error = task.Audits![0].AuditPerAnnotationErrors![0];

        Assert.Multiple(() =>
        {
            Assert.That(error.FrameNum, Is.EqualTo(3));
            Assert.That(error.LabelIndex, Is.EqualTo(2));
            Assert.That(task.Audits[0].AuditTimeSecs, Is.EqualTo(120));
            Assert.That(AuditClientJson.Serialize(task), Is.EqualTo(json));
        });

        error.FrameNum = 4;
        Assert.That(AuditClientJson.Serialize(task), Does.Contain("\"frame_num\":4,"), "a value set is written as it prints");
    }

    [Test]
    public void Review_measurements_keep_large_integers_exact()
    {
        var review = AuditClientJson.Deserialize<TaskReview>("""{"review_measurements":{"big":12345678901234567890}}""")!;

        Assert.That(review.ReviewMeasurements!["big"].NumberText, Is.EqualTo("12345678901234567890"));
        Assert.That(AuditClientJson.Serialize(review), Is.EqualTo("""{"review_measurements":{"big":12345678901234567890}}"""));
        Assert.That(AuditClientJson.Serialize(new TaskReview { ReviewMeasurements = new Dictionary<string, MeasurementValue> { ["n"] = 9007199254740993L } }),
            Does.Contain("9007199254740993"));
    }

    [Test]
    public void An_interval_read_without_a_type_is_written_without_one()
    {
        const string json = """{"type":"scene","interval":{"start":0,"end":1}}""";

        var scope = (FeedbackItemScopeScene)AuditClientJson.Deserialize<FeedbackItemScope>(json)!;

        Assert.That(scope.Interval!.Type, Is.EqualTo("frame_range"));
        Assert.That(AuditClientJson.Serialize<FeedbackItemScope>(scope), Is.EqualTo(json));
        Assert.That(AuditClientJson.Serialize<FeedbackItemScope>(new FeedbackItemScopeScene { Interval = new FeedbackItemInterval { Start = 0, End = 1 } }),
            Does.Contain("\"type\":\"frame_range\""), "a new interval says frame_range, as before");
    }

    [TestCase("10.0", "10", false)]
    [TestCase("""{"a":1,"b":[1,2]}""", """{"b":[1,2],"a":1}""", true)]
    [TestCase("""[1,2]""", """[2,1]""", false)]
    [TestCase("""{"a":null}""", """{}""", true)]
    [TestCase("""{"a":1}""", """{}""", false)]
    [TestCase("""{}""", """{"a":1}""", false)]
    [TestCase("\"x\"", "[\"x\"]", false)]
    public void The_corpus_comparer_tells_digits_and_shapes_apart_but_not_property_order(string expected, string actual, bool same)
    {
        using var e = JsonDocument.Parse(expected);
        using var a = JsonDocument.Parse(actual);

        Assert.That(JsonTree.Difference(e.RootElement, a.RootElement) is null, Is.EqualTo(same));
    }
}
