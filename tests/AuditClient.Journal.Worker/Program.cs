using System.Globalization;
using AuditClient;
using AuditClient.CloudFactory;
using AuditClient.Scale;

// Usage: worker <base address> <scale key> <cloudfactory key> <journal directory> <items> [audits-only] [hold]
// Submits <items> writes (35% fixless audits, 30% task audit actions, 35% reviews: the same input on every start) through
// the SDK's three bulk helpers at once, each with its journal in <journal directory>, and prints
// "done audits=<ok>/<n> actions=<ok>/<n> reviews=<ok>/<n>". The crash test kills it at any moment and starts it again.
// "audits-only": <items> fixless audits and nothing else. "hold": at the first outcome, prints "holding" and waits for a
// line (or the end) of its standard input, so that a test knows the run holds its journal while it does something else;
// it sends one audit at a time.
// A journal that cannot be used ends the worker with exit code 2 and "refused: <message>".
var server = new Uri(args[0]);
var (scaleKey, cloudFactoryKey, journals) = (args[1], args[2], args[3]);
var items = int.Parse(args[4], CultureInfo.InvariantCulture);
var auditsOnly = args.Skip(5).Contains("audits-only");
var (audits, actions) = auditsOnly ? (items, 0) : (items * 7 / 20, items * 6 / 20);
var reviews = items - audits - actions;

using var clients = AuditClients.Create(o =>
{
    o.Scale.ApiKey = scaleKey;
    o.Scale.BaseAddress = server;
    o.CloudFactory.ApiKey = cloudFactoryKey;
    o.CloudFactory.BaseAddress = server;
    foreach (var r in new[] { o.Scale.Resilience, o.CloudFactory.Resilience })
    {
        r.RequestsPerSecond = 1000;
        r.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        r.RetryMaxDelay = TimeSpan.FromMilliseconds(50);

        // Short, so the test's slow answers become timeouts; the total leaves room for a loaded machine.
        r.AttemptTimeout = TimeSpan.FromSeconds(1);
        r.TotalTimeout = TimeSpan.FromSeconds(60);
    }
});

// Held, one at a time: the run stops after its first item, with all the others still to send.
var hold = args.Skip(5).Contains("hold");
var options = new BulkOptions { MaxConcurrency = hold ? 1 : 16 };
Console.WriteLine("started");
IReadOnlyList<BulkItemResult<FixlessAuditCreate, FixlessAudit>> a;
IReadOnlyList<BulkItemResult<TaskAuditAction, ScaleTask>> t = [];
IReadOnlyList<BulkItemResult<TaskReview, TaskReviewAccepted>> r = [];
try
{
    var created = clients.ScaleAudits.CreateAuditManyAsync(
        Enumerable.Range(0, audits).Select(Audit).ToList(),
        options with { JournalPath = Path.Combine(journals, "audits.jsonl") },
        hold ? new Hold() : null);
    if (!auditsOnly)
    {
        var audited = clients.ScaleTasks.AuditTaskManyAsync(
            Enumerable.Range(0, actions).Select(Action).ToList(), options with { JournalPath = Path.Combine(journals, "actions.jsonl") });
        var reviewed = clients.CloudFactory.SubmitTaskReviewedManyAsync(
            Enumerable.Range(0, reviews).Select(Review).ToList(), options with { JournalPath = Path.Combine(journals, "reviews.jsonl") });
        t = await audited;
        r = await reviewed;
    }

    a = await created;
}
catch (BulkJournalException e)
{
    Console.WriteLine("refused: " + e.Message);
    return 2;
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"done audits={Ok(a)}/{a.Count} actions={Ok(t)}/{t.Count} reviews={Ok(r)}/{r.Count}"));
foreach (var failure in a.Select(x => x.Error).Concat(t.Select(x => x.Error)).Concat(r.Select(x => x.Error)).Where(e => e is not null).Take(3))
{
    Console.WriteLine("failure: " + failure!.Message);
}

return Ok(a) == a.Count && Ok(t) == t.Count && Ok(r) == r.Count ? 0 : 1;

static int Ok<TItem, TResult>(IReadOnlyList<BulkItemResult<TItem, TResult>> results) => results.Count(x => x.Status == BulkStatus.Succeeded);

static FixlessAuditCreate Audit(int i) => new()
{
    TaskId = AuditTaskId(i),
    Result = i % 3 == 0 ? FixlessAuditResult.Rejected : FixlessAuditResult.Accepted,
    TargetResponseUrl = string.Create(CultureInfo.InvariantCulture, $"https://example.test/responses/{i}.json"),
    Comments = string.Create(CultureInfo.InvariantCulture, $"crash test audit {i}"),
};

static TaskAuditAction Action(int i) => new() { TaskId = ActionTaskId(i), Accepted = i % 2 == 0, Comments = i % 5 == 0 ? "see the second frame" : null };

static TaskReview Review(int i) => new()
{
    WorkstreamId = "ws-crash",
    UseCaseId = "use-case-1",
    TaskDefinitionId = "task-def-1",
    TaskId = string.Create(CultureInfo.InvariantCulture, $"review-task-{i:D5}"),
    WorkerId = "worker@example.com",
    ReviewCompletedAt = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero),
    ReviewScore = (i % 10) / 10.0,
};

static string AuditTaskId(int i) => string.Create(CultureInfo.InvariantCulture, $"crash-audit-{i:D5}");

static string ActionTaskId(int i) => string.Create(CultureInfo.InvariantCulture, $"crash-action-{i:D5}");

/// <summary>Holds the run (and so its journal) at its first outcome until the test says go on.</summary>
internal sealed class Hold : IProgress<BulkProgress>
{
    private int _reports;

    public void Report(BulkProgress value)
    {
        if (Interlocked.Increment(ref _reports) == 1)
        {
            Console.WriteLine("holding");
            Console.In.ReadLine();
        }
    }
}
