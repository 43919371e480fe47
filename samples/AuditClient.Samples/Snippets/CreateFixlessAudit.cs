using AuditClient.Scale;

namespace AuditClient.Samples.Snippets;

/// <summary>
/// 1. Create a fixless audit: feedback on a task without fixing it, with one feedback item per scope kind. Each item
/// follows Scale's grader rules, so each is counted; an item breaking them is refused before anything is sent.
/// </summary>
internal static class CreateFixlessAudit
{
    // A frame range (frame indices, start <= end). A video or lidar sequence has many frames, an image only frame 0.
    private static readonly FeedbackItemInterval FirstFrame = new() { Start = 0, End = 0 };

    public static async Task<FixlessAudit> RunAsync(
        IScaleTasksApi tasks, IScaleAuditsApi audits, string taskId, string annotationId, TextWriter output, CancellationToken cancellationToken)
    {
        // The audit is about one response of the task: Scale wants the URL of its annotations.
        var task = await tasks.GetTaskAsync(taskId, cancellationToken);
        var missingType = task.Type is "sensorfusion" or "lidarannotation" ? AnnotationType.Cuboid : AnnotationType.Box2D;

        // annotation: an error on an annotation that exists (extraneous, geometry, position, label or attribute).
        var boxTooWide = new FeedbackItemCreate
        {
            Type = FeedbackItemType.Error,
            Category = FeedbackItemCategory.Geometry,
            Severity = FeedbackItemSeverity.Severe,
            Description = "The box is twice as wide as the car.",
            Scope = new FeedbackItemScopeAnnotation { AnnotationId = annotationId, Interval = FirstFrame },
        };

        // polygon: an annotation is missing; the outline says where.
        var missingCar = new FeedbackItemCreate
        {
            Type = FeedbackItemType.Error,
            Category = FeedbackItemCategory.Missing,
            Description = "A parked car is not annotated.",
            Scope = new FeedbackItemScopePolygon
            {
                Vertices = [new(10, 4), new(14.5, 4), new(14.5, 6), new(10, 6)],
                MissingAnnotationType = missingType,
                MissingAnnotationClass = "car",
                Stationary = true,
                Interval = FirstFrame,
            },
        };

        // point: an annotation is missing; one point says where.
        var missingPedestrian = new FeedbackItemCreate
        {
            Type = FeedbackItemType.Error,
            Category = FeedbackItemCategory.Missing,
            Description = "A pedestrian on the crossing is not annotated.",
            Scope = new FeedbackItemScopePoint
            {
                Coordinates = new Point2D(12.5, -3.25),
                MissingAnnotationType = missingType,
                MissingAnnotationClass = "pedestrian",
                Stationary = false,
                Interval = FirstFrame,
            },
        };

        // scene: an attribute of the whole scene. A mild error is reported but does not count toward quality.
        var wrongWeather = new FeedbackItemCreate
        {
            Type = FeedbackItemType.Error,
            Category = FeedbackItemCategory.Attribute,
            Severity = FeedbackItemSeverity.Mild,
            Description = "It is raining: weather should be 'rain'.",
            Scope = new FeedbackItemScopeScene { Attribute = "weather", Interval = FirstFrame },
        };

        var audit = new FixlessAuditCreate
        {
            TaskId = taskId,
            Result = FixlessAuditResult.Rejected,
            TargetResponseUrl = AnnotationsUrl(task),
            Comments = "One box is too wide, a car and a pedestrian are missing, the weather attribute is wrong.",
            FeedbackItems = [boxTooWide, missingCar, missingPedestrian, wrongWeather],
        };

        // CreateAuditAsync refuses an error item the grader would discard and sends nothing; Validate() only lists it.
        var missingOnAnAnnotation = new FeedbackItemCreate { Type = FeedbackItemType.Error, Category = FeedbackItemCategory.Missing, Scope = boxTooWide.Scope };
        foreach (var problem in missingOnAnAnnotation.Validate())
        {
            output.WriteLine($"a 'missing' item on an annotation would be refused before sending: {problem}");
        }

        var created = await audits.CreateAuditAsync(audit, cancellationToken);

        output.WriteLine($"created {created.Srn} on task {created.TaskId} ({created.TaskType}): {created.Result}");
        foreach (var item in created.FeedbackItems ?? [])
        {
            output.WriteLine($"  {Describe.Item(item)}");
        }

        return created;
    }

    // task.response.annotations.url (task.response.ortho for lidar top-down tasks, which this sample does not cover).
    private static string? AnnotationsUrl(ScaleTask task) =>
        task.Response is { } response
        && response.TryGetProperty("annotations", out var annotations)
        && annotations.TryGetProperty("url", out var url)
            ? url.GetString()
            : null;
}
