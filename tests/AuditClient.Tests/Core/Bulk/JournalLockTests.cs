using System.Globalization;
using System.Text.Json.Nodes;
using AuditClient.Core.Bulk;
using AuditClient.Core.Serialization;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// One run per journal at a time: two real processes (AuditClient.Journal.Worker) on one journal against the fakes of
/// this process, which store what they are sent; and the lock of a run killed with SIGKILL.
/// </summary>
public sealed class JournalLockTests
{
    private const int Items = 50;

    private string _directory = null!;

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("auditclient-journal-lock-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    private string JournalPath => Path.Combine(_directory, "audits.jsonl");

    [Test]
    [CancelAfter(300_000)]
    public async Task Two_runs_started_together_on_one_journal_store_each_audit_once_and_the_second_is_refused_before_sending(CancellationToken cancellationToken)
    {
        await using var fakes = await StartFakesAsync(cancellationToken);

        // Each run stops at its first outcome until both have opened the journal (or one has ended): the run that got
        // in cannot finish before the other has tried.
        using var first = JournalWorker.Start(fakes, _directory, Items, "audits-only", "hold");
        using var second = JournalWorker.Start(fakes, _directory, Items, "audits-only", "hold");
        while (!first.Process.HasExited && !second.Process.HasExited && !(first.Printed("holding") && second.Printed("holding")))
        {
            await Task.Delay(20, cancellationToken);
        }

        first.Release();
        second.Release();
        await first.Process.WaitForExitAsync(cancellationToken);
        await second.Process.WaitForExitAsync(cancellationToken);

        var runs = new[] { first, second };
        var stored = fakes.Scale.Audits.GroupBy(a => (string?)a["task_id"]).ToDictionary(g => g.Key!, g => g.Count());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(runs.Select(r => r.Process.ExitCode), Is.EquivalentTo(new[] { 0, 2 }), $"first: {first.Output()}; second: {second.Output()}");
            var refused = runs.FirstOrDefault(r => r.Process.ExitCode == 2);
            Assert.That(refused?.Output() ?? "no run was refused", Does.Contain("refused: Journal " + JournalPath + ": is in use by another run").And.Contain("Nothing was sent"));
            Assert.That(refused?.Printed("holding") ?? false, Is.False, "the refused run had no outcome: it sent nothing");
            Assert.That(runs.Count(r => r.Printed($"done audits={Items}/{Items}")), Is.EqualTo(1));
            Assert.That(stored, Has.Count.EqualTo(Items), "an audit for every line");
            Assert.That(stored.Where(p => p.Value != 1).Select(p => p.Key), Is.Empty, "one stored copy of each");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(Items), "one PUT per line");
        }

        Assert.That(File.ReadAllLines(JournalPath).Skip(1).Select(l => (string?)JsonNode.Parse(l)!["state"]).Count(s => s == "done"), Is.EqualTo(Items), "the journal is whole");
    }

    [Test]
    [CancelAfter(300_000)]
    public async Task A_run_killed_while_holding_its_journal_leaves_no_stale_lock(CancellationToken cancellationToken)
    {
        await using var fakes = await StartFakesAsync(cancellationToken);
        using (var holder = JournalWorker.Start(fakes, _directory, Items, "audits-only", "hold"))
        {
            while (!holder.Printed("holding"))
            {
                Assert.That(holder.Process.HasExited, Is.False, holder.Output());
                await Task.Delay(20, cancellationToken);
            }

            // While the child holds it, this process cannot open it...
            var refused = Assert.Throws<BulkJournalException>(() => OpenAnyJournal(JournalPath));
            Assert.That(refused!.Message, Does.Contain("is in use by another run"));
            Assert.That(await CatAsync(JournalPath, cancellationToken), Does.StartWith("{\"journal\":\"auditclient.bulk-journal\""), "a reader that takes no lock (cat) is not blocked");

            holder.Process.Kill();
            await holder.Process.WaitForExitAsync(cancellationToken);
        }

        // ...and once it is killed, the next run opens it with nothing cleaned up, and finishes what the first started.
        using var next = JournalWorker.Start(fakes, _directory, Items, "audits-only");
        await next.Process.WaitForExitAsync(cancellationToken);
        Assert.That(next.Process.ExitCode, Is.Zero, next.Output());
        Assert.That(next.Output(), Does.Contain($"done audits={Items}/{Items}"));
        Assert.That(fakes.Scale.Audits.GroupBy(a => (string?)a["task_id"]).Select(g => g.Count()).ToList(), Has.Count.EqualTo(Items).And.All.EqualTo(1));
    }

    [Test]
    public async Task A_bulk_run_on_a_journal_another_run_holds_is_refused_and_sends_nothing()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Enumerable.Range(0, 5).Select(i => new FixlessAuditCreate
        {
            TaskId = fakes.Scale.AddTask(new JsonObject()),
            Result = FixlessAuditResult.Accepted,
            TargetResponseUrl = "https://example.test/responses/" + i + ".json",
        }).ToList();
        await using var held = OpenAnyJournal(JournalPath);

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() =>
            clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath }));

        Assert.That(refused!.Message, Does.Contain("is in use by another run").And.Contain(JournalPath));
        Assert.That(fakes.Requests, Is.Empty);
    }

    private static async Task<string> CatAsync(string path, CancellationToken cancellationToken)
    {
        var info = new System.Diagnostics.ProcessStartInfo("cat") { RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(path);
        using var cat = System.Diagnostics.Process.Start(info)!;
        var text = await cat.StandardOutput.ReadToEndAsync(cancellationToken);
        await cat.WaitForExitAsync(cancellationToken);
        return text;
    }

    private static BulkJournal OpenAnyJournal(string path) =>
        BulkJournal.Open(path, new JournalFor("scale.fixless_audit", null, AuditClientJsonContext.Wire.FixlessAudit, null, null, CallerKeys: false));

    private static async Task<AuditFakes> StartFakesAsync(CancellationToken cancellationToken)
    {
        var fakes = await AuditFakes.StartAsync(o => o.GeneratedTaskCount = 0, cancellationToken);
        for (var i = 0; i < Items; i++)
        {
            fakes.Scale.AddTask(new JsonObject { ["task_id"] = string.Create(CultureInfo.InvariantCulture, $"crash-audit-{i:D5}") });
        }

        return fakes;
    }
}
