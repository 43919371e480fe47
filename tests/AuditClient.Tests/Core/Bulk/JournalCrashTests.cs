using System.Globalization;
using System.Text.Json.Nodes;
using AuditClient.Testing;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// The journal across real crashes: a child process (AuditClient.Journal.Worker) submits 2,000 writes of the three
/// kinds against the fakes, which this process runs (so what they stored survives the child); it is killed with
/// SIGKILL three times, at write counts drawn at random, and started again with the same journals each time, while
/// faults are injected. Kill points are counted in writes seen at the fakes, not in wall time, so a loaded machine
/// only makes the test slower.
/// </summary>
public sealed class JournalCrashTests
{
    private const int Items = 2000;
    private const int Audits = Items * 7 / 20;
    private const int Actions = Items * 6 / 20;
    private const int Reviews = Items - Audits - Actions;

    private static readonly FakeEndpoint[] Writes = [FakeEndpoint.ScaleCreateAudit, FakeEndpoint.ScaleAuditTask, FakeEndpoint.CloudFactoryTaskReviewed];

    [Test]
    [CancelAfter(600_000)]
    public async Task Killed_three_times_under_faults_every_write_is_stored_once_and_every_item_has_a_final_result(CancellationToken cancellationToken)
    {
        var seed = Environment.TickCount;
        var random = new Random(seed);
        TestContext.Out.WriteLine("seed " + seed.ToString(CultureInfo.InvariantCulture));
        var journals = Directory.CreateTempSubdirectory("auditclient-crash-").FullName;
        await using var fakes = await AuditFakes.StartAsync(o => o.GeneratedTaskCount = 0, cancellationToken);
        for (var i = 0; i < Audits; i++)
        {
            fakes.Scale.AddTask(new JsonObject { ["task_id"] = TaskId("crash-audit", i) });
        }

        for (var i = 0; i < Actions; i++)
        {
            fakes.Scale.AddTask(new JsonObject { ["task_id"] = TaskId("crash-action", i) });
        }

        using var faults = new CancellationTokenSource();
        var injecting = InjectFaultsAsync(fakes, random, faults.Token);
        try
        {
            var killAt = 0;
            for (var run = 1; run <= 3; run++)
            {
                // Between a tenth and a quarter of the writes further on: the later runs also start by reconciling.
                killAt = Math.Max(killAt, WritesSeen(fakes)) + random.Next(Items / 10, Items / 4);
                using var worker = Start(fakes, journals);
                while (WritesSeen(fakes) < killAt && !worker.Process.HasExited)
                {
                    await Task.Delay(5, cancellationToken);
                }

                Assert.That(worker.Process.HasExited, Is.False, $"run {run} ended before its kill point: {worker.Output()}");
                worker.Process.Kill();
                await worker.Process.WaitForExitAsync(cancellationToken);
                TestContext.Out.WriteLine($"run {run} killed at {WritesSeen(fakes)} writes");
            }

            using var last = Start(fakes, journals);
            await last.Process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
            Assert.That(last.Process.ExitCode, Is.Zero, last.Output());
            Assert.That(last.Output(), Does.Contain($"done audits={Audits}/{Audits} actions={Actions}/{Actions} reviews={Reviews}/{Reviews}"));
        }
        finally
        {
            await faults.CancelAsync();
            await injecting;
        }

        using (Assert.EnterMultipleScope())
        {
            var stored = fakes.Scale.Audits.GroupBy(a => (string?)a["task_id"]).ToDictionary(g => g.Key!, g => g.Count());
            Assert.That(stored, Has.Count.EqualTo(Audits), "an audit for every task");
            Assert.That(stored.Where(p => p.Value != 1).Select(p => p.Key), Is.Empty, "one stored audit per task");
            var actionAudits = Enumerable.Range(0, Actions).Select(i => fakes.Scale.GetTask(TaskId("crash-action", i))!["audits"]?.AsArray().Count ?? 0).ToList();
            Assert.That(actionAudits.Select((n, i) => (n, i)).Where(p => p.n != 1).Select(p => TaskId("crash-action", p.i)), Is.Empty, "every task audit action once");
            var reviews = fakes.CloudFactory.Reviews.GroupBy(r => (string?)r["task_id"]).ToDictionary(g => g.Key!, g => g.Count());
            Assert.That(reviews, Has.Count.EqualTo(Reviews));
            Assert.That(fakes.CloudFactory.Reviews, Has.Count.EqualTo(Reviews), "one stored review per review");
            foreach (var (file, count) in new[] { ("audits.jsonl", Audits), ("actions.jsonl", Actions), ("reviews.jsonl", Reviews) })
            {
                var final = File.ReadAllLines(Path.Combine(journals, file)).Skip(1).Select(l => JsonNode.Parse(l)!)
                    .GroupBy(l => (int)l["index"]!).ToDictionary(g => g.Key, g => (string)g.Last()["state"]!);
                Assert.That(final.Keys.Order(), Is.EqualTo(Enumerable.Range(0, count)), file + ": a line for every item");
                Assert.That(final.Values, Has.All.EqualTo("done"), file + ": a final result for every item");
            }
        }

        Directory.Delete(journals, recursive: true);
    }

    private static string TaskId(string prefix, int i) => string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i:D5}");

    private static int WritesSeen(AuditFakes fakes) => Writes.Sum(e => fakes.RequestsTo(e).Count);

    /// <summary>
    /// Arms faults on random write endpoints as writes go by: 500s and connection resets before or after the fake stored
    /// the write, answers too slow to wait for (the worker's attempt timeout is 1 s), and stalls after storing.
    /// </summary>
    private static async Task InjectFaultsAsync(AuditFakes fakes, Random random, CancellationToken cancellationToken)
    {
        try
        {
            var armedAt = 0;
            while (!cancellationToken.IsCancellationRequested)
            {
                // One fault per 25 writes: every kind meets every fault many times, and no item meets one on every one
                // of its (bounded) resends.
                var endpoint = Writes[random.Next(Writes.Length)];
                var seen = WritesSeen(fakes);
                if (seen >= armedAt + 25 && fakes.Faults.Pending(endpoint) == 0)
                {
                    armedAt = seen;
                    fakes.Faults.Arm(endpoint, random.Next(6) switch
                    {
                        0 => FakeFault.ServerError(),
                        1 => FakeFault.ServerErrorAfterStoring(),
                        2 => FakeFault.ConnectionReset(),
                        3 => FakeFault.ConnectionResetAfterStoring(),
                        4 => FakeFault.StallAfterStoring(TimeSpan.FromSeconds(1.5)),
                        _ => FakeFault.Delay(TimeSpan.FromSeconds(1.5)),
                    });
                }

                await Task.Delay(20, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static JournalWorker Start(AuditFakes fakes, string journals) => JournalWorker.Start(fakes, journals, Items);
}
