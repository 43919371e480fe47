using AuditClient.CloudFactory;
using AuditClient.Core.Http;
using AuditClient.Scale;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// One row of the fault matrix: an SDK call and what the server sees of it. A new endpoint is one more entry in
/// <see cref="All"/>.
/// </summary>
/// <param name="Name">The row's name in test names.</param>
/// <param name="Vendor">The vendor called.</param>
/// <param name="Method">The HTTP method sent.</param>
/// <param name="Path">The path sent (ids filled in), also what the stubs match.</param>
/// <param name="RepeatSafe">Whether a repeat cannot create a duplicate, so 5xx answers, timeouts and broken connections are retried.</param>
/// <param name="SuccessStatus">The status of a success.</param>
/// <param name="SuccessBody">The body of a success.</param>
/// <param name="Call">Makes the call through the SDK; throws what the SDK throws.</param>
/// <param name="IgnoreReason">Why the row cannot run yet, or <see langword="null"/>.</param>
public sealed record Endpoint(
    string Name,
    AuditVendor Vendor,
    string Method,
    string Path,
    bool RepeatSafe,
    int SuccessStatus,
    string SuccessBody,
    Func<IServiceProvider, CancellationToken, Task> Call,
    string? IgnoreReason = null)
{
    public static IReadOnlyList<Endpoint> All { get; } =
    [
        new("get task", AuditVendor.Scale, "GET", $"/v1/task/{Requests.TaskId}", RepeatSafe: true, 200, Answers.Task,
            (sp, ct) => sp.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId, ct)),
        new("list tasks", AuditVendor.Scale, "GET", "/v1/tasks", RepeatSafe: true, 200, Answers.TaskPage,
            (sp, ct) => sp.GetRequiredService<IScaleTasksApi>().ListTasksAsync(new ScaleTaskQuery { Project = "p" }, ct)),
        new("audit task", AuditVendor.Scale, "POST", $"/v1/task/{Requests.TaskId}/audit", RepeatSafe: false, 200, Answers.Task,
            (sp, ct) => sp.GetRequiredService<IScaleTasksApi>().AuditTaskAsync(Requests.TaskId, accepted: false, "boxes miss the tails", ct)),
        new("create fixless audit", AuditVendor.Scale, "PUT", "/v1/audits", RepeatSafe: false, 201, Answers.Audit,
            (sp, ct) => sp.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit(), ct)),
        new("list fixless audits", AuditVendor.Scale, "GET", "/v1/audits/", RepeatSafe: true, 200, Answers.AuditList,
            (sp, ct) => sp.GetRequiredService<IScaleAuditsApi>().ListAuditsAsync(taskId: Requests.TaskId, cancellationToken: ct)),
        new("submit review", AuditVendor.CloudFactory, "POST", $"/v1/workstreams/{Requests.WorkstreamId}/task_reviewed", RepeatSafe: false, 202,
            Answers.ReviewAccepted,
            (sp, ct) => sp.GetRequiredService<ICloudFactoryQualityApi>().SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: false), ct)),
        new("submit review with unique_id + replace_duplicate", AuditVendor.CloudFactory, "POST",
            $"/v1/workstreams/{Requests.WorkstreamId}/task_reviewed", RepeatSafe: true, 202, Answers.ReviewAccepted,
            (sp, ct) => sp.GetRequiredService<ICloudFactoryQualityApi>().SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: true), ct)),
    ];

    public string ErrorBody(int status) => Vendor == AuditVendor.Scale ? Answers.ScaleError(status) : Answers.CloudFactoryError();

    public string ErrorMessage => Vendor == AuditVendor.Scale ? Answers.ScaleErrorMessage : Answers.CloudFactoryErrorMessage;

    public override string ToString() => Name;
}
