using AuditClient.CloudFactory;
using AuditClient.Tests.Support;
using WireMock.Server;

namespace AuditClient.Tests.CloudFactory;

public sealed class TaskReviewValidationTests
{
    private WireMockServer _server = null!;
    private AuditClients _clients = null!;

    private static IEnumerable<TestCaseData> InvalidReviews()
    {
        var valid = CloudFactoryServer.SpecExample();
        TestCaseData Case(string name, TaskReview review, string path, string rule) =>
            new TestCaseData(review, path, rule).SetName($"{{m}}({name})");

        yield return Case("workstream_id missing", valid.With(c => c.WorkstreamId = null), "workstream_id", "is required");
        yield return Case("workstream_id blank", valid.With(c => c.WorkstreamId = "  "), "workstream_id", "is required");
        yield return Case("use_case_id missing", valid.With(c => c.UseCaseId = null), "use_case_id", "is required");
        yield return Case("task_definition_id missing", valid.With(c => c.TaskDefinitionId = ""), "task_definition_id", "is required");
        yield return Case("worker_id missing", valid.With(c => c.WorkerId = null), "worker_id", "is required");
        yield return Case("review_completed_at missing", valid.With(c => c.ReviewCompletedAt = null), "review_completed_at", "is required");
        yield return Case("review_score missing", valid.With(c => c.ReviewScore = null), "review_score", "is required");
        yield return Case("review_score above 1", valid.With(c => c.ReviewScore = 1.01), "review_score", "must be a number between 0 and 1");
        yield return Case("review_score below 0", valid.With(c => c.ReviewScore = -0.1), "review_score", "must be a number between 0 and 1");
        yield return Case("review_score NaN", valid.With(c => c.ReviewScore = double.NaN), "review_score", "must be a number between 0 and 1");
        yield return Case("review_score infinite", valid.With(c => c.ReviewScore = double.PositiveInfinity), "review_score", "must be a number between 0 and 1");
        yield return Case("review_duration negative", valid.With(c => c.ReviewDuration = -1), "review_duration", "must not be negative");
        yield return Case("review_duration NaN", valid.With(c => c.ReviewDuration = double.NaN), "review_duration", "must be a finite number");
        yield return Case("task_review_count negative", valid.With(c => c.TaskReviewCount = -1), "task_review_count", "must not be negative");
        yield return Case("subtask_review_count negative", valid.With(c => c.SubtaskReviewCount = -3), "subtask_review_count", "must not be negative");
        yield return Case(
            "error count negative",
            valid.With(c => { c.Errors = new Dictionary<string, int> { ["incorrect_label"] = 2, ["missing_label"] = -1 }; }),
            "errors.missing_label",
            "must not be negative");
        yield return Case("task_url relative", valid.With(c => c.TaskUrl = "annotate/123412"), "task_url", "must be an absolute URL");
        yield return Case("task_url rooted path", valid.With(c => c.TaskUrl = "/annotate/123412"), "task_url", "must be an absolute URL");
        yield return Case("task_url without scheme", valid.With(c => c.TaskUrl = "taskus.com/annotate/123412"), "task_url", "must be an absolute URL");
        yield return Case(
            "measurement NaN",
            valid.With(c => { c.ReviewMeasurements = new Dictionary<string, MeasurementValue> { ["attribute_1_count"] = double.NaN }; }),
            "review_measurements.attribute_1_count",
            "must be a finite number");
        yield return Case(
            "measurement without value",
            valid.With(c => { c.ReviewMeasurements = new Dictionary<string, MeasurementValue> { ["attribute_1_label"] = (string?)null }; }),
            "review_measurements.attribute_1_label",
            "must be a string or a number");
        yield return Case(
            "metadata value null",
            valid.With(c => { c.ReviewMetadata = new Dictionary<string, string> { ["Person accuracy"] = null! }; }),
            "review_metadata.Person accuracy",
            "must not be null");
        yield return Case("review_type without value", valid.With(c => c.ReviewType = default(ReviewType)), "review_type", "must have a value when given");
    }

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = Loopback.StartServer();
        CloudFactoryServer.AcceptReviews(_server);
        _clients = Loopback.Clients(_server);
    }

    [OneTimeTearDown]
    public void StopServer()
    {
        _clients.Dispose();
        _server.Dispose();
    }

    [SetUp]
    public void ForgetRequests() => _server.ResetLogEntries();

    [TestCaseSource(nameof(InvalidReviews))]
    public async Task An_invalid_review_is_refused_naming_the_field_and_nothing_is_sent(TaskReview review, string path, string rule)
    {
        var error = await Assert.ThrowsAsync<AuditValidationException>(() => _clients.CloudFactory.SubmitTaskReviewedAsync(review));

        Assert.That(error!.Violations, Is.EqualTo(new[] { new ValidationViolation(path, rule) }));
        Assert.That(error.Message, Does.Contain($"{path}: {rule}"));
        Assert.That(_server.LogEntries, Is.Empty);
    }

    [TestCaseSource(nameof(InvalidReviews))]
    public void Validate_reports_the_same_violation_without_sending(TaskReview review, string path, string rule)
    {
        Assert.That(review.Validate(), Is.EqualTo(new[] { new ValidationViolation(path, rule) }));
        Assert.That(_server.LogEntries, Is.Empty);
    }

    [Test]
    public async Task Every_violation_of_a_review_is_reported_at_once()
    {
        var review = new TaskReview { ReviewScore = 2, Errors = new Dictionary<string, int> { ["missing_label"] = -1 } };

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => _clients.CloudFactory.SubmitTaskReviewedAsync(review));

        Assert.That(
            error!.Violations.Select(v => v.Path),
            Is.EqualTo(new[] { "workstream_id", "use_case_id", "task_definition_id", "worker_id", "review_completed_at", "review_score", "errors.missing_label" }));
        Assert.That(_server.LogEntries, Is.Empty);
    }

    [Test]
    public void The_spec_example_and_the_boundaries_of_the_rules_are_valid()
    {
        var valid = CloudFactoryServer.SpecExample();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(valid.Validate(), Is.Empty);
            Assert.That((valid.With(c => c.ReviewScore = 0)).Validate(), Is.Empty);
            Assert.That((valid.With(c => c.ReviewScore = 1)).Validate(), Is.Empty);
            Assert.That((valid.With(c => { c.ReviewDuration = 0; c.TaskReviewCount = 0; c.SubtaskReviewCount = 0; })).Validate(), Is.Empty);
            Assert.That((valid.With(c => { c.Errors = new Dictionary<string, int> { ["missing_label"] = 0 }; })).Validate(), Is.Empty);
            Assert.That((valid.With(c => c.TaskUrl = "http://labels.example/task?id=1")).Validate(), Is.Empty);
        }
    }

    [TestCase("Peer Review", "")]
    [TestCase("Spot check", " (did you mean 'Spot Check'?)")]
    [TestCase("SpotCheck", " (did you mean 'Spot Check'?)")]
    [TestCase("qa", " (did you mean 'QA'?)")]
    [TestCase("Other", " (did you mean 'Others'?)")]
    public async Task A_review_type_outside_the_documented_four_is_a_warning_naming_the_nearest_and_the_review_is_sent(string reviewType, string didYouMean)
    {
        var review = CloudFactoryServer.SpecExample().With(c => c.ReviewType = reviewType);

        await _clients.CloudFactory.SubmitTaskReviewedAsync(review);

        Assert.That(review.Validate(), Is.EqualTo(new[]
        {
            new ValidationViolation("review_type", "is not one of 'QA', 'QC', 'Spot Check' or 'Others'" + didYouMean) { Severity = ValidationSeverity.Warning },
        }));
        Assert.That(_server.LogEntries, Has.Count.EqualTo(1));
    }
}
