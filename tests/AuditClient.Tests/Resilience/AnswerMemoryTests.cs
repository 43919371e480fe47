using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text;
using AuditClient.RawHttp;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// Memory follows what a caller keeps, not the size of the answer: a 200 MB answer to a GET, read in a child process
/// (AuditClient.Memory.Worker) that reports its own peak resident set (<c>VmHWM</c>), so that nothing of this process
/// (the test runner, the server writing the answer) is counted.
/// </summary>
/// <remarks>
/// The answer is a legal page of Scale's task listing: 100 tasks (the most a page holds), each with a segmentation
/// response of 100 annotations whose run-length mask is a 20,000-character string, 2 MB a task. The SDK keeps a task's
/// <c>response</c> as a <see cref="System.Text.Json.JsonElement"/>, so the page the caller gets holds the 200 MB of
/// responses as UTF-8: the peak is that page, the runtime, and what reading the answer costs on top. The error is a
/// 500 whose JSON body is 200 MB, retried as a GET's 500 is.
/// </remarks>
[NonParallelizable]
public sealed class AnswerMemoryTests
{
    private const int Tasks = 100;
    private const int AnnotationsPerTask = 100;
    private const int MaskChars = 20_000;
    private const long PeakLimitKb = 512 * 1024;

    // A 256 MiB string read as one JSON token: the reader's buffer grows to hold it whole before the cap is reached.
    private const long EndlessPeakLimitKb = 1024 * 1024;

    // What reading may cost above what the caller keeps, the runtime's own (about 55 MB here) included: a buffer of the
    // whole answer (200 MB) does not fit in it.
    private const long ReadingLimitKb = 128 * 1024;

    private static string WorkerDll => typeof(AnswerMemoryTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "MemoryWorkerDll").Value!;

    [Test]
    [CancelAfter(600_000)]
    public async Task A_200_MB_task_page_with_a_Content_Length_is_read_with_a_peak_working_set_under_512_MB(CancellationToken cancellationToken)
    {
        var page = new TaskPage();
        Assert.That(page.Length, Is.GreaterThan(200_000_000L));
        await using var server = RawHttpServer.Start((_, stream, ct) => page.WriteAsync(stream, chunked: false, ct));

        var report = await RunWorkerAsync(server.Url, cancellationToken);

        Assert.That(report, Does.Contain($"tasks={Tasks} annotations={Tasks * AnnotationsPerTask}"));
        AssertBounded(report);
    }

    [Test]
    [CancelAfter(600_000)]
    public async Task A_200_MB_chunked_task_page_is_read_with_a_peak_working_set_under_512_MB(CancellationToken cancellationToken)
    {
        var page = new TaskPage();
        await using var server = RawHttpServer.Start((_, stream, ct) => page.WriteAsync(stream, chunked: true, ct));

        var report = await RunWorkerAsync(server.Url, cancellationToken);

        Assert.That(report, Does.Contain($"tasks={Tasks} annotations={Tasks * AnnotationsPerTask}"));
        AssertBounded(report);
    }

    [Test]
    [CancelAfter(600_000)]
    public async Task A_200_MB_error_body_retried_is_read_up_to_its_excerpt_with_a_peak_working_set_under_512_MB(CancellationToken cancellationToken)
    {
        var filler = Encoding.ASCII.GetBytes(new string('x', 1 << 20));
        const int Megabytes = 200;
        var start = "{\"status_code\":500,\"error\":\"Scale had a problem\",\"trace\":\""u8.ToArray();
        var end = "\"}"u8.ToArray();
        var length = start.Length + ((long)Megabytes * filler.Length) + end.Length;
        await using var server = RawHttpServer.Start(async (_, stream, ct) =>
        {
            await stream.WriteAsync(RawHttpServer.Head(500, "Internal Server Error", "Content-Type: application/json", $"Content-Length: {length.ToString(CultureInfo.InvariantCulture)}"), ct);
            await stream.WriteAsync(start, ct);
            for (var i = 0; i < Megabytes; i++)
            {
                await stream.WriteAsync(filler, ct);
            }

            await stream.WriteAsync(end, ct);
        });

        var report = await RunWorkerAsync(server.Url, cancellationToken);

        Assert.That(report, Does.Contain("error=500 excerpt=1024"));
        Assert.That(server.Requests, Has.Count.GreaterThan(1), "a GET's 500 is retried, each attempt with its 200 MB body");
        AssertBounded(report);
    }

