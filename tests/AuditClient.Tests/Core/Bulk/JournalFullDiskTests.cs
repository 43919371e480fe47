using System.Diagnostics;
using System.Text.Json.Nodes;
using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// A journal on a file system that fills up during the run: a real tmpfs of its own, mounted for the test (CI runs as
/// root), filled by another file until the kernel answers "No space left on device".
/// </summary>
public sealed class JournalFullDiskTests
{
    private string _mount = null!;

    [SetUp]
    public async Task MountSmallFileSystem()
    {
        _mount = Directory.CreateTempSubdirectory("auditclient-journal-disk-").FullName;
        var (code, output) = await RunAsync("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", _mount);
        if (code != 0)
        {
            Directory.Delete(_mount);
            var reason = "mounting a tmpfs needs root (CI runs as root): " + output;
            if (Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            {
                Assert.Fail(reason);
            }

            Assert.Ignore(reason);
        }
    }

    [TearDown]
    public async Task Unmount()
    {
        if (Directory.Exists(_mount))
        {
            await RunAsync("umount", _mount);
            Directory.Delete(_mount, recursive: true);
        }
    }

    private string JournalPath => Path.Combine(_mount, "run.jsonl");

    private string FillerPath => Path.Combine(_mount, "filler");

    [Test]
    public async Task A_journal_that_fills_its_disk_stops_the_run_keeps_every_known_outcome_and_a_resume_stores_nothing_twice()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = Enumerable.Range(0, 40).Select(i => new FixlessAuditCreate
        {
            TaskId = fakes.Scale.AddTask(new JsonObject()),
            Result = FixlessAuditResult.Accepted,
            Comments = "audit " + i,
            TargetResponseUrl = "https://example.test/responses/" + i + ".json",
        }).ToList();
        var options = new BulkOptions { JournalPath = JournalPath, MaxConcurrency = 1 };

        // After the tenth outcome the disk is full: the journal's next lines fit in what is left of its last page at most.
        var results = await clients.ScaleAudits.CreateAuditManyAsync(audits, options, new FillDiskAt(10, FillDisk));

        var succeeded = results.TakeWhile(r => r.Status == BulkStatus.Succeeded).Count();
        var refused = results.Skip(succeeded).ToList();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(results, Has.Count.EqualTo(40), "every item has its outcome");
            Assert.That(succeeded, Is.InRange(10, 39), "the answers known before the journal failed are kept");
            Assert.That(refused.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Failed));
            Assert.That(refused.Select(r => r.Error), Has.All.TypeOf<BulkJournalException>());
            Assert.That(refused[0].Error!.Message, Does.StartWith("Journal " + JournalPath + ": cannot be written (No space left on device")
                .And.Contain($"item {succeeded} (key {refused[0].Key}) was not sent"));
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(succeeded), "nothing sent after the journal failed");
            Assert.That(fakes.Scale.Audits, Has.Count.EqualTo(succeeded));
        }

        File.Delete(FillerPath);
        var resumed = await clients.ScaleAudits.CreateAuditManyAsync(audits, options);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(resumed.Select(r => r.Status), Has.All.EqualTo(BulkStatus.Succeeded));
            Assert.That(resumed.Take(succeeded).Select(r => r.Resumed), Has.All.True, "done, or found at the vendor by its token");
            Assert.That(resumed.Take(succeeded).Select(r => r.Result!.Id), Is.EqualTo(results.Take(succeeded).Select(r => r.Result!.Id)));
            Assert.That(fakes.Scale.Audits.GroupBy(a => (string?)a["task_id"]).Select(g => g.Count()).ToList(), Has.Count.EqualTo(40).And.All.EqualTo(1), "each audit stored once");
        }
    }

    [Test]
    public async Task A_journal_that_cannot_be_created_on_a_full_disk_is_refused_before_sending_and_left_empty()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(FastRetries.Apply);
        var audits = new List<FixlessAuditCreate> { new() { TaskId = fakes.Scale.AddTask(new JsonObject()), Result = FixlessAuditResult.Accepted, TargetResponseUrl = "https://example.test/r.json" } };
        FillDisk();

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() => clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath }));

        Assert.That(refused!.Message, Does.StartWith("Journal " + JournalPath + ": cannot be written (No space left on device").And.Contain("Nothing was sent"));
        Assert.That(fakes.Requests, Is.Empty);
        Assert.That(new FileInfo(JournalPath).Length, Is.Zero, "left empty, so the next run starts it afresh");
    }

    [Test]
    public async Task A_journal_header_cut_short_by_a_full_disk_is_emptied_again_so_the_file_is_left_empty()
    {
        await using var fakes = await AuditFakes.StartAsync();

        // A base address long enough for the header to need two pages of the file system, of which only one is left:
        // the header is written in part before the disk is full.
        var address = new Uri(fakes.BaseAddress, new string('p', 6000) + "/");
        using var clients = fakes.CreateClients(o =>
        {
            FastRetries.Apply(o);
            o.Scale.BaseAddress = address;
        });
        var audits = new List<FixlessAuditCreate> { new() { TaskId = fakes.Scale.AddTask(new JsonObject()), Result = FixlessAuditResult.Accepted, TargetResponseUrl = "https://example.test/r.json" } };
        FillDisk();
        using (var filler = new FileStream(FillerPath, FileMode.Open, FileAccess.Write))
        {
            filler.SetLength(filler.Length - Environment.SystemPageSize);
        }

        var refused = await Assert.ThrowsAsync<BulkJournalException>(() => clients.ScaleAudits.CreateAuditManyAsync(audits, new BulkOptions { JournalPath = JournalPath }));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(refused!.Message, Does.StartWith("Journal " + JournalPath + ": cannot be written (No space left on device").And.EndWith("Nothing was sent."));
            Assert.That(fakes.Requests, Is.Empty);
            Assert.That(new FileInfo(JournalPath).Length, Is.Zero, "the part of the header written is removed");
        }
    }

    [Test]
    public async Task An_item_an_earlier_run_sent_that_the_full_journal_cannot_record_as_sent_again_is_not_sent_and_says_the_next_run_looks_it_up()
    {
        await using var fakes = await AuditFakes.StartAsync();
        using var clients = fakes.CreateClients(o =>
        {
            FastRetries.Apply(o);
            o.Scale.ReconcileDelay = TimeSpan.FromMilliseconds(10);
        });
        var audits = new List<FixlessAuditCreate> { new() { TaskId = fakes.Scale.AddTask(new JsonObject()), Result = FixlessAuditResult.Accepted, TargetResponseUrl = "https://example.test/r.json" } };
        var options = new BulkOptions { JournalPath = JournalPath };

        // The first run: the create fails before storing and every look-up fails, so the item stays in doubt.
        fakes.Faults.Arm(FakeEndpoint.ScaleCreateAudit, FakeFault.ServerError());
        fakes.Faults.Arm(FakeEndpoint.ScaleListAudits, FakeFault.ServerError(System.Net.HttpStatusCode.ServiceUnavailable), times: 50);
        var first = (await clients.ScaleAudits.CreateAuditManyAsync(audits, options)).Single();
        Assert.That(first.Error, Is.InstanceOf<AuditApiException>().With.Property(nameof(AuditApiException.MayHaveTakenEffect)).True);
        fakes.Faults.Clear();
        fakes.ClearRequests();

        // The journal padded (in a header property it does not read) to exactly one page, and the disk filled: its next
        // line needs a page that is not there.
        var lines = File.ReadAllLines(JournalPath);
        var header = JsonNode.Parse(lines[0])!.AsObject();
        header["pad"] = string.Empty;
        var rest = lines.Skip(1).Sum(l => l.Length + 1);
        header["pad"] = new string('x', Environment.SystemPageSize - rest - 1 - header.ToJsonString().Length);
        lines[0] = header.ToJsonString();
        File.WriteAllText(JournalPath, string.Join('\n', lines) + "\n");
        Assert.That(new FileInfo(JournalPath).Length, Is.EqualTo(Environment.SystemPageSize));
        FillDisk();

        var second = (await clients.ScaleAudits.CreateAuditManyAsync(audits, options)).Single();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(second.Status, Is.EqualTo(BulkStatus.Failed));
            Assert.That(second.Error, Is.TypeOf<BulkJournalException>());
            Assert.That(second.Error!.Message, Does.StartWith("Journal " + JournalPath + ": cannot be written (No space left on device").And.EndWith(
                $"; item 0 (key {second.Key}) was not sent again (its earlier send is journaled, so the next run looks it up at the vendor first). Once the journal can be written again, run again with the same journal: nothing is sent twice."));
            Assert.That(second.Error.InnerException, Is.InstanceOf<IOException>());
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListAudits), Has.Count.EqualTo(2), "looked up, and not found");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Is.Empty, "not sent without its line on disk");
        }
    }

    private void FillDisk()
    {
        using var filler = new FileStream(FillerPath, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                filler.Write(block);
            }
        }
        catch (IOException)
        {
            // Full.
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            info.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, await output + await error);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }

    /// <summary>Calls <paramref name="fill"/> at the <paramref name="at"/>th outcome, on the thread that reports it.</summary>
    private sealed class FillDiskAt(int at, Action fill) : IProgress<BulkProgress>
    {
        public void Report(BulkProgress value)
        {
            if (value.Completed == at)
            {
                fill();
            }
        }
    }
}
