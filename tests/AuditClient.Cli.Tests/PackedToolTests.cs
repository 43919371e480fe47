using System.Diagnostics;
using System.Text.RegularExpressions;
using AuditClient.Docs;

namespace AuditClient.Cli.Tests;

/// <summary>The tool as a user gets it: packed, installed into a tool path from a folder feed, run as a process.</summary>
public class PackedToolTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [Test]
    public async Task The_packed_tool_installs_and_submits_reviews_against_the_fakes()
    {
        var work = Directory.CreateTempSubdirectory("auditclient-tool-");
        try
        {
            var feed = Path.Combine(work.FullName, "feed");
            var tools = Path.Combine(work.FullName, "tools");
            var version = Regex.Match(File.ReadAllText(Path.Combine(DocSnippets.RepositoryRoot, "Directory.Build.props")), "<VersionPrefix>(.*)</VersionPrefix>").Groups[1].Value;

            // What was built for this test run is packed as is; the install sees only the folder feed and a private
            // package cache, so that no cached copy of the same version hides it.
            await File.WriteAllTextAsync(Path.Combine(work.FullName, "nuget.config"),
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><configuration><packageSources><clear /></packageSources></configuration>");
            var pack = await DotnetAsync(DocSnippets.RepositoryRoot, "pack", Path.Combine("src", "AuditClient.Cli", "AuditClient.Cli.csproj"), "-c", Configuration, "--no-build", "-o", feed);
            Assert.That(pack.Code, Is.EqualTo(0), pack.Output);
            Assert.That(File.Exists(Path.Combine(feed, $"AuditClient.Cli.{version}.nupkg")), pack.Output);

            var install = await DotnetAsync(work.FullName, "tool", "install", "--tool-path", tools, "AuditClient.Cli", "--add-source", feed, "--version", version);
            Assert.That(install.Code, Is.EqualTo(0), install.Output);

            var reviews = Path.Combine(work.FullName, "reviews.jsonl");
            await File.WriteAllTextAsync(reviews, Cli.Review(1) + "\n" + Cli.Review(2) + "\n" + Cli.Review(3) + "\n");
            var results = Path.Combine(work.FullName, "results.jsonl");
            var run = await RunAsync(work.FullName, Path.Combine(tools, "auditclient"), "submit", "reviews", "--fake", reviews, "--results", results);

            Assert.That(run.Code, Is.EqualTo(0), run.Output);
            Assert.That(run.Output, Does.Contain("reviews: 3/3 done, 0 failed"));
            Assert.That(run.Output, Does.Not.Contain("\u001b["), "no ANSI when output is redirected");
            Assert.That(File.ReadAllLines(results), Has.Length.EqualTo(3));
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static Task<(int Code, string Output)> DotnetAsync(string directory, params string[] args) => RunAsync(directory, "dotnet", args);

    private static async Task<(int Code, string Output)> RunAsync(string directory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (args is ["tool", ..])
        {
            start.Environment["NUGET_PACKAGES"] = Path.Combine(directory, "nuget-packages");
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment.Remove("NO_COLOR");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }
}
