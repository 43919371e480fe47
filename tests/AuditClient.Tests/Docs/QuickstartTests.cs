using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using AuditClient.Docs;

namespace AuditClient.Tests.Docs;

/// <summary>
/// README's quickstart is samples/AuditClient.Quickstart/Program.cs (DocsTests keeps them identical): run as its own
/// process, as a user runs it, it talks to the fakes and prints what it did. (.ci/quickstart builds the same text
/// in a fresh console app against the packed packages.)
/// </summary>
public sealed partial class QuickstartTests
{
    [Test]
    public async Task The_quickstart_program_reads_a_task_creates_an_audit_and_submits_a_review()
    {
        var dll = typeof(QuickstartTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "QuickstartDll").Value!;
        // The dotnet that runs the tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        await process.WaitForExitAsync(timeout.Token);

        var lines = (await output).ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.That(process.ExitCode, Is.Zero, await error);
        Assert.That(lines, Has.Length.EqualTo(3), string.Join('\n', lines));
        Assert.That(lines[0], Is.EqualTo("task 576ba74eec471ff9b01557cc: fixed, latest audit accepted"));
        Assert.That(lines[1], Does.Match("^created srn:scale:avcv:audit:[0-9a-f]{24} with 1 feedback item\\(s\\)$"));
        Assert.That(lines[2], Is.EqualTo("CloudFactory: Data successfully received."));

        // And README shows what it prints, but for the audit id of its run.
        var shown = ShownOutput().Match(DocSnippets.Read("README.md"));
        Assert.That(shown.Success, Is.True, "README shows the quickstart's output after 'It prints:'");
        Assert.That(AuditId().Replace(shown.Groups[1].Value.TrimEnd('\n'), "ID"), Is.EqualTo(AuditId().Replace(string.Join('\n', lines), "ID")));
    }

    [GeneratedRegex("It prints:\n\n```text\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShownOutput();

    [GeneratedRegex("(?<=srn:scale:avcv:audit:)[0-9a-f]{24}")]
    private static partial Regex AuditId();
}
