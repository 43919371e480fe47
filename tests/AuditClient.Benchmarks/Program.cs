using AuditClient.Benchmarks;
using AuditClient.Benchmarks.Bulk;
using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/AuditClient.Benchmarks -- --full
//     every suite with the full job (3 launches x 10 iterations), then the bulk harness: what RESULTS.md reports.
//     With BenchmarkDotNet arguments (--full --filter '*Scope*'), only those suites, with the full job.
// dotnet run -c Release --project tests/AuditClient.Benchmarks -- --filter '*' --job short --bulk
//     the quick mode: every suite once with BenchmarkDotNet's short job, then the bulk harness.
// Any other arguments go to BenchmarkDotNet as they are (--filter, --job, --list flat...); --bulk alone runs only the
// bulk harness.
var full = args.Contains("--full");
var benchmarkArgs = args.Where(a => a is not "--full" and not "--bulk").ToArray();
var bulk = args.Contains("--bulk") || (full && benchmarkArgs.Length == 0);

if (full)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
        .Run(benchmarkArgs.Length == 0 ? ["--filter", "*"] : benchmarkArgs, BenchmarkConfigs.Full());
}
else if (benchmarkArgs.Length > 0 || !bulk)
{
    BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(benchmarkArgs);
}

return bulk ? await BulkHarness.RunAsync().ConfigureAwait(false) : 0;
