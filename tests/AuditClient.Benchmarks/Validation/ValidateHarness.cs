using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace AuditClient.Benchmarks.Validation;

/// <summary>
/// The validation bar (<c>auditclient validate</c> on 2,000 fixless audits of 1 to 60 feedback items, about 25 MB, and on
/// 10,000 CloudFactory reviews, each in under 1 s): writes both files, then runs the tool built in Release as users run
/// it, a process per run, and prints the median wall time of five runs (process start included).
/// Build the tool first: <c>dotnet build -c Release src/AuditClient.Cli</c>; <c>--tool PATH</c> times another build of
/// it (an earlier commit's, for a before and after). On Linux the CPU time of each run (user and system, from
/// <c>getrusage(RUSAGE_CHILDREN)</c>) is printed too: on a loaded machine it moves far less than the wall time.
/// </summary>
internal static class ValidateHarness
{
    private const int Runs = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        var given = Array.IndexOf(args, "--tool");
        var tool = given >= 0 && given + 1 < args.Length
            ? Path.GetFullPath(args[given + 1])
            : Path.Combine(RepositoryRoot(), "src", "AuditClient.Cli", "bin", "Release", "net10.0", "AuditClient.Cli.dll");
        if (!File.Exists(tool))
        {
            Console.WriteLine($"validate harness: {tool} is missing; build it with: dotnet build -c Release src/AuditClient.Cli");
            return 1;
        }

