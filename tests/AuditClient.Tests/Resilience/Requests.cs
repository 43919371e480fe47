using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// Every request object and canned vendor answer the resilience tests use, in one place: when the models change, only
/// this file does.
/// </summary>
internal static class Requests
{
    public const string TaskId = "task_1";

    public const string WorkstreamId = "ws_1";

    public static FixlessAuditCreate ValidAudit() => new()
    {
        TaskId = TaskId,
        Result = FixlessAuditResult.Accepted,
        TargetResponseUrl = "https://example.test/responses/task_1.json",
    };

    /// <summary>
    /// A valid review. <paramref name="repeatSafe"/> asks for one that carries <c>unique_id</c> with
    /// <c>replace_duplicate</c>, which CloudFactory deduplicates.
    /// </summary>
    public static TaskReview ValidReview(bool repeatSafe)
    {
        var review = new TaskReview
        {
            WorkstreamId = WorkstreamId,
            UseCaseId = "use-case-1",
            TaskDefinitionId = "task-def-1",
            WorkerId = "worker@example.com",
            ReviewCompletedAt = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
            ReviewScore = 0.5,
        };
        return repeatSafe ? review.With(c => { c.UniqueId = "review-1"; c.ReplaceDuplicate = true; }) : review;
    }
}

/// <summary>What the vendors answer when all is well, and their error bodies.</summary>
internal static class Answers
{
    public const string Task = """{"task_id":"task_1"}""";

    public const string Audit = """{"id":"audit_1","task_id":"task_1"}""";

    public const string TaskPage = """{"docs":[{"task_id":"task_1"}],"total":1,"limit":100,"has_more":false,"next_token":null}""";

    public const string AuditList = """[{"id":"audit_1","task_id":"task_1"}]""";

    public const string ReviewAccepted = """{"message":"Data successfully received."}""";

    public const string ScaleErrorMessage = "Scale had a problem";

    public const string CloudFactoryErrorMessage = "CloudFactory had a problem";

    public static string ScaleError(int status) => $$"""{"status_code":{{status}},"error":"{{ScaleErrorMessage}}"}""";

    public static string CloudFactoryError() => $$"""{"message":"{{CloudFactoryErrorMessage}}"}""";

    public const string HtmlBadGateway = """
        <html>
        <head><title>502 Bad Gateway</title></head>
        <body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body>
        </html>
        """;
}
