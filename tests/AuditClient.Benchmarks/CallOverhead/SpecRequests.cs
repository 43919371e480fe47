using System.Text.Json.Nodes;
using AuditClient.Scale;
using AuditClient.Tests.Scale;

namespace AuditClient.Benchmarks.CallOverhead;

/// <summary>
/// The creation body of scale-fixless-audits.txt ("Example"), for the SDK and for the hand-written client. Two values
/// differ from the spec's text, both placeholders there: <c>target_response_url</c> is a URL (the spec says it comes
/// from <c>task.response.annotations.url</c>), and each item has the <c>category</c> the spec requires but its example
/// omits. The SDK's model starts from the tests' catalog; the hand-written one is its copy in hand-written types, and
/// both serialize to the same bytes (<see cref="CallOverheadBenchmarks"/> checks it).
/// </summary>
internal static class SpecRequests
{
    private const string TaskId = "task_id_here";
    private const string TargetResponseUrl = "https://example.com/responses/task_id_here/annotations.json";

    public static FixlessAuditCreate SdkCreate()
    {
        var audit = FixlessAuditSpecExamples.Request();
        audit.TargetResponseUrl = TargetResponseUrl;
        audit.FeedbackItems![0].Category = FeedbackItemCategory.Label;
        audit.FeedbackItems[1].Category = FeedbackItemCategory.Attribute;
        return audit;
    }

    public static HwFixlessAuditCreate HandWrittenCreate() => new()
    {
        Result = "rejected",
        TaskId = TaskId,
        Comments = "test reject comment",
        TargetResponseUrl = TargetResponseUrl,
        FeedbackItems =
        [
            new HwFeedbackItemCreate
            {
                Type = "comment",
                Scope = new HwScope
                {
                    Type = "annotation",
                    AnnotationId = "abc123",
                    SensorId = "789xyz",
                    Interval = new HwInterval { Start = 0, End = 10 },
                },
                Category = "label",
                Severity = "mild",
                Description = "feedback 1",
            },
            new HwFeedbackItemCreate
            {
                Type = "confirmation",
                Scope = new HwScope
                {
                    Type = "scene",
                    Attribute = "weather",
                    Interval = new HwInterval { Start = 0, End = 100 },
                },
                Category = "attribute",
                Description = "feedback 2",
            },
        ],
        Metadata = new JsonObject { ["test"] = true },
    };
}
