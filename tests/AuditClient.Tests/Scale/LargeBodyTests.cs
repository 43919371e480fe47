using System.Text;
using System.Text.Json.Nodes;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Scale;

/// <summary>
/// Bodies far larger than the serializer's 16 KiB buffer, read from streams and sockets: a converter that works on a
/// whole string can still fail when the serializer hands it a reader that is not on its final block.
/// </summary>
public sealed class LargeBodyTests
{
    // Several hundred KB: dozens of serializer buffers, so values straddle every buffer boundary somewhere.
    private const int ManyItems = 1_500;

    [TestCase(ManyItems, TestName = "Audits of 1,500 feedback items read from a stream as from a string")]
    [TestCase(50, TestName = "Audits of 50 feedback items read from a stream as from a string")]
    public async Task A_large_audit_list_reads_from_a_stream_exactly_as_from_a_string(int items)
    {
        var json = LargeAuditList(items);
        Assert.That(Encoding.UTF8.GetByteCount(json), Is.GreaterThan(items * 200));

        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        var streamed = await AuditClientJson.DeserializeAsync<List<FixlessAudit>>(stream);
        var fromString = AuditClientJson.Deserialize<List<FixlessAudit>>(json);

        Assert.That(streamed![0].FeedbackItems, Has.Count.EqualTo(items));
        Assert.That(AuditClientJson.Serialize(streamed), Is.EqualTo(AuditClientJson.Serialize(fromString)));
        AssertScopesAsWritten(streamed[0], items);
    }

    [Test]
    public async Task A_stream_that_hands_over_one_byte_at_a_time_still_reads_every_scope()
    {
        var json = LargeAuditList(200);
        await using var trickle = new ChunkedStream(Encoding.UTF8.GetBytes(json), chunk: 1);

        var audits = await AuditClientJson.DeserializeAsync<List<FixlessAudit>>(trickle);

        AssertScopesAsWritten(audits![0], 200);
    }

