using System.Reflection;
using System.Text.Json.Nodes;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Tests.Resilience;
using AuditClient.Tests.Scale;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Core;

/// <summary>
/// JSON has no NaN or infinity: every number a request carries is checked before sending, and one that is not finite is
/// an <see cref="AuditValidationException"/> naming its wire path, never a serialization failure after the call began
/// (which surfaced as an <see cref="AuditApiException"/> that looked worth retrying).
/// </summary>
public sealed class NonFiniteNumberTests
{
    private static readonly double[] NonFinite = [double.NaN, double.PositiveInfinity, double.NegativeInfinity];

    /// <summary>One number of a request: its wire path, and a call that sends a request carrying the value there.</summary>
    public sealed record Number(string Path, Func<double, Func<AuditClients, Task>> Send)
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

    private static FeedbackItemScope Scope(FixlessAuditCreate audit, int item) => audit.FeedbackItems![item].Scope!;

    private static FeedbackItemInterval Interval(FixlessAuditCreate audit, int item) => Scope(audit, item) switch
    {
        FeedbackItemScopeAnnotation s => s.Interval!,
        FeedbackItemScopePolygon s => s.Interval!,
        FeedbackItemScopePoint s => s.Interval!,
        FeedbackItemScopeScene s => s.Interval!,
        var other => throw new InvalidOperationException(other.Type),
    };

    // ValidAudit's items: 0 annotation, 1 polygon, 2 point, 4 scene.
    private static IEnumerable<Number> Numbers() =>
    [
        new("feedback_items[0].scope.interval.start", v => Audit(a => Interval(a, 0).Start = v)),
        new("feedback_items[0].scope.interval.end", v => Audit(a => Interval(a, 0).End = v)),
        new("feedback_items[1].scope.interval.start", v => Audit(a => Interval(a, 1).Start = v)),
        new("feedback_items[2].scope.interval.end", v => Audit(a => Interval(a, 2).End = v)),
        new("feedback_items[4].scope.interval.start", v => Audit(a => Interval(a, 4).Start = v)),
        new("feedback_items[1].scope.vertices[2][0]", v => Audit(a => ((FeedbackItemScopePolygon)Scope(a, 1)).Vertices = [new(0, 0), new(4, 0), new(v, 3)])),
        new("feedback_items[2].scope.coordinates[1]", v => Audit(a => ((FeedbackItemScopePoint)Scope(a, 2)).Coordinates = new Point2D(1, v))),
        new("metadata.score", v => Audit(a => a.Metadata = new JsonObject { ["score"] = v })),
        new("metadata.runs[1].loss", v => Audit(a => a.Metadata = new JsonObject { ["runs"] = new JsonArray(new JsonObject(), new JsonObject { ["loss"] = v }) })),
        new("feedback_items[3].metadata.confidence", v => Audit(a => a.FeedbackItems![3].Metadata = new JsonObject { ["confidence"] = (float)v })),
        new("metadata.half", v => Audit(a => a.Metadata = new JsonObject { ["half"] = JsonValue.Create((Half)v) })),
        new("review_score", v => Review(r => r.ReviewScore = v)),
        new("review_duration", v => Review(r => r.ReviewDuration = v)),
        new("review_measurements.iou", v => Review(r => r.ReviewMeasurements = new Dictionary<string, MeasurementValue> { ["iou"] = v })),
    ];

    public static IEnumerable<TestCaseData> Cases() =>
        from number in Numbers()
        from value in NonFinite
        select new TestCaseData(number, value).SetArgDisplayNames(number.Path, value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [TestCaseSource(nameof(Cases))]
    public async Task A_number_that_is_not_finite_is_refused_before_sending_naming_its_path(Number number, double value)
    {
        await using var server = RecordingServer.Start(Answers.Audit);
        using var clients = server.Clients();

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => number.Send(value)(clients));

        Assert.That(error.Violations.Select(v => v.Path), Does.Contain(number.Path), error.Message);
        Assert.That(server.RequestLines, Is.Empty);
    }

    [Test]
    public void Every_number_property_of_the_request_models_has_a_case()
    {
        // The public double and float properties of what the SDK sends: a new one must get a case above (and a rule).
        Type[] requests =
        [
            typeof(FixlessAuditCreate), typeof(FeedbackItemCreate), typeof(FeedbackItemScopeAnnotation), typeof(FeedbackItemScopePolygon),
            typeof(FeedbackItemScopePoint), typeof(FeedbackItemScopeScene), typeof(FeedbackItemInterval), typeof(Point2D),
            typeof(TaskReview), typeof(MeasurementValue), typeof(TaskAuditAction), typeof(ScaleTaskQuery),
        ];
        var numbers = requests
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => (Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType) is var t && (t == typeof(double) || t == typeof(float)))
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}");

        Assert.That(numbers, Is.EquivalentTo(new[]
        {
            "FeedbackItemInterval.Start", "FeedbackItemInterval.End", "Point2D.X", "Point2D.Y", "TaskReview.ReviewDuration",
            "TaskReview.ReviewScore", "MeasurementValue.NumberValue",
        }));
    }
}