    [Test]
    [CancelAfter(600_000)]
    public async Task A_success_body_that_never_ends_fails_at_MaxResponseBytes_with_a_bounded_peak(CancellationToken cancellationToken)
    {
        // One string that never closes, sent faster than the attempt's two minutes could bound: only the size cap
        // (256 MiB by default) stops it.
        var filler = Encoding.ASCII.GetBytes(new string('a', 1 << 20));
        await using var server = RawHttpServer.Start(async (_, stream, ct) =>
        {
            await stream.WriteAsync(RawHttpServer.Head(200, "OK", "Content-Type: application/json", "Transfer-Encoding: chunked"), ct);
            await RawHttpServer.WriteChunkAsync(stream, "{\"docs\":[{\"task_id\":\"t1\",\"params\":\""u8.ToArray(), ct);
            while (!ct.IsCancellationRequested)
            {
                await RawHttpServer.WriteChunkAsync(stream, filler, ct);
            }
        });

        var report = await RunWorkerAsync(server.Url, cancellationToken);

        Assert.That(report, Does.Contain("error=200 excerpt=1024 too_large=True"));
        Assert.That(server.Requests, Has.Count.EqualTo(1), "an answer too large is not asked for again");
        Assert.That(Kb(report, "peak_kb="), Is.LessThan(EndlessPeakLimitKb), report);
    }

    // Under 512 MB at peak, and no more than the reading budget above what the caller keeps.
    private static void AssertBounded(string report)
    {
        var (peak, retained) = (Kb(report, "peak_kb="), Kb(report, "retained_kb="));
        Assert.That(peak, Is.LessThan(PeakLimitKb), report);
        Assert.That(peak - retained, Is.LessThan(ReadingLimitKb), "what reading cost above the answer kept: " + report);
    }

    private static long Kb(string report, string name) =>
        long.Parse(report.Split(' ').Single(p => p.StartsWith(name, StringComparison.Ordinal))[name.Length..], CultureInfo.InvariantCulture);

    private static async Task<string> RunWorkerAsync(Uri server, CancellationToken cancellationToken)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(WorkerDll);
        info.ArgumentList.Add(server.ToString());
        using var worker = Process.Start(info)!;
        try
        {
            var output = worker.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = worker.StandardError.ReadToEndAsync(cancellationToken);
            await worker.WaitForExitAsync(cancellationToken);
            var report = (await output).Trim();
            TestContext.Out.WriteLine(report);
            Assert.That(worker.ExitCode, Is.Zero, report + await errors);
            return report;
        }
        finally
        {
            if (!worker.HasExited)
            {
                worker.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The 200 MB page, written as it is generated from one task's response (2 MB) kept once.</summary>
    private sealed class TaskPage
    {
        private static readonly byte[] Start = "{\"docs\":["u8.ToArray();
        private static readonly byte[] End = Encoding.ASCII.GetBytes($"],\"total\":{Tasks},\"limit\":{Tasks},\"has_more\":false}}");
        private readonly byte[] _response;

        public TaskPage()
        {
            // A run-length mask: pairs of start and run length, as segmentation responses carry them.
            var mask = new StringBuilder(MaskChars);
            for (var run = 0; mask.Length < MaskChars; run++)
            {
                mask.Append(CultureInfo.InvariantCulture, $"{run * 37 % 100_000} {run % 50 + 1} ");
            }

            var text = new StringBuilder("{\"annotations\":[");
            for (var a = 0; a < AnnotationsPerTask; a++)
            {
                text.Append(a == 0 ? "" : ",")
                    .Append(CultureInfo.InvariantCulture, $"{{\"uuid\":\"{new Guid(a, 0, 0, new byte[8])}\",\"label\":\"car\",\"mask_rle\":\"")
                    .Append(mask.ToString(0, MaskChars))
                    .Append("\"}");
            }

            _response = Encoding.ASCII.GetBytes(text.Append("]}").ToString());
            Length = Start.Length + End.Length + Enumerable.Range(0, Tasks).Sum(i => (long)TaskStart(i).Length + _response.Length + 1 + (i == 0 ? 0 : 1));
        }

        public long Length { get; }

        public async Task WriteAsync(Stream stream, bool chunked, CancellationToken cancellationToken)
        {
            var framing = chunked ? "Transfer-Encoding: chunked" : $"Content-Length: {Length.ToString(CultureInfo.InvariantCulture)}";
            await stream.WriteAsync(RawHttpServer.Head(200, "OK", "Content-Type: application/json", framing), cancellationToken);
            await PartAsync(Start);
            for (var i = 0; i < Tasks; i++)
            {
                await PartAsync(Encoding.ASCII.GetBytes((i == 0 ? "" : ",") + TaskStart(i)));
                await PartAsync(_response);
                await PartAsync("}"u8.ToArray());
            }

            await PartAsync(End);
            if (chunked)
            {
                await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken);
            }

            Task PartAsync(byte[] part) => chunked ? RawHttpServer.WriteChunkAsync(stream, part, cancellationToken) : stream.WriteAsync(part, cancellationToken).AsTask();
        }

        private static string TaskStart(int i) => string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"task_id\":\"task_{i:D5}\",\"type\":\"segmentannotation\",\"status\":\"completed\",\"created_at\":\"2024-05-01T12:00:00.000Z\",\"params\":{{\"attachment\":\"https://example.test/images/{i:D5}.png\"}},\"response\":");
    }
}