    [Test]
    public async Task Listing_a_large_audit_over_a_socket_returns_every_item()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(LargeAuditList(ManyItems)));
        using var clients = Loopback.Clients(server);

        var audits = await clients.ScaleAudits.ListAuditsAsync(taskId: "task_1");

        AssertScopesAsWritten(audits.Single(), ManyItems);
    }

    [Test]
    public async Task Listing_an_audit_larger_than_the_pooled_buffer_over_a_socket_reads_it_from_the_stream_and_returns_every_item()
    {
        // Above the size the SDK reads into a pooled buffer and deserializes from a span: this one goes through the
        // other path, deserialized from the connection's stream as it arrives, which hands the converters one segment
        // at a time.
        const int Items = 8_000;
        var json = LargeAuditList(Items);
        Assert.That(Encoding.UTF8.GetByteCount(json), Is.GreaterThan(AuditClient.Core.Http.PooledContent.MaxPooledLength));
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits/").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(json));
        using var clients = Loopback.Clients(server);

        var audits = await clients.ScaleAudits.ListAuditsAsync(taskId: "task_1");

        AssertScopesAsWritten(audits.Single(), Items);
    }

    [Test]
    public async Task Creating_an_audit_of_sixty_items_on_the_fake_stores_one_audit_and_returns_it_whole()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var audit = new FixlessAuditCreate
        {
            TaskId = ScaleFake.ExampleTaskId,
            Result = FixlessAuditResult.Rejected,
            TargetResponseUrl = "https://example.com/response.json",
            FeedbackItems = [.. Enumerable.Range(0, 60).Select(i => new FeedbackItemCreate
            {
                Type = FeedbackItemType.Error,
                Category = FeedbackItemCategory.Missing,
                Description = new string('d', 200) + i,
                Scope = new FeedbackItemScopePolygon
                {
                    Vertices = [new Point2D(1, 2), new Point2D(3, 4), new Point2D(5, i)],
                    MissingAnnotationType = AnnotationType.Polygon2D,
                    Stationary = true,
                    MissingAnnotationClass = "car",
                    Interval = new FeedbackItemInterval { Start = 0, End = 10 },
                },
            })],
        };

        var created = await fakes.Clients.ScaleAudits.CreateAuditAsync(audit);
        var listed = await fakes.Clients.ScaleAudits.ListAuditsAsync(taskId: ScaleFake.ExampleTaskId);

        Assert.That(created.FeedbackItems, Has.Count.EqualTo(60));
        Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId), Has.Count.EqualTo(1));
        Assert.That(listed.Single().FeedbackItems!.Select(i => i.Description), Is.EqualTo(audit.FeedbackItems.Select(i => i.Description)));
    }

    private static void AssertScopesAsWritten(FixlessAudit audit, int items)
    {
        var list = audit.FeedbackItems!;
        Assert.That(list, Has.Count.EqualTo(items));
        for (var i = 0; i < items; i++)
        {
            var scope = list[i].Scope;
            var expected = (i % 5) switch
            {
                0 => scope is FeedbackItemScopeAnnotation { AnnotationId: var id, Interval.End: 10 } && id == "ann_" + i,
                1 => scope is FeedbackItemScopePolygon { Vertices.Count: 40, MissingAnnotationClass: "car" },
                2 => scope is FeedbackItemScopePoint { Coordinates: { X: 1.5, Y: -2 } },
                3 => scope is FeedbackItemScopeScene { Attribute: "weather" },
                _ => scope is FeedbackItemScopeUnknown unknown && unknown.Json.GetProperty("type").GetString() == "cuboid",
            };
            Assert.That(expected, Is.True, $"feedback_items[{i}].scope read as {scope}");
        }
    }

    /// <summary>
    /// One audit whose items cycle through every scope shape, with the scope's <c>type</c> first, in the middle or last,
    /// after properties the SDK does not know (nested objects and long arrays that the converter must step over).
    /// </summary>
    internal static string LargeAuditList(int items)
    {
        var feedback = new JsonArray();
        for (var i = 0; i < items; i++)
        {
            var scope = (i % 5) switch
            {
                0 => new JsonObject
                {
                    ["annotation_id"] = "ann_" + i,
                    ["sensor_id"] = 12345678901234567L,
                    ["interval"] = new JsonObject { ["type"] = "frame_range", ["start"] = 0, ["end"] = 10 },
                },
                1 => new JsonObject
                {
                    ["vertices"] = new JsonArray([.. Enumerable.Range(0, 40).Select(v => (JsonNode)new JsonArray(v * 1.25, -v))]),
                    ["missing_annotation_type"] = "polygon_2d",
                    ["stationary"] = false,
                    ["missing_annotation_class"] = "car",
                },
                2 => new JsonObject { ["coordinates"] = new JsonArray(1.5, -2), ["missing_annotation_type"] = "point_2d", ["stationary"] = true },
                3 => new JsonObject { ["attribute"] = "weather" },
                _ => new JsonObject { ["dimensions"] = new JsonArray(1, 2, 3), ["nested"] = new JsonObject { ["type"] = "annotation" } },
            };
            var type = (i % 5) switch { 0 => "annotation", 1 => "polygon", 2 => "point", 3 => "scene", _ => "cuboid" };

            // An unknown property holding a nested object with its own "type", and a long array, for the converter to skip.
            var extra = new JsonObject
            {
                ["type"] = "polygon",
                ["history"] = new JsonArray([.. Enumerable.Range(0, 30).Select(h => (JsonNode)("revision " + h))]),
            };
            var ordered = new JsonObject();
            var properties = scope.ToList();
            scope.Clear();
            switch (i % 3)
            {
                case 0:
                    ordered["type"] = type;
                    ordered["vendor_extra"] = extra;
                    foreach (var (k, v) in properties) ordered[k] = v;
                    break;
                case 1:
                    ordered["vendor_extra"] = extra;
                    ordered["type"] = type;
                    foreach (var (k, v) in properties) ordered[k] = v;
                    break;
                default:
                    foreach (var (k, v) in properties) ordered[k] = v;
                    ordered["vendor_extra"] = extra;
                    ordered["type"] = type;
                    break;
            }

            feedback.Add(new JsonObject
            {
                ["id"] = $"{i:x24}",
                ["type"] = "error",
                ["state"] = "open",
                ["category"] = "missing",
                ["description"] = "item " + i,
                ["scope"] = ordered,
            });
        }

        var audit = new JsonObject
        {
            ["id"] = "6594cfca95644b72685e76e1",
            ["type"] = "fixless",
            ["task_id"] = "task_1",
            ["result"] = "rejected",
            ["active"] = true,
            ["feedback_items"] = feedback,
        };
        return new JsonArray(audit).ToJsonString();
    }
}
