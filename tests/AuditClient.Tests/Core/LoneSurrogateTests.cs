using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Tests.Resilience;
using AuditClient.Tests.Scale;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Core;

/// <summary>
/// UTF-8 cannot carry a lone surrogate: the encoder writes U+FFFD in its place, so two different strings reach the
/// vendor as one (and CloudFactory, deduplicating by unique_id, keeps one of two reviews). Any string a request carries
/// (fields, ids, keys and values of free-form JSON, the text of an extensible enum) is refused before sending, naming
/// its path.
/// </summary>
public sealed class LoneSurrogateTests
{
    private const string Lone = "ab\uD800";

    /// <summary>One string of a request: its wire path, and a call that sends a request carrying a lone surrogate there.</summary>
    public sealed record Text(string Path, Func<AuditClients, Task> Send)
    {
        public override string ToString() => Path;
    }

    private static Func<AuditClients, Task> Audit(Action<FixlessAuditCreate> change)
    {
        var audit = FixlessAuditValidationTests.ValidAudit();
        change(audit);
        return c => c.ScaleAudits.CreateAuditAsync(audit);
    }

    private static Func<AuditClients, Task> Review(Action<TaskReview> change)
    {
        var review = Requests.ValidReview(repeatSafe: true);
        change(review);
        return c => c.CloudFactory.SubmitTaskReviewedAsync(review);
    }

    private static Func<AuditClients, Task> Query(Func<ScaleTaskQuery, ScaleTaskQuery> change) =>
        c => c.ScaleTasks.ListTasksAsync(change(new ScaleTaskQuery()));

