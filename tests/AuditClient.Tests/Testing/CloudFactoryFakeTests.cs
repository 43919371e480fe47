using System.Net;
using System.Text.Json.Nodes;
using AuditClient.Testing;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Testing;

/// <summary>
/// POST /v1/workstreams/{id}/task_reviewed. Full reviews go over raw HTTP (the SDK's TaskReview only has the
/// workstream id today); the SDK drives what its skeleton can show.
/// </summary>
public sealed class CloudFactoryFakeTests
{
    private const string Workstream = "345d6802-0efa-46de-a73c-6c24f094dfcf";
    private const string Path = $"/v1/workstreams/{Workstream}/task_reviewed";

    [Test]
    public async Task The_spec_example_is_accepted_with_202_and_stored_as_sent()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);
        var review = FakeHttp.SpecReview();

        var answer = await FakeHttp.PostAsync(http, Path, review.ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(JsonNode.DeepEquals(answer.Body, new JsonObject { ["message"] = "Data successfully received." }), Is.True);
        Assert.That(answer.MediaType, Is.EqualTo("application/json"));
        Assert.That(JsonNode.DeepEquals(fakes.CloudFactory.Reviews.Single(), review), Is.True);
        Assert.That(fakes.CloudFactory.ReviewsOf(Workstream), Has.Count.EqualTo(1));
        Assert.That(fakes.CloudFactory.ReviewsOf("other"), Is.Empty);
    }

    [Test]
    public async Task A_review_submitted_through_the_sdk_is_stored_as_sent()
    {
        await using var fakes = await AuditFakes.StartAsync();

        var accepted = await fakes.Clients.CloudFactory.SubmitTaskReviewedAsync(FakeHttp.SdkReview(Workstream).With(c => c.UniqueId = "u-1"));

        Assert.That(accepted.Message, Is.EqualTo("Data successfully received."));
        var stored = fakes.CloudFactory.ReviewsOf(Workstream).Single();
        Assert.That(stored["unique_id"]!.GetValue<string>(), Is.EqualTo("u-1"));
        Assert.That(stored["review_score"]!.GetValue<double>(), Is.EqualTo(0.75));
    }

    [Test]
    public async Task An_invalid_review_is_refused_by_the_sdk_before_it_reaches_the_fake()
    {
        await using var fakes = await AuditFakes.StartAsync();

        var error = await Assert.ThrowsAsync<AuditValidationException>(
            () => fakes.Clients.CloudFactory.SubmitTaskReviewedAsync(new() { WorkstreamId = Workstream }));

        Assert.That(error!.Violations.Select(v => v.Path), Does.Contain("use_case_id").And.Contain("review_score"));
        Assert.That(fakes.RequestsTo(FakeEndpoint.CloudFactoryTaskReviewed), Is.Empty);
    }

    [TestCase("workstream_id")]
    [TestCase("use_case_id")]
    [TestCase("task_definition_id")]
    [TestCase("worker_id")]
    [TestCase("review_completed_at")]
    [TestCase("review_score")]
    public async Task A_missing_required_field_is_400_naming_it(string field)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);
        var review = FakeHttp.SpecReview();
        review.Remove(field);

        var answer = await FakeHttp.PostAsync(http, Path, review.ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Object["message"]!.GetValue<string>(), Does.StartWith(field + " is required"));
        Assert.That(fakes.CloudFactory.Reviews, Is.Empty);
    }

    [TestCase(-0.01)]
    [TestCase(1.0001)]
    [TestCase(78)]
    public async Task A_review_score_outside_0_to_1_is_400(double score)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);
        var review = FakeHttp.SpecReview();
        review["review_score"] = score;

        var answer = await FakeHttp.PostAsync(http, Path, review.ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Object["message"]!.GetValue<string>(), Does.StartWith("review_score must be between 0 and 1"));
    }

    [TestCase(0.0)]
    [TestCase(1.0)]
    public async Task The_bounds_of_review_score_are_accepted(double score)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);
        var review = FakeHttp.SpecReview();
        review["review_score"] = score;

        var answer = await FakeHttp.PostAsync(http, Path, review.ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Accepted));
    }

    [TestCase("review_score", "\"0.5\"", "review_score is required and must be a number")]
    [TestCase("review_completed_at", "\"last night\"", "review_completed_at")]
    [TestCase("task_completed_at", "\"soon\"", "task_completed_at must be an ISO 8601 date-time")]
    [TestCase("replace_duplicate", "\"yes\"", "replace_duplicate must be a boolean")]
    [TestCase("errors", "[1]", "errors must be an object")]
    [TestCase("review_duration", "\"2 minutes\"", "review_duration must be a number")]
    [TestCase("task_review_count", "\"120\"", "task_review_count must be a number")]
    [TestCase("dataset_id", "5", "dataset_id must be a string")]
    [TestCase("review_type", "1", "review_type must be a string")]
    [TestCase("review_metadata", "\"a=1\"", "review_metadata must be an object")]
    [TestCase("worker_id", "5", "worker_id is required and must be a non-empty string")]
    public async Task A_field_of_the_wrong_type_is_400_naming_it(string field, string json, string message)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);
        var review = FakeHttp.SpecReview();
        review[field] = JsonNode.Parse(json);

        var answer = await FakeHttp.PostAsync(http, Path, review.ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Object["message"]!.GetValue<string>(), Does.Contain(message));
    }

    [Test]
    public async Task A_body_workstream_other_than_the_paths_is_accepted_and_stored_as_sent()
    {
        // No document says CloudFactory compares the two, so the fake does not refuse the review.
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);

        var answer = await FakeHttp.PostAsync(http, "/v1/workstreams/another-workstream/task_reviewed", FakeHttp.SpecReview().ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(fakes.CloudFactory.ReviewsOf("345d6802-0efa-46de-a73c-6c24f094dfcf"), Has.Count.EqualTo(1));
        Assert.That(fakes.CloudFactory.ReviewsOf("another-workstream"), Is.Empty);
    }

    [TestCase("review_type", "\"Spot check\"")]
    [TestCase("review_type", "\"Calibration\"")]
    [TestCase("review_measurements", "[1, 2]")]
    [TestCase("review_measurements", "{\"big\": 12345678901234567890}")]
    [TestCase("unknown_field", "{\"x\": [null]}")]
    [TestCase("review_metadata", "{\"score\": 0.9, \"nested\": {\"a\": 1}}")]
    public async Task A_value_no_document_constrains_is_accepted_and_stored_as_sent(string field, string json)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);
        var review = FakeHttp.SpecReview();
        review[field] = JsonNode.Parse(json);

        var answer = await FakeHttp.PostAsync(http, Path, review.ToJsonString());

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.Accepted), answer.Body?.ToJsonString());
        Assert.That(JsonNode.DeepEquals(fakes.CloudFactory.Reviews.Single()[field], JsonNode.Parse(json)), Is.True);
    }

    [TestCase("", "empty")]
    [TestCase("{\"workstream_id\": ", "not valid JSON")]
    [TestCase("[]", "must be a JSON object")]
    public async Task A_body_that_is_not_a_json_object_is_400(string body, string message)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);

        var answer = await FakeHttp.PostAsync(http, Path, body);

        Assert.That(answer.Status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(answer.Object["message"]!.GetValue<string>(), Does.Contain(message));
    }

    [TestCase(null, 0.9, TestName = "A duplicate unique_id replaces the stored review when replace_duplicate is absent (the default)")]
    [TestCase(true, 0.9, TestName = "A duplicate unique_id replaces the stored review when replace_duplicate is true")]
    [TestCase(false, 0.78, TestName = "A duplicate unique_id keeps the first review when replace_duplicate is false")]
    public async Task Duplicate_unique_id(bool? replaceDuplicate, double storedScore)
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);
        var first = FakeHttp.SpecReview();
        first.Remove("replace_duplicate");
        var second = FakeHttp.SpecReview();
        second["review_score"] = 0.9;
        if (replaceDuplicate is { } replace)
        {
            second["replace_duplicate"] = replace;
        }
        else
        {
            second.Remove("replace_duplicate");
        }

        var answers = new[]
        {
            await FakeHttp.PostAsync(http, Path, first.ToJsonString()),
            await FakeHttp.PostAsync(http, Path, second.ToJsonString()),
        };

        Assert.That(answers.Select(a => a.Status), Is.All.EqualTo(HttpStatusCode.Accepted), "a duplicate is acknowledged like any review");
        var stored = fakes.CloudFactory.Reviews;
        Assert.That(stored, Has.Count.EqualTo(1));
        Assert.That(stored[0]["review_score"]!.GetValue<double>(), Is.EqualTo(storedScore));
    }

    [Test]
    public async Task The_same_unique_id_under_another_task_definition_is_another_review()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);
        var other = FakeHttp.SpecReview();
        other["task_definition_id"] = "another-definition";

        await FakeHttp.PostAsync(http, Path, FakeHttp.SpecReview().ToJsonString());
        await FakeHttp.PostAsync(http, Path, other.ToJsonString());

        Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task Reviews_without_unique_id_are_all_kept()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var http = FakeHttp.CloudFactory(fakes);
        var review = FakeHttp.SpecReview();
        review.Remove("unique_id");

        await FakeHttp.PostAsync(http, Path, review.ToJsonString());
        await FakeHttp.PostAsync(http, Path, review.ToJsonString());

        Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(2));
    }
}
