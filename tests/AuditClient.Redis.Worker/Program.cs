using System.Globalization;
using AuditClient;
using AuditClient.CloudFactory;

// Usage: worker <redis> <server> <api key> <key prefix> <calls> <requests per second> <fallback share>
// Builds the clients (which connects to Redis), warms up with a few calls, prints "ready", waits for a line on stdin,
// then submits <calls> reviews at once and prints "done ok=<n> failed=<n>" (and the first failure). Exit code 0 when
// every call succeeded.
var (redis, server, apiKey, prefix) = (args[0], new Uri(args[1]), args[2], args[3]);
var calls = int.Parse(args[4], CultureInfo.InvariantCulture);
var rps = int.Parse(args[5], CultureInfo.InvariantCulture);
var share = double.Parse(args[6], CultureInfo.InvariantCulture);

using var clients = AuditClients.Create(o =>
{
    o.CloudFactory.ApiKey = apiKey;
    o.CloudFactory.BaseAddress = server;
    o.CloudFactory.Resilience.RequestsPerSecond = rps;
    o.CloudFactory.Resilience.TotalTimeout = TimeSpan.FromMinutes(2);
    o.UseRedisQuota(redis, q =>
    {
        q.KeyPrefix = prefix;
        q.FallbackShare = share;
    });
});
var api = clients.CloudFactory;

// JIT, connections and the server warmed up, so the measured burst does not carry first-call delays.
await Task.WhenAll(Enumerable.Range(0, 4).Select(i => api.SubmitTaskReviewedAsync(Review("warmup", i))));
Console.WriteLine("ready");
_ = Console.ReadLine();

var results = await Task.WhenAll(Enumerable.Range(0, calls).Select(async i =>
{
    try
    {
        await api.SubmitTaskReviewedAsync(Review(apiKey, i));
        return null;
    }
    catch (Exception e)
    {
        return e;
    }
}));
var failures = results.Where(e => e is not null).ToList();
Console.WriteLine($"done ok={calls - failures.Count} failed={failures.Count}");
if (failures.Count > 0)
{
    Console.WriteLine("first failure: " + failures[0]);
}

return failures.Count == 0 ? 0 : 1;

static TaskReview Review(string tag, int i) => new()
{
    WorkstreamId = "345d6802-0efa-46de-a73c-6c24f094dfcf",
    UseCaseId = "rr3d6802-0efa-46de-a73c-6c24f094dfcf",
    TaskDefinitionId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
    TaskId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
    UniqueId = string.Create(CultureInfo.InvariantCulture, $"{tag}-{i:D5}"),
    ReplaceDuplicate = true,
    WorkerId = "test_worker@cf.com",
    ReviewCompletedAt = new DateTimeOffset(2020, 12, 22, 10, 13, 24, TimeSpan.Zero),
    ReviewedBy = "test_worker@cf.com",
    ReviewScore = 0.78,
    ReviewType = ReviewType.QA,
};
