using BenchmarkDotNet.Running;

// `dotnet run -c Release --project tests/AuditClient.Benchmarks -- --filter '*'` runs every suite;
// add `--job short` for the quick mode. See RESULTS.md.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
