using System.Text;
using AuditClient.CloudFactory;
using AuditClient.RawHttp;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// A body that starts with the UTF-8 byte-order mark (<c>EF BB BF</c>), which RFC 8259 section 8.1 lets a parser ignore,
/// reads as the same body without it, whichever way the SDK reads it: from memory (a body with a Content-Length up to
/// the pooled size, an error's excerpt, a callback), or as it arrives (chunked, or larger). Answered over a raw socket,
/// byte for byte as written.
/// </summary>
public sealed class ByteOrderMarkTests
{
    private static readonly byte[] Mark = [0xEF, 0xBB, 0xBF];

    [Test]
    public async Task A_create_answered_201_with_a_byte_order_mark_and_a_Content_Length_returns_the_audit()
    {
        await using var server = Answering(201, Answers.Audit, chunked: false);
        using var clients = TestClients.For(server.Url);

        var audit = await clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit());

        Assert.That(audit.Id, Is.EqualTo("audit_1"));
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [TestCase(false, TestName = "A task answered with a byte-order mark and a Content-Length is read")]
    [TestCase(true, TestName = "A task answered with a byte-order mark in chunks is read")]
    public async Task A_task_answered_with_a_byte_order_mark_is_read(bool chunked)
    {
        await using var server = Answering(200, Answers.Task, chunked);
        using var clients = TestClients.For(server.Url);

        var task = await clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId);

        Assert.That(task.TaskId, Is.EqualTo(Requests.TaskId));
    }

    [Test]
    public async Task A_task_page_answered_with_a_byte_order_mark_and_a_Content_Length_is_read()
    {
        await using var server = Answering(200, Answers.TaskPage, chunked: false);
        using var clients = TestClients.For(server.Url);

        var page = await clients.Services.GetRequiredService<IScaleTasksApi>().ListTasksAsync(new ScaleTaskQuery());

        Assert.That(page.Docs!.Single().TaskId, Is.EqualTo(Requests.TaskId));
    }

    [Test]
    public async Task An_audit_list_answered_with_a_byte_order_mark_and_a_Content_Length_is_read()
    {
        await using var server = Answering(200, Answers.AuditList, chunked: false);
        using var clients = TestClients.For(server.Url);

        var audits = await clients.Services.GetRequiredService<IScaleAuditsApi>().ListAuditsAsync(taskId: Requests.TaskId);

        Assert.That(audits.Single().Id, Is.EqualTo("audit_1"));
    }

    [Test]
    public async Task An_audit_list_larger_than_the_pooled_buffer_answered_with_a_byte_order_mark_and_a_Content_Length_is_read()
    {
        var json = AuditClient.Tests.Scale.LargeBodyTests.LargeAuditList(8_000);
        Assert.That(Encoding.UTF8.GetByteCount(json), Is.GreaterThan(AuditClient.Core.Http.PooledContent.MaxPooledLength));
        await using var server = Answering(200, json, chunked: false);
        using var clients = TestClients.For(server.Url);

        var audits = await clients.Services.GetRequiredService<IScaleAuditsApi>().ListAuditsAsync(taskId: "task_1");

        Assert.That(audits.Single().FeedbackItems, Has.Count.EqualTo(8_000));
    }

    [Test]
    public async Task An_error_body_with_a_byte_order_mark_gives_the_vendors_message()
    {
        await using var server = Answering(404, Answers.ScaleError(404), chunked: false);
        using var clients = TestClients.For(server.Url);

        var error = await Assert.ThrowsAsync<AuditNotFoundException>(
            () => clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId));

        Assert.That(error.VendorMessage, Is.EqualTo(Answers.ScaleErrorMessage));
        Assert.That(error.ResponseExcerpt, Does.StartWith("{"));
    }

    [Test]
    public async Task A_review_acknowledged_with_a_byte_order_mark_keeps_CloudFactorys_message()
    {
        await using var server = Answering(200, Answers.ReviewAccepted, chunked: false);
        using var clients = TestClients.For(server.Url);

        var accepted = await clients.Services.GetRequiredService<ICloudFactoryQualityApi>().SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: true));

        Assert.That(accepted.Message, Is.EqualTo("Data successfully received."));
    }

    [Test]
    public async Task A_callback_body_with_a_byte_order_mark_is_parsed()
    {
        var receiver = new ScaleCallbackReceiver("callback-key");
        using var body = new MemoryStream([.. Mark, .. Encoding.UTF8.GetBytes("""{"task":{"task_id":"task_1","status":"completed"}}""")]);

        var callback = await receiver.ParseAsync(body);

        Assert.That(callback.TaskId, Is.EqualTo("task_1"));
    }

    private static RawHttpServer Answering(int status, string json, bool chunked)
    {
        byte[] body = [.. Mark, .. Encoding.UTF8.GetBytes(json)];
        var reason = status switch { 200 => "OK", 201 => "Created", _ => "Not Found" };
        return RawHttpServer.Start((_, stream, ct) => chunked
            ? RawHttpServer.WriteChunkedAsync(stream, status, reason, body, chunk: 7, ct)
            : RawHttpServer.WriteAsync(stream, status, reason, body, ct));
    }
}
