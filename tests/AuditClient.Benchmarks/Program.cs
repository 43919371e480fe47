using AuditClient.Benchmarks;
using AuditClient.Benchmarks.Bulk;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/AuditClient.Benchmarks -- --full
//     every suite with the full job (3 launches x 10 iterations), then the bulk harness: what RESULTS.md reports.
//     With BenchmarkDotNet arguments (--full --filter '*Scope*'), only those suites, with the full job.
// dotnet run -c Release --project tests/AuditClient.Benchmarks -- --quick
//     the quick check: every suite once, in-process, 3 short iterations, then the bulk, paging and journal harnesses
//     once each and the paired harness in one process (under 3 minutes; allocations exact, times rough).
// dotnet run -c Release --project tests/AuditClient.Benchmarks -- --paired
//     the SDK's call and the hand-written one in alternating blocks of one process, in memory and over sockets, three
//     processes: the time ratios of RESULTS.md (--processes N, --blocks N).
// dotnet run -c Release --project tests/AuditClient.Benchmarks -- --validate
//     auditclient validate on 2,000 audits (25 MB) and 10,000 reviews, a process per run (build src/AuditClient.Cli in
//     Release first).
// dotnet run -c Release --project tests/AuditClient.Benchmarks -- --journal
//     only the journal harness: 5,000 submissions at 1,000/s without and with a journal, side by side.
// dotnet run -c Release --project tests/AuditClient.Benchmarks -- --report
//     the quality report from a store of 100,000 tasks and 1,000,000 feedback items, beside a read of the same rows.
// Any other arguments go to BenchmarkDotNet as they are (--filter, --job, --list flat...); --bulk alone runs only the
// bulk and paging harnesses.
// The shared-quota suite starts its own redis-server; without one on the PATH it is left out, saying so.
var types = typeof(Program).Assembly.GetTypes()
    .Where(t => t is { IsPublic: true, IsAbstract: false } && t.GetMethods().Any(m => m.IsDefined(typeof(BenchmarkDotNet.Attributes.BenchmarkAttribute), false)))
    .ToList();
if (AuditClient.Benchmarks.SharedQuota.SharedQuotaBenchmarks.RedisServer() is null)
{
    Console.WriteLine("SharedQuotaBenchmarks skipped: redis-server is not installed (apt-get install redis-server).");
    types.Remove(typeof(AuditClient.Benchmarks.SharedQuota.SharedQuotaBenchmarks));
}

if (args.Contains("--probe"))
{
    // Where the time over sockets goes, layer by layer (RESULTS.md, "Over sockets").
    return await AuditClient.Benchmarks.Sockets.LayerProbe.RunAsync(args).ConfigureAwait(false);
}

if (args.Contains("--paired"))
{
    // The in-memory time ratio from alternating blocks in one process, synchronous and asynchronous answers (RESULTS.md).
    return await AuditClient.Benchmarks.Diagnostics.PairedHarness.RunAsync(args).ConfigureAwait(false);
}

if (args.Contains("--validate"))
{
    // auditclient validate on 2,000 audits (25 MB) and 10,000 reviews, the tool built in Release (RESULTS.md, "Validation").
    return await AuditClient.Benchmarks.Validation.ValidateHarness.RunAsync(args).ConfigureAwait(false);
}

if (args.Contains("--alloc"))
{
    // What one in-memory call allocates, by type (RESULTS.md, "Where the bytes go").
    return await AuditClient.Benchmarks.Diagnostics.AllocationProbe.RunAsync(args).ConfigureAwait(false);
}

var switcher = BenchmarkSwitcher.FromTypes([.. types]);
var full = args.Contains("--full");
if (args.Contains("--report"))
{
    // The report from a store of 100,000 tasks and 1,000,000 feedback items, beside reading the same rows (--tasks N, --items N).
    return await AuditClient.Benchmarks.Reports.ReportHarness.RunAsync(args).ConfigureAwait(false);
}

if (args.Contains("--journal"))
{
    return await AuditClient.Benchmarks.Journal.JournalHarness.RunAsync().ConfigureAwait(false);
}

if (args.Contains("--quick"))
{
    // Every suite and harness once, for a check that all of them run (exact allocations, rough times): under 3 minutes.
    switcher.Run(["--filter", "*"], BenchmarkConfigs.Quick());
    var quickBulk = await BulkHarness.RunAsync(runs: 1).ConfigureAwait(false);
    var quickPaging = await AuditClient.Benchmarks.Sockets.PagingHarness.RunAsync(runs: 1).ConfigureAwait(false);
    var quickJournal = await AuditClient.Benchmarks.Journal.JournalHarness.RunAsync(pairs: 1).ConfigureAwait(false);
    var quickPaired = await AuditClient.Benchmarks.Diagnostics.PairedHarness.RunAsync(["--processes", "1", "--blocks", "5"]).ConfigureAwait(false);
    return quickBulk | quickPaging | quickJournal | quickPaired;
}

var benchmarkArgs = args.Where(a => a is not "--full" and not "--bulk").ToArray();
var bulk = args.Contains("--bulk") || (full && benchmarkArgs.Length == 0);

if (full)
{
    switcher.Run(benchmarkArgs.Length == 0 ? ["--filter", "*"] : benchmarkArgs, BenchmarkConfigs.Full());
}
else if (benchmarkArgs.Length > 0 || !bulk)
{
    switcher.Run(benchmarkArgs);
}

if (!bulk)
{
    return 0;
}

// Both harnesses run, whatever the first says: each prints its own verdict.
var bulkResult = await BulkHarness.RunAsync().ConfigureAwait(false);
var pagingResult = await AuditClient.Benchmarks.Sockets.PagingHarness.RunAsync().ConfigureAwait(false);
return bulkResult | pagingResult;
