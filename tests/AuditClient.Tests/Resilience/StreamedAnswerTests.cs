using System.Globalization;
using System.Text;
using AuditClient.Core.Http;
using AuditClient.RawHttp;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// A success body larger than the pooled buffer (or of unknown length) is deserialized as it arrives, and still inside
/// its attempt: a body that stalls ends with the attempt's deadline, one cut off is a transport failure judged by the
/// retry rules, and one that is not JSON is reported with its start, as a buffered body is. Answered over a raw socket.
/// </summary>
public sealed class StreamedAnswerTests
{
    // A task of about 2 MB: twice the largest body read into pooled memory.
    private static readonly byte[] LargeTask = Encoding.UTF8.GetBytes(
        $$"""{"task_id":"{{Requests.TaskId}}","note":"{{new string('x', 2 * PooledContent.MaxPooledLength)}}"}""");

    [TestCase(false, TestName = "A large GET answer with a Content-Length cut off mid-body is retried and the retry returns the task")]
    [TestCase(true, TestName = "A large chunked GET answer cut off mid-body is retried and the retry returns the task")]
    public async Task A_large_GET_answer_cut_off_mid_body_is_retried(bool chunked)
    {
        await using var server = RawHttpServer.Start(async (request, stream, ct) =>
        {
            if (request.Arrival == 1)
            {
                await WriteStartAsync(stream, chunked, ct);

                // The connection ends mid-body: the ServeAsync loop sees the client's next read fail, or none.
                throw new IOException("cut off by the test");
            }

            await WriteWholeAsync(stream, chunked, ct);
        });
        using var clients = TestClients.For(server.Url);

        var task = await clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId);

        Assert.That(task.AdditionalProperties!["note"].GetString(), Has.Length.EqualTo(2 * PooledContent.MaxPooledLength));
        Assert.That(server.Requests, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_large_GET_answer_that_stalls_mid_body_ends_with_the_attempts_deadline()
    {
        using var stalled = new CancellationTokenSource();
        await using var server = RawHttpServer.Start(async (_, stream, ct) =>
        {
            await WriteStartAsync(stream, chunked: false, ct);
            await stream.FlushAsync(ct);

            // Nothing more until the client gives up on this connection (or the test ends).
            using var both = CancellationTokenSource.CreateLinkedTokenSource(ct, stalled.Token);
            await Task.Delay(Timeout.Infinite, both.Token);
        });
        using var clients = TestClients.For(server.Url, r =>
        {
            r.AttemptTimeout = TimeSpan.FromSeconds(1);
            r.RetryEnabled = false;
        });

        try
        {
            var error = await Assert.ThrowsAsync<AuditTimeoutException>(
                () => clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId));

            // The attempt's deadline, not the total one (60 s).
            Assert.That(error.Message, Does.Contain("timed out after 1 s"));
            Assert.That(server.Requests, Has.Count.EqualTo(1));
        }
        finally
        {
            await stalled.CancelAsync();
        }
    }

    [Test]
    public async Task A_large_create_answer_cut_off_mid_body_is_a_transport_failure_that_may_have_taken_effect_and_is_not_repeated()
    {
        await using var server = RawHttpServer.Start(async (_, stream, ct) =>
        {
            await WriteStartAsync(stream, chunked: false, ct, status: "201 Created");
            throw new IOException("cut off by the test");
        });
        using var clients = TestClients.For(server.Url);

        var error = await Assert.ThrowsAsync<AuditTransportException>(
            () => clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(error.MayHaveTakenEffect, Is.True);
        Assert.That(error.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(server.Requests, Has.Count.EqualTo(1));
    }

    [TestCase(false, TestName = "A large answer with a Content-Length that is not JSON is reported with its start")]
    [TestCase(true, TestName = "A large chunked answer that is not JSON is reported with its start")]
    public async Task A_large_answer_that_is_not_JSON_is_reported_with_its_start(bool chunked)
    {
        var page = Encoding.ASCII.GetBytes("<html><title>Maintenance</title>" + new string(' ', 2 * PooledContent.MaxPooledLength) + "</html>");
        await using var server = RawHttpServer.Start((_, stream, ct) => chunked
            ? RawHttpServer.WriteChunkedAsync(stream, 201, "Created", page, chunk: 64 * 1024, ct)
            : RawHttpServer.WriteAsync(stream, 201, "Created", page, ct));
        using var clients = TestClients.For(server.Url);

        var error = await Assert.ThrowsAsync<AuditApiException>(
            () => clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(error.Message, Does.Contain("not the expected JSON"));
        Assert.That(error.ResponseExcerpt, Does.StartWith("<html><title>Maintenance</title>"));
        Assert.That(error.MayHaveTakenEffect, Is.True, "a 201 was a success at the vendor");
    }

    [Test]
    public async Task An_empty_chunked_answer_is_an_empty_body_where_JSON_was_expected()
    {
        await using var server = RawHttpServer.Start((_, stream, ct) => RawHttpServer.WriteChunkedAsync(stream, 200, "OK", [], chunk: 1, ct));
        using var clients = TestClients.For(server.Url);

        var error = await Assert.ThrowsAsync<AuditApiException>(
            () => clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId));

        Assert.That(error.Message, Does.Contain("empty body"));
    }

    // The head and the first half of the large task.
    private static async Task WriteStartAsync(Stream stream, bool chunked, CancellationToken ct, string status = "200 OK")
    {
        var framing = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {LargeTask.Length.ToString(CultureInfo.InvariantCulture)}";
        var (code, reason) = (int.Parse(status.Split(' ')[0], CultureInfo.InvariantCulture), status.Split(' ', 2)[1]);
        await stream.WriteAsync(RawHttpServer.Head(code, reason, "Content-Type: application/json", framing), ct);
        var half = LargeTask.AsMemory(0, LargeTask.Length / 2);
        await (chunked ? RawHttpServer.WriteChunkAsync(stream, half, ct) : stream.WriteAsync(half, ct).AsTask());
    }

    private static Task WriteWholeAsync(Stream stream, bool chunked, CancellationToken ct) => chunked
        ? RawHttpServer.WriteChunkedAsync(stream, 200, "OK", LargeTask, chunk: 256 * 1024, ct)
        : RawHttpServer.WriteAsync(stream, 200, "OK", LargeTask, ct);
}
