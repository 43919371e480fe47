using System.Text.Json.Nodes;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Scale;

/// <summary>The README's fixless audit snippet compiles and runs: it is copied here verbatim, and a test keeps the two equal.</summary>
public sealed class FixlessAuditReadmeTests
{
    private const string ReadmeSection = "### Scale fixless audits";

    [Test]
    public async Task The_readme_snippet_creates_an_audit_and_lists_the_tasks_audits()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(FixlessAuditSpecExamples.FullResponseBody));
        server.Given(Request.Create().WithPath("/v1/audits/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody($"[{FixlessAuditSpecExamples.FullResponseBody}]"));
        using var clients = Loopback.Clients(server);

        // README snippet: begin
        var created = await clients.ScaleAudits.CreateAuditAsync(new FixlessAuditCreate
        {
            TaskId = "5f127f6f26831d0010e985e5",
            Result = FixlessAuditResult.Rejected,
            TargetResponseUrl = "https://example.com/responses/5f127f6f26831d0010e985e5.json",
            Comments = "one cuboid is too wide, one pedestrian is missing",
            FeedbackItems =
            [
                new FeedbackItemCreate
                {
                    Type = FeedbackItemType.Error,
                    Category = FeedbackItemCategory.Geometry,
                    Severity = FeedbackItemSeverity.Standard,
                    Scope = new FeedbackItemScopeAnnotation
                    {
                        AnnotationId = "cuboid_17",
                        Interval = new FeedbackItemInterval { Start = 0, End = 40 },
                    },
                },
                new FeedbackItemCreate
                {
                    Type = FeedbackItemType.Error,
                    Category = FeedbackItemCategory.Missing,
                    Scope = new FeedbackItemScopePoint
                    {
                        Coordinates = new Point2D(12.5, -3.25),
                        MissingAnnotationType = AnnotationType.Cuboid,
                        MissingAnnotationClass = "pedestrian",
                        Stationary = false,
                        Interval = new FeedbackItemInterval { Start = 10, End = 12 },
                    },
                },
            ],
        });
        Console.WriteLine($"created {created.Srn}");

        var audits = await clients.ScaleAudits.ListAuditsAsync(taskId: "5f127f6f26831d0010e985e5");
        var latest = audits.FirstOrDefault(a => a.Active == true);
        foreach (var item in latest?.FeedbackItems ?? [])
        {
            var where = item.Scope switch
            {
                FeedbackItemScopeAnnotation a => $"annotation {a.AnnotationId}",
                FeedbackItemScopePoint p => $"missing {p.MissingAnnotationType} at {p.Coordinates}",
                FeedbackItemScopeUnknown u => $"a '{u.Type}' scope this SDK version does not know",
                var other => other?.Type,
            };
            Console.WriteLine($"{item.State} {item.Type} ({where}), grader conflict: {item.GraderOutput?.Conflict}");
        }
        // README snippet: end

        var sent = JsonNode.Parse(server.LogEntries.First(e => e.RequestMessage.Method == "PUT").RequestMessage.Body!)!;
        Assert.That(sent["feedback_items"]![1]!["scope"]!.ToJsonString(), Is.EqualTo(
            """{"type":"point","coordinates":[12.5,-3.25],"missing_annotation_type":"cuboid","stationary":false,"missing_annotation_class":"pedestrian","interval":{"type":"frame_range","start":10,"end":12}}"""));
        Assert.That(created.Srn, Is.EqualTo("srn:scale:avcv:audit:6594cfca95644b72685e76e1"));
        Assert.That(latest?.FeedbackItems, Has.Count.EqualTo(3));
        Assert.That(server.LogEntries.Single(e => e.RequestMessage.Method == "GET").RequestMessage.RawQuery, Is.EqualTo("?task_id=5f127f6f26831d0010e985e5"));
    }

    [Test]
    public void The_readme_shows_exactly_the_snippet_this_file_runs()
    {
        var root = RepositoryRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var section = readme[(readme.IndexOf(ReadmeSection, StringComparison.Ordinal) + ReadmeSection.Length)..];
        section = section[..section.IndexOf("\n### ", StringComparison.Ordinal)];
        var start = section.IndexOf("```csharp\n", StringComparison.Ordinal) + "```csharp\n".Length;
        var shown = section[start..section.IndexOf("```", start, StringComparison.Ordinal)];

        var source = File.ReadAllText(Path.Combine(root, "tests", "AuditClient.Tests", "Scale", nameof(FixlessAuditReadmeTests) + ".cs"));
        var begin = source.IndexOf("// README snippet: begin", StringComparison.Ordinal);
        begin = source.IndexOf('\n', begin) + 1;
        var run = source[begin..source.LastIndexOf('\n', source.IndexOf("// README snippet: end", StringComparison.Ordinal))];

        Assert.That(Normalize(shown), Is.EqualTo(Normalize(run)));
    }

    // Indentation differs (the snippet sits inside a test method); the text must not.
    private static string Normalize(string code) =>
        string.Join("\n", code.ReplaceLineEndings("\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AuditClient.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("AuditClient.sln not found above the test directory.");
    }
}