        var directory = Directory.CreateTempSubdirectory("auditclient-validate-");
        try
        {
            var audits = Path.Combine(directory.FullName, "audits.jsonl");
            var reviews = Path.Combine(directory.FullName, "reviews.jsonl");
            WriteAudits(audits);
            WriteReviews(reviews);
            var failed = 0;
            foreach (var (kind, file, count) in new[] { ("audits", audits, 2_000), ("reviews", reviews, 10_000) })
            {
                var times = new List<double>();
                var cpu = new List<double>();
                for (var i = 0; i < Runs; i++)
                {
                    var before = ChildrenCpuSeconds();
                    var (seconds, exit) = await TimeAsync(tool, kind, file).ConfigureAwait(false);
                    times.Add(seconds);
                    cpu.Add(ChildrenCpuSeconds() - before);
                    failed |= exit;
                }

                times.Sort();
                cpu.Sort();
                var megabytes = new FileInfo(file).Length / 1024.0 / 1024.0;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"validate {kind}: {count:N0} records, {megabytes:F1} MB: median {times[Runs / 2]:F2} s (min {times[0]:F2}, max {times[^1]:F2}) over {Runs} runs, CPU median {cpu[Runs / 2]:F2} s (min {cpu[0]:F2}); bar 1 s"));
            }

            return failed;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<(double Seconds, int Exit)> TimeAsync(string tool, string kind, string file)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { tool, "validate", kind, file })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().ConfigureAwait(false);
        clock.Stop();
        await Task.WhenAll(output, error).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            Console.WriteLine($"validate {kind} exited with {process.ExitCode}: {(await output.ConfigureAwait(false)).Split('\n')[0]} {await error.ConfigureAwait(false)}");
            return (clock.Elapsed.TotalSeconds, 1);
        }

        return (clock.Elapsed.TotalSeconds, 0);
    }

    // Valid audits (nearly all of a real file are), every scope shape, with descriptions and metadata: about 25 MB.
    private static void WriteAudits(string path)
    {
        var random = new Random(2026);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        for (var a = 0; a < 2_000; a++)
        {
            var line = new StringBuilder(16_384);
            line.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"fixless\",\"task_id\":\"task-{a:D6}\",\"result\":\"rejected\",\"target_response_url\":\"https://example.com/responses/task-{a:D6}.json\",\"comments\":\"checked by the night shift\",\"feedback_items\":[");
            var items = random.Next(1, 61);
            for (var i = 0; i < items; i++)
            {
                if (i > 0)
                {
                    line.Append(',');
                }

                var start = random.Next(0, 100);
                var interval = string.Create(CultureInfo.InvariantCulture, $"\"interval\":{{\"type\":\"frame_range\",\"start\":{start},\"end\":{start + random.Next(0, 50)}}}");
                var scope = (i % 4) switch
                {
                    0 => $"{{\"type\":\"annotation\",\"annotation_id\":\"box_{i}\",\"sensor_id\":{i % 5},{interval}}}",
                    1 => $"{{\"type\":\"polygon\",\"vertices\":[[1.5,2.25],[10.5,2.25],[10.5,12.75],[1.5,12.75]],\"missing_annotation_type\":\"cuboid\",\"stationary\":true,\"missing_annotation_class\":\"car\",{interval}}}",
                    2 => $"{{\"type\":\"point\",\"coordinates\":[412.5,219.25],\"missing_annotation_type\":\"cuboid\",\"stationary\":false,{interval}}}",
                    _ => $"{{\"type\":\"annotation\",\"annotation_id\":\"box_{i}\",\"attribute\":\"occlusion\",{interval}}}",
                };
                var category = (i % 4) switch { 1 or 2 => "missing", 3 => "attribute", _ => "geometry" };
                line.Append(CultureInfo.InvariantCulture, $"{{\"type\":\"error\",\"category\":\"{category}\",\"severity\":\"standard\",\"scope\":{scope},\"description\":\"{new string('d', 120)}\",\"metadata\":{{\"is_verified_by_human\":true,\"confidence_level\":0.83,\"reviewer\":\"r{i}\"}}}}");
            }

            line.Append("],\"metadata\":{\"batch\":\"b-1\"}}");
            writer.Write(line);
            writer.Write('\n');
        }
    }

    private static void WriteReviews(string path)
    {
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false), 1 << 16);
        for (var n = 1; n <= 10_000; n++)
        {
            writer.Write(string.Create(
                CultureInfo.InvariantCulture,
                $"{{\"workstream_id\":\"345d6802-0efa-46de-a73c-6c24f094dfcf\",\"use_case_id\":\"rr3d6802-0efa-46de-a73c-6c24f094dfcf\",\"task_definition_id\":\"032d6802-0efa-46de-a73c-6c24f094dfcf\",\"task_id\":\"task-{n}\",\"unique_id\":\"review-{n}\",\"replace_duplicate\":true,\"task_url\":\"https://example.com/annotate/{n}\",\"task_completed_at\":\"2020-12-22T10:13:24.127Z\",\"worker_id\":\"test_worker@cf.com\",\"review_completed_at\":\"2020-12-22T10:13:24.127Z\",\"review_duration\":120,\"reviewed_by\":\"reviewer@cf.com\",\"review_score\":0.78,\"review_explanation\":\"Some of the fields are filled wrong\",\"errors\":{{\"missing_label\":24,\"incorrect_label\":12}},\"review_type\":\"QA\",\"task_review_count\":120,\"subtask_review_count\":240,\"review_metadata\":{{\"Person accuracy\":\"0.9\"}},\"review_measurements\":{{\"attribute_1_count\":0.5,\"attribute_1_label\":\"Header\"}}}}\n"));
        }
    }

    // The user and system time of the children waited for so far (0 where getrusage is not available).
    private static double ChildrenCpuSeconds()
    {
        if (!OperatingSystem.IsLinux() || getrusage(-1, out var usage) != 0)
        {
            return 0;
        }

        return usage.UserSeconds + (usage.UserMicroseconds / 1e6) + usage.SystemSeconds + (usage.SystemMicroseconds / 1e6);
    }

    [DllImport("libc", SetLastError = false)]
    private static extern int getrusage(int who, out RUsage usage);

    // struct rusage on 64-bit Linux: two timevals, then fourteen longs.
    [StructLayout(LayoutKind.Sequential)]
    private struct RUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        [MarshalAs(UnmanagedType.ByValArray, SizeConst = 14)]
        public long[] Rest;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "AuditClient.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Run from inside the repository: AuditClient.sln was not found above " + AppContext.BaseDirectory);
    }
}
