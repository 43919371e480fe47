using System.Diagnostics;
using System.Text.RegularExpressions;
using AuditClient.Docs;

namespace AuditClient.Cli.Tests;

/// <summary>
/// docs/cli.md's tables are the tool's: every exit code with its word, as <c>--help</c> lists them; every option of every
/// command; and the shell lines for completion do complete.
/// </summary>
public partial class CliDocsTableTests
{
    private static readonly string[][] Leaves =
    [
        ["validate", "audits"], ["validate", "reviews"], ["submit", "audits"], ["submit", "reviews"], ["tasks", "list"], ["audits", "list"], ["quality"],
        ["sync", "scale"], ["import", "reviews"], ["report"], ["fakes", "serve"],
    ];

    private static string Doc => DocSnippets.Read("docs/cli.md");

    [GeneratedRegex(@"^\| (\d) \| `([a-z]+)` \|", RegexOptions.Multiline)]
    private static partial Regex ExitRow();

    [GeneratedRegex(@"^\s+(?:-\S+, )*(--[a-z-]+)", RegexOptions.Multiline)]
    private static partial Regex HelpOption();

    [Test]
    public async Task The_exit_code_table_has_every_code_with_its_word_and_the_help_lists_the_same_codes()
    {
        var rows = ExitRow().Matches(Doc).Select(m => (Code: int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), Word: m.Groups[2].Value)).ToList();
        var help = await Cli.RunAsync(["--help"]);

        Assert.That(rows.Select(r => r.Code), Is.EqualTo(Enumerable.Range(0, 8)));
        Assert.That(rows.Select(r => r.Word), Is.EqualTo(rows.Select(r => ExitCodes.Reason(r.Code))), "the words of --summary-json's exit_reason");
        Assert.That(rows.Select(r => r.Word), Is.Unique);
        foreach (var (code, _) in rows)
        {
            Assert.That(help.Out, Does.Match($@"[:;] {code} [a-z]"), $"--help lists exit code {code}");
        }
    }

    [Test]
    public async Task The_option_table_has_every_option_of_every_command()
    {
        var table = string.Join('\n', Doc.Split('\n').SkipWhile(l => !l.StartsWith("| command | option |", StringComparison.Ordinal)).TakeWhile(l => l.StartsWith('|')));
        foreach (var command in Leaves)
        {
            var help = await Cli.RunAsync([.. command, "--help"]);
            var options = HelpOption().Matches(help.Out[help.Out.IndexOf("Options:", StringComparison.Ordinal)..]).Select(m => m.Groups[1].Value).ToList();

            Assert.That(options, Is.Not.Empty, help.Out);
            foreach (var option in options)
            {
                Assert.That(table, Does.Contain("`" + option), $"{string.Join(' ', command)} {option} is in the option table");
            }
        }
    }

    [Test]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_bash_completion_lines_of_the_docs_complete_commands_and_options()
    {
        var lines = Doc.Split('\n');
        var start = Array.IndexOf(lines, "```bash");
        Assert.That(start, Is.GreaterThan(0), "docs/cli.md has a bash block");
        var snippet = string.Join('\n', lines.Skip(start + 1).TakeWhile(l => l != "```"));

        // The tool on PATH as `auditclient`, as an installed tool is.
        var bin = Directory.CreateTempSubdirectory("auditclient-bin-");
        try
        {
            var tool = Path.Combine(bin.FullName, "auditclient");
            await File.WriteAllTextAsync(tool, $"#!/bin/sh\nexec dotnet '{Path.Combine(TestContext.CurrentContext.TestDirectory, "AuditClient.Cli.dll")}' \"$@\"\n");
            File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var script = snippet + "\n"
                + "COMP_LINE='auditclient submit reviews --max-f'; COMP_POINT=${#COMP_LINE}; _auditclient; printf '%s\\n' \"${COMPREPLY[@]}\"\n"
                + "COMP_LINE='auditclient va'; COMP_POINT=${#COMP_LINE}; _auditclient; printf '%s\\n' \"${COMPREPLY[@]}\"\n";
            var start2 = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
            start2.ArgumentList.Add("-c");
            start2.ArgumentList.Add(script);
            start2.Environment["PATH"] = bin.FullName + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
            using var bash = Process.Start(start2)!;
            var output = bash.StandardOutput.ReadToEndAsync();
            var error = bash.StandardError.ReadToEndAsync();
            await bash.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));

            Assert.That(bash.ExitCode, Is.Zero, await error);
            Assert.That((await output).Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[] { "--max-failures", "validate" }), await error);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }
}
