using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AuditClient.CloudFactory;
using AuditClient.Core.Serialization;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.CloudFactory;

public sealed class TaskReviewSerializationTests
{
    [Test]
    public async Task The_spec_example_built_through_the_SDK_reaches_the_server_as_the_spec_example_with_the_key_and_path()
    {
        using var server = Loopback.StartServer();
        CloudFactoryServer.AcceptReviews(server);
        using var clients = Loopback.Clients(server);

        var accepted = await clients.CloudFactory.SubmitTaskReviewedAsync(CloudFactoryServer.SpecExample());

        Assert.That(accepted.Message, Is.EqualTo("Data successfully received."));
        var entry = server.LogEntries.Single();
        var sent = JsonNode.Parse(entry.RequestMessage.Body!);
        var expected = JsonNode.Parse(CloudFactoryServer.SpecExampleJson);
        Assert.That(JsonNode.DeepEquals(sent, expected), Is.True, $"sent: {sent?.ToJsonString()}");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(entry.RequestMessage.Method, Is.EqualTo("POST"));
            Assert.That(entry.RequestMessage.Path, Is.EqualTo(CloudFactoryServer.ReviewPath));
            Assert.That(Loopback.Header(entry, "x-api-key"), Is.EqualTo(Loopback.CloudFactoryKey));
            Assert.That(Loopback.Header(entry, "Content-Type"), Does.StartWith("application/json"));
        }
    }

    [Test]
    public async Task The_path_takes_the_workstream_of_the_review_escaped_as_one_segment()
    {
        using var server = Loopback.StartServer();
        CloudFactoryServer.AcceptReviews(server);
        using var clients = Loopback.Clients(server);

        await clients.CloudFactory.SubmitTaskReviewedAsync(CloudFactoryServer.Minimal().With(c => c.WorkstreamId = "ws%2F7"));

        var entry = server.LogEntries.Single();
        // Sent as ws%252F7; the server decodes that once, back to the id as given, inside one segment.
        Assert.That(entry.RequestMessage.AbsoluteUrl, Does.EndWith("/v1/workstreams/ws%2F7/task_reviewed"));
        Assert.That(CloudFactoryServer.BodyProperty(entry, "workstream_id"), Is.EqualTo("ws%2F7"));
    }

    [Test]
    public void Absent_optional_fields_are_not_written_at_all()
    {
        var json = JsonNode.Parse(Serialize(CloudFactoryServer.Minimal()))!.AsObject();

        Assert.That(
            json.Select(p => p.Key),
            Is.EquivalentTo(new[] { "workstream_id", "use_case_id", "task_definition_id", "worker_id", "review_completed_at", "review_score" }));
    }

    [TestCase(0, 0, "2020-12-22T10:13:24.127Z")]
    [TestCase(2, 0, "2020-12-22T08:13:24.127Z")]
    [TestCase(-5, 30, "2020-12-22T15:43:24.127Z")]
    public void Timestamps_are_written_in_UTC_with_a_Z_whatever_their_offset(int hours, int minutes, string expected)
    {
        var offset = new TimeSpan(hours, hours < 0 ? -minutes : minutes, 0);
        var review = CloudFactoryServer.Minimal().With(c => c.ReviewCompletedAt = new DateTimeOffset(2020, 12, 22, 10, 13, 24, 127, offset));

        Assert.That(JsonNode.Parse(Serialize(review))!["review_completed_at"]!.GetValue<string>(), Is.EqualTo(expected));
    }

    [Test]
    public void Timestamps_do_not_depend_on_the_current_culture_and_keep_milliseconds()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // Arabic (Saudi Arabia) uses another calendar and digits by default.
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
            var review = CloudFactoryServer.Minimal().With(c => c.TaskCompletedAt = new DateTimeOffset(2021, 1, 2, 3, 4, 5, TimeSpan.Zero));

            Assert.That(JsonNode.Parse(Serialize(review))!["task_completed_at"]!.GetValue<string>(), Is.EqualTo("2021-01-02T03:04:05.000Z"));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Test]
    public void Spot_check_keeps_its_space_and_an_unknown_review_type_round_trips_unchanged()
    {
        Assert.That(JsonNode.Parse(Serialize(CloudFactoryServer.Minimal().With(c => c.ReviewType = ReviewType.SpotCheck)))!["review_type"]!.GetValue<string>(), Is.EqualTo("Spot Check"));

        var read = JsonSerializer.Deserialize("""{"review_type":"Peer Review"}""", AuditClientJsonContext.Default.TaskReview)!;

        Assert.That(read.ReviewType, Is.EqualTo((ReviewType)"Peer Review"));
        Assert.That(JsonNode.Parse(Serialize(read))!["review_type"]!.GetValue<string>(), Is.EqualTo("Peer Review"));
    }

    [Test]
    public void Measurements_keep_whether_each_value_is_a_string_or_a_number()
    {
        var read = JsonSerializer.Deserialize(
            """{"review_measurements":{"count":0.5,"label":"Header","zero":"0"}}""", AuditClientJsonContext.Default.TaskReview)!;
        var measurements = read.ReviewMeasurements!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(measurements["count"].IsNumber, Is.True);
            Assert.That(measurements["count"].NumberValue, Is.EqualTo(0.5));
            Assert.That(measurements["label"].StringValue, Is.EqualTo("Header"));
            Assert.That(measurements["zero"].IsNumber, Is.False);
            Assert.That(measurements["zero"], Is.EqualTo((MeasurementValue)"0"));
        }

        var written = JsonNode.Parse(Serialize(read))!["review_measurements"];
        Assert.That(JsonNode.DeepEquals(written, JsonNode.Parse("""{"count":0.5,"label":"Header","zero":"0"}""")), Is.True, written?.ToJsonString());
    }

    [Test]
    public void A_measurement_that_is_neither_a_string_nor_a_number_is_read_kept_and_sent_with_a_warning()
    {
        var read = JsonSerializer.Deserialize("""{"review_measurements":{"x":true}}""", AuditClientJsonContext.Default.TaskReview)!;

        Assert.That(read.ReviewMeasurements!["x"].IsNumber, Is.False);
        Assert.That(read.ReviewMeasurements["x"].StringValue, Is.Null);
        Assert.That(JsonNode.Parse(Serialize(read))!["review_measurements"]!.ToJsonString(), Is.EqualTo("""{"x":true}"""));
        Assert.That(read.Validate().Where(v => v.Path.StartsWith("review_measurements", StringComparison.Ordinal)), Is.EqualTo(new[]
        {
            new ValidationViolation("review_measurements.x", "should be a string or a number, as in the spec's example") { Severity = ValidationSeverity.Warning },
        }));
    }

    private static string Serialize(TaskReview review) => JsonSerializer.Serialize(review, AuditClientJsonContext.Default.TaskReview);
}
