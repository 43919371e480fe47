using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Testing;
using Microsoft.Data.Sqlite;

namespace AuditClient.Reports.Tests;

/// <summary>
/// The store against the fakes over loopback HTTP, in a real SQLite file: every task once, resumed after a stop at any
/// page, only the listing calls when nothing changed, a changed task stored again, and a file that is not a store left
/// alone.
/// </summary>
public sealed class StoreSyncTests
{
    private string _directory = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _directory = Path.Combine(Path.GetTempPath(), "auditclient-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
    }

    [TearDown]
    public void DeleteDirectory()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    private string StorePath => Path.Combine(_directory, "audits.db");

    [Test]
    public async Task A_sync_stores_every_task_with_its_audits_once_and_a_second_sync_with_no_change_only_lists()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.GeneratedTaskCount = 230);
        using var clients = fakes.CreateClients();
        using var store = AuditStore.Open(StorePath);
        var options = new ScaleSyncOptions { Fixless = true, PageSize = 50 };

        var first = await ScaleStoreSync.RunAsync(store, clients.ScaleTasks, clients.ScaleAudits, options);
        var counts = store.Count();
        fakes.ClearRequests();
        var second = await ScaleStoreSync.RunAsync(store, clients.ScaleTasks, clients.ScaleAudits, options);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Tasks, Is.EqualTo(fakes.Scale.Tasks.Count));
            Assert.That(first.Pages, Is.EqualTo((fakes.Scale.Tasks.Count + 49) / 50));
            Assert.That(counts.Tasks, Is.EqualTo(fakes.Scale.Tasks.Count));
            Assert.That(counts.TaskAudits, Is.EqualTo(fakes.Scale.Tasks.Sum(t => t["audits"]?.AsArray().Count ?? 0)));
            Assert.That(counts.FixlessAudits, Is.EqualTo(fakes.Scale.Audits.Count));
            Assert.That(store.Count(), Is.EqualTo(counts), "nothing changed, nothing added");
            Assert.That(fakes.Requests.Select(r => r.Endpoint), Has.All.EqualTo(FakeEndpoint.ScaleListTasks), "no fixless listing for a task whose updated_at did not change");
            Assert.That(second.Tasks, Is.LessThan(first.Tasks), "only the tasks updated within the overlap are listed again");
        }
    }

    [Test]
    public async Task A_sync_stopped_after_any_page_resumes_from_the_next_and_stores_every_task_once()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.GeneratedTaskCount = 120);
        using var clients = fakes.CreateClients();
        using var store = AuditStore.Open(StorePath);
        var options = new ScaleSyncOptions { PageSize = 20, Full = false };

        var stops = 0;
        for (var stopAfter = 2; ; stopAfter += 2)
        {
            using var cancel = new CancellationTokenSource();
            var progress = new Inline(p =>
            {
                if (p.Pages == stopAfter)
                {
                    cancel.Cancel();
                }
            });
            try
            {
                var result = await ScaleStoreSync.RunAsync(store, clients.ScaleTasks, null, options, progress, cancel.Token);
                Assert.That(result.Resumed, Is.True);
                break;
            }
            catch (OperationCanceledException)
            {
                stops++;
            }
        }

        var listed = fakes.RequestsTo(FakeEndpoint.ScaleListTasks).Count;
        using (Assert.EnterMultipleScope())
        {
            Assert.That(stops, Is.GreaterThanOrEqualTo(2), "stopped twice at least");
            Assert.That(store.Count().Tasks, Is.EqualTo(fakes.Scale.Tasks.Count));
            Assert.That(listed, Is.EqualTo((fakes.Scale.Tasks.Count + 19) / 20), "no page was fetched twice");
        }
    }

    [Test]
    public async Task A_seeded_project_synced_with_its_fixless_audits_and_stopped_twice_is_stored_whole_and_once()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.SeedProject = new FakeProjectSeed("cow_detection") { TaskCount = 1500 });
        using var clients = fakes.CreateClients();
        using var store = AuditStore.Open(StorePath);
        var options = new ScaleSyncOptions { Project = "cow_detection", Fixless = true };
        for (var stop = 3; stop <= 9; stop += 6)
        {
            using var cancel = new CancellationTokenSource();
            var at = stop;
            await Assert.ThrowsAsync<OperationCanceledException>(() => ScaleStoreSync.RunAsync(
                store, clients.ScaleTasks, clients.ScaleAudits, options, new Inline(p => { if (p.Pages == at) cancel.Cancel(); }), cancel.Token));
        }

        var last = await ScaleStoreSync.RunAsync(store, clients.ScaleTasks, clients.ScaleAudits, options);

        var tasks = fakes.Scale.Tasks.Where(t => (string?)t["project"] == "cow_detection").ToList();
        var ids = tasks.Select(t => (string)t["task_id"]!).ToHashSet();
        var audits = fakes.Scale.Audits.Where(a => ids.Contains((string)a["task_id"]!)).ToList();
        var counts = store.Count();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(last.Resumed, Is.True);
            Assert.That(counts.Tasks, Is.EqualTo(1500));
            Assert.That(counts.TaskAudits, Is.EqualTo(tasks.Sum(t => t["audits"]?.AsArray().Count ?? 0)));
            Assert.That(counts.FixlessAudits, Is.EqualTo(audits.Count).And.GreaterThan(0));
            Assert.That(counts.FeedbackItems, Is.EqualTo(audits.Sum(a => a["feedback_items"]?.AsArray().Count ?? 0)));
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleListTasks), Has.Count.EqualTo(15), "no page fetched twice");
            Assert.That(store.Accumulate().ToReport().ByBatch, Has.Count.GreaterThan(3), "the project's batches");
        }
    }

    [Test]
    public async Task A_task_changed_at_the_vendor_is_stored_changed_by_the_next_sync()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.GeneratedTaskCount = 40);
        using var clients = fakes.CreateClients();
        using var store = AuditStore.Open(StorePath);
        await ScaleStoreSync.RunAsync(store, clients.ScaleTasks, null, new ScaleSyncOptions());
        var before = store.Accumulate().ToReport();

        var task = fakes.Scale.Tasks.First(t => (string?)t["status"] == "completed" && (t["audits"]?.AsArray().Count ?? 0) == 0);
        await clients.ScaleTasks.AuditTaskAsync((string)task["task_id"]!, accepted: false);
        await ScaleStoreSync.RunAsync(store, clients.ScaleTasks, null, new ScaleSyncOptions());
        var after = store.Accumulate().ToReport();

        Assert.That(after.TasksAudited.Count, Is.EqualTo(before.TasksAudited.Count + 1));
        Assert.That(after.Rejection.Count, Is.EqualTo(before.Rejection.Count + 1));
    }

    [Test]
    public async Task The_store_gives_the_figures_of_the_records_it_holds()
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.GeneratedTaskCount = 60);
        using var clients = fakes.CreateClients();
        using var store = AuditStore.Open(StorePath);
        await ScaleStoreSync.RunAsync(store, clients.ScaleTasks, clients.ScaleAudits, new ScaleSyncOptions { Fixless = true });

        var direct = new QualityAccumulator();
        await foreach (var task in clients.ScaleTasks.ListAllTasksAsync(new ScaleTaskQuery()))
        {
            direct.AddScaleTask(task, await clients.ScaleAudits.ListAuditsAsync(task.TaskId));
        }

        Assert.That(
            System.Text.Json.JsonSerializer.Serialize(store.Accumulate().ToReport()),
            Is.EqualTo(System.Text.Json.JsonSerializer.Serialize(direct.ToReport())));
    }

    [Test]
    public void Reviews_imported_twice_are_stored_once()
    {
        using var store = AuditStore.Open(StorePath);
        var reviews = Enumerable.Range(0, 5).Select(i => new TaskReview
        {
            WorkstreamId = "ws", UseCaseId = "uc", TaskDefinitionId = "td", UniqueId = "u" + i, WorkerId = "w", ReviewScore = 0.5,
            ReviewCompletedAt = DateTimeOffset.UnixEpoch,
        }).ToList();
        var anonymous = new TaskReview { WorkstreamId = "ws", WorkerId = "x", ReviewScore = 1 };

        var first = store.ImportReviews([.. reviews, anonymous]);
        reviews[0].ReviewScore = 0.9;
        var second = store.ImportReviews([.. reviews, anonymous]);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first, Is.EqualTo(6));
            Assert.That(second, Is.Zero);
            Assert.That(store.Count().Reviews, Is.EqualTo(6));
            Assert.That(store.Accumulate().ToReport().Workers.Single(w => w.WorkerId == "w").Scores.Max, Is.EqualTo(0.9), "replaced by the later import");
        }
    }

    [TestCase("{\"AuditClients\":{\"Scale\":{\"ApiKey\":\"x\"}}}")]
    [TestCase("SQLite format 3\0 but truncated")]
    public void A_file_that_is_not_a_store_is_refused_and_left_as_it_was(string content)
    {
        File.WriteAllText(StorePath, content);

        var error = Assert.Throws<AuditStoreException>(() => AuditStore.Open(StorePath).Dispose());

        Assert.That(error!.Message, Does.Contain(StorePath));
        Assert.That(File.ReadAllText(StorePath), Is.EqualTo(content));
    }

    [Test]
    public void Another_SQLite_database_is_refused_and_left_as_it_was()
    {
        using (var connection = new SqliteConnection($"Data Source={StorePath};Pooling=False"))
        {
            connection.Open();
            using var command = new SqliteCommand("CREATE TABLE customers (id INTEGER); INSERT INTO customers VALUES (1);", connection);
            command.ExecuteNonQuery();
        }

        var before = File.ReadAllBytes(StorePath);

        var error = Assert.Throws<AuditStoreException>(() => AuditStore.Open(StorePath).Dispose());

        Assert.That(error!.Message, Does.Contain("not an AuditClient store"));
        Assert.That(File.ReadAllBytes(StorePath), Is.EqualTo(before));
    }

    private sealed class Inline(Action<ScaleSyncProgress> report) : IProgress<ScaleSyncProgress>
    {
        public void Report(ScaleSyncProgress value) => report(value);
    }
}