    private static string WireName(PropertyInfo property) =>
        property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name);

    private static IEnumerable<PropertyInfo> StringProperties(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType == typeof(string) && p.SetMethod is { IsPublic: true } && !p.IsDefined(typeof(JsonIgnoreAttribute)));

    /// <summary>
    /// Every public string property of the request models, found by reflection (a property added later is covered),
    /// and the keys, values and open-ended texts that reflection cannot list.
    /// </summary>
    public static IEnumerable<Text> Texts()
    {
        foreach (var property in StringProperties(typeof(TaskReview)))
        {
            yield return new(WireName(property), Review(r => property.SetValue(r, Lone)));
        }

        foreach (var property in StringProperties(typeof(FixlessAuditCreate)))
        {
            yield return new(WireName(property), Audit(a => property.SetValue(a, Lone)));
        }

        foreach (var property in StringProperties(typeof(FeedbackItemCreate)))
        {
            yield return new($"feedback_items[0].{WireName(property)}", Audit(a => property.SetValue(a.FeedbackItems![0], Lone)));
        }

        // ValidAudit's items: 0 annotation, 1 polygon, 2 point, 4 scene.
        foreach (var (item, type) in new[] { (0, typeof(FeedbackItemScopeAnnotation)), (1, typeof(FeedbackItemScopePolygon)), (2, typeof(FeedbackItemScopePoint)), (4, typeof(FeedbackItemScopeScene)) })
        {
            foreach (var property in StringProperties(type))
            {
                yield return new($"feedback_items[{item}].scope.{WireName(property)}", Audit(a => property.SetValue(a.FeedbackItems![item].Scope, Lone)));
            }
        }

        foreach (var property in StringProperties(typeof(ScaleTaskQuery)))
        {
            yield return new(WireName(property), Query(q => q.With(c => property.SetValue(c, Lone))));
        }

        // Ids and comments passed as arguments.
        yield return new("task_id", c => c.ScaleTasks.GetTaskAsync(Lone));
        yield return new("task_id", c => c.ScaleTasks.AuditTaskAsync(Lone, accepted: true));
        yield return new("comments", c => c.ScaleTasks.AuditTaskAsync("task_1", accepted: false, comments: Lone));
        yield return new("task_id", c => c.ScaleAudits.ListAuditsAsync(taskId: Lone));
        yield return new("id", c => c.ScaleAudits.ListAuditsAsync(auditId: Lone));

        // The text of extensible enums and ids that are not strings in code.
        yield return new("feedback_items[0].type", Audit(a => a.FeedbackItems![0].Type = new FeedbackItemType(Lone)));
        yield return new("feedback_items[0].category", Audit(a => a.FeedbackItems![0].Category = new FeedbackItemCategory(Lone)));
        yield return new("feedback_items[0].severity", Audit(a => a.FeedbackItems![0].Severity = new FeedbackItemSeverity(Lone)));
        yield return new("feedback_items[1].scope.missing_annotation_type", Audit(a => ((FeedbackItemScopePolygon)a.FeedbackItems![1].Scope!).MissingAnnotationType = new AnnotationType(Lone)));
        yield return new("feedback_items[2].scope.sensor_id", Audit(a => ((FeedbackItemScopePoint)a.FeedbackItems![2].Scope!).SensorId = Lone));
        yield return new("review_type", Review(r => r.ReviewType = new ReviewType(Lone)));
        yield return new("status", Query(q => q with { Status = new ScaleTaskStatus(Lone) }));
        yield return new("customer_review_status[0]", Query(q => q with { CustomerReviewStatuses = [new CustomerReviewStatus(Lone)] }));
        yield return new("unique_id[0]", Query(q => q with { UniqueIds = [Lone] }));
        yield return new("tags[1]", Query(q => q with { Tags = ["ok", Lone] }));

        // Free-form JSON: keys and values, at any depth; a key's path shows the surrogate escaped.
        yield return new("metadata.note", Audit(a => a.Metadata = new JsonObject { ["note"] = Lone }));
        yield return new("metadata.ab\\uD800", Audit(a => a.Metadata = new JsonObject { [Lone] = 1 }));
        yield return new("metadata.\U0001F600\\uD800x", Audit(a => a.Metadata = new JsonObject { ["\U0001F600\uD800x"] = 1 }));
        yield return new("metadata.\\uDC00\U0001F600", Audit(a => a.Metadata = new JsonObject { ["\uDC00\U0001F600"] = 1 }));
        yield return new("metadata.runs[1]", Audit(a => a.Metadata = new JsonObject { ["runs"] = new JsonArray("ok", Lone) }));
        yield return new("metadata.unit", Audit(a => a.Metadata = new JsonObject { ["unit"] = JsonValue.Create('\ud800') }));
        yield return new("metadata.parsed", Audit(a => a.Metadata = new JsonObject { ["parsed"] = JsonValue.Create(JsonDocument.Parse("\"\\ud800\"").RootElement) }));
        yield return new("feedback_items[3].metadata.a.b", Audit(a => a.FeedbackItems![3].Metadata = new JsonObject { ["a"] = new JsonObject { ["b"] = Lone } }));
        yield return new("ab\\uD800", Audit(a => a.AdditionalProperties = new Dictionary<string, JsonElement> { [Lone] = JsonDocument.Parse("1").RootElement }));
        yield return new("extra", Audit(a => a.AdditionalProperties = new Dictionary<string, JsonElement> { ["extra"] = JsonDocument.Parse("\"\\udc00\"").RootElement }));
        yield return new("feedback_items[0].scope.interval.extra[0]", Audit(a => ((FeedbackItemScopeAnnotation)a.FeedbackItems![0].Scope!).Interval!.AdditionalProperties = new Dictionary<string, JsonElement> { ["extra"] = JsonDocument.Parse("[\"\\ud800\"]").RootElement }));
        yield return new("review_metadata.k", Review(r => r.ReviewMetadata = new Dictionary<string, string> { ["k"] = Lone }));
        yield return new("review_metadata.ab\\uD800", Review(r => r.ReviewMetadata = new Dictionary<string, string> { [Lone] = "v" }));
        yield return new("errors.ab\\uD800", Review(r => r.Errors = new Dictionary<string, int> { [Lone] = 1 }));
        yield return new("review_measurements.label", Review(r => r.ReviewMeasurements = new Dictionary<string, MeasurementValue> { ["label"] = Lone }));
        yield return new("review_measurements.ab\\uD800", Review(r => r.ReviewMeasurements = new Dictionary<string, MeasurementValue> { [Lone] = 1.0 }));
        yield return new("ab\\uD800", Review(r => r.AdditionalProperties = new Dictionary<string, JsonElement> { [Lone] = JsonDocument.Parse("1").RootElement }));
    }

    public static IEnumerable<TestCaseData> Cases() => Texts().Select((t, i) => new TestCaseData(t).SetArgDisplayNames($"{i}: {t.Path.Replace("\\", "/", StringComparison.Ordinal)}"));

    [TestCaseSource(nameof(Cases))]
    public async Task A_string_with_a_lone_surrogate_is_refused_before_sending_naming_its_path(Text text)
    {
        await using var server = RecordingServer.Start(Answers.Audit);
        using var clients = server.Clients();

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => text.Send(clients));

        Assert.That(error.Violations, Has.Some.Matches<ValidationViolation>(v => v!.Path == text.Path && v.Rule.Contains("lone surrogate", StringComparison.Ordinal)), error.Message);
        Assert.That(server.RequestLines, Is.Empty);
    }

    [Test]
    public void The_cases_reach_every_kind_of_request_string()
    {
        var paths = Texts().Select(t => t.Path).ToHashSet();

        Assert.That(paths, Is.SupersetOf(new[]
        {
            "unique_id", "workstream_id", "worker_id", "task_id", "comments", "target_response_url", "feedback_items[0].description",
            "feedback_items[0].scope.annotation_id", "feedback_items[1].scope.missing_annotation_class", "feedback_items[4].scope.attribute",
            "project", "batch", "next_token",
        }));
    }

    [Test]
    public async Task Two_reviews_whose_unique_ids_differ_only_in_a_lone_surrogate_are_both_refused_and_neither_is_sent()
    {
        await using var server = RecordingServer.Start(Answers.ReviewAccepted);
        using var clients = server.Clients();
        var first = Requests.ValidReview(repeatSafe: true).With(r => r.UniqueId = "review-\uD800");
        var second = Requests.ValidReview(repeatSafe: true).With(r => r.UniqueId = "review-\uDBFF");

        var results = await clients.CloudFactory.SubmitTaskReviewedManyAsync([first, second]);

        using (Assert.EnterMultipleScope())
        {
            foreach (var result in results)
            {
                Assert.That(result.Status, Is.EqualTo(BulkStatus.Failed));
                Assert.That(result.Error, Is.InstanceOf<AuditValidationException>().With.Message.Contains("unique_id: must not contain a lone surrogate"));
            }

            Assert.That(server.RequestLines, Is.Empty);
        }
    }

    [Test]
    public async Task A_surrogate_pair_is_text_like_any_other_and_is_sent()
    {
        await using var server = RecordingServer.Start(Answers.ReviewAccepted);
        using var clients = server.Clients();

        await clients.CloudFactory.SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: true).With(r => r.UniqueId = "review-\U0001F600"));

        Assert.That(System.Text.Encoding.UTF8.GetString(server.Bodies.Single()), Does.Contain("review-\U0001F600").Or.Contain("review-\\uD83D\\uDE00"));
    }
}
