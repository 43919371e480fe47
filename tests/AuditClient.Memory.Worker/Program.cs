using System.Globalization;
using AuditClient;
using AuditClient.Scale;

// Usage: worker <base address>
// Lists one page of Scale tasks (GET /v1/tasks?limit=100) from <base address> through the SDK, then prints one line:
// "peak_kb=<VmHWM> retained_kb=<managed heap after a full collection, the answer still referenced> <outcome>", where
// the outcome is "tasks=<n> annotations=<n>" for a page and "error=<status> excerpt=<chars> too_large=<whether the
// message names Resilience:MaxResponseBytes>" for an error. Its own
// process, so that the peak is this call's alone: the memory test starts it once per kind of answer.
var server = new Uri(args[0]);
using var clients = AuditClients.Create(o =>
{
    o.Scale.ApiKey = "memory-test-key";
    o.Scale.BaseAddress = server;
    var r = o.Scale.Resilience;
    r.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
    r.RetryMaxDelay = TimeSpan.FromMilliseconds(50);

    // Generous: a loaded machine moves 200 MB over loopback in seconds, not minutes.
    r.AttemptTimeout = TimeSpan.FromMinutes(2);
    r.TotalTimeout = TimeSpan.FromMinutes(10);
});

object? answer;
string outcome;
try
{
    var page = await clients.ScaleTasks.ListTasksAsync(new ScaleTaskQuery { Project = "memory", Limit = 100 });
    answer = page;
    var annotations = page.Docs!.Sum(t => t.Response!.Value.GetProperty("annotations").GetArrayLength());
    outcome = string.Create(CultureInfo.InvariantCulture, $"tasks={page.Docs!.Count} annotations={annotations}");
}
catch (AuditApiException e)
{
    answer = e;
    outcome = string.Create(CultureInfo.InvariantCulture, $"error={(int?)e.StatusCode} excerpt={e.ResponseExcerpt?.Length} too_large={e.Message.Contains("MaxResponseBytes", StringComparison.Ordinal)}");
}

var retained = GC.GetTotalMemory(forceFullCollection: true);
var peak = File.ReadLines("/proc/self/status").Single(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
GC.KeepAlive(answer);
Console.WriteLine(string.Create(
    CultureInfo.InvariantCulture,
    $"peak_kb={long.Parse(peak["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture)} retained_kb={retained / 1024} {outcome}"));
