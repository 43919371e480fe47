#region snippet: quickstart
using AuditClient;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Testing;

// The fakes of AuditClient.Testing stand in for Scale and CloudFactory on 127.0.0.1: nothing leaves the machine.
// Against the real services, leave out the fakes and the BaseAddress lines, and give your own API keys.
await using var fakes = await AuditFakes.StartAsync();
using var clients = AuditClients.Create(o =>
{
    o.Scale.ApiKey = fakes.ScaleApiKey;
    o.Scale.BaseAddress = fakes.BaseAddress;
    o.CloudFactory.ApiKey = fakes.CloudFactoryApiKey;
    o.CloudFactory.BaseAddress = fakes.BaseAddress;
});

// A Scale task with its audit fields.
var task = await clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId);
Console.WriteLine($"task {task.TaskId}: {task.CustomerReviewStatus}, latest audit {task.LatestAudit?.AuditResult}");

// A fixless audit: feedback on the task without fixing it, checked before anything is sent.
var created = await clients.ScaleAudits.CreateAuditAsync(new FixlessAuditCreate
{
    TaskId = ScaleFake.ExampleTaskId,
    Result = FixlessAuditResult.Rejected,
    TargetResponseUrl = "https://example.com/responses/576ba74eec471ff9b01557cc.json",
    FeedbackItems =
    [
        new FeedbackItemCreate
        {
            Type = FeedbackItemType.Error,
            Category = FeedbackItemCategory.Label,
            Description = "A truck labelled as a car.",
            Scope = new FeedbackItemScopeAnnotation
            {
                AnnotationId = "box_3",
                Interval = new FeedbackItemInterval { Start = 0, End = 0 },
            },
        },
    ],
});
Console.WriteLine($"created {created.Srn} with {created.FeedbackItems?.Count} feedback item(s)");

// A reviewed task for CloudFactory's Quality API.
var accepted = await clients.CloudFactory.SubmitTaskReviewedAsync(new TaskReview
{
    WorkstreamId = "345d6802-0efa-46de-a73c-6c24f094dfcf",
    UseCaseId = "rr3d6802-0efa-46de-a73c-6c24f094dfcf",
    TaskDefinitionId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
    WorkerId = "test_worker@cf.com",
    ReviewCompletedAt = DateTimeOffset.UtcNow,
    ReviewScore = 0.78,
});
Console.WriteLine($"CloudFactory: {accepted.Message}");
#endregion
