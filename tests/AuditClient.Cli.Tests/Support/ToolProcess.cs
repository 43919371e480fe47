using System.Diagnostics;
using System.Text;

namespace AuditClient.Cli.Tests.Support;

/// <summary>
/// The built tool run as a child process (<c>dotnet AuditClient.Cli.dll</c>, which runs in the process it starts), with
/// its output captured line by line as it comes and real signals sent with <c>kill</c>.
/// </summary>
internal sealed class ToolProcess : IDisposable
{
    // Generous: a loaded two-core machine is slow, and no assertion depends on how long anything takes.
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly Lock _lock = new();

    private ToolProcess(Process process)
    {
        _process = process;
    }

    public string Out
    {
        get
        {
            lock (_lock)
            {
                return _out.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_lock)
            {
                return _error.ToString();
            }
        }
    }

    public static ToolProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "AuditClient.Cli.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AuditClients__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        var process = new Process { StartInfo = start };
        var tool = new ToolProcess(process);
        process.OutputDataReceived += (_, e) => tool.Append(tool._out, e.Data);
        process.ErrorDataReceived += (_, e) => tool.Append(tool._error, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return tool;
    }

    /// <summary>Sends a signal with the system's <c>kill</c>, as a scheduler or an operator would.</summary>
    public async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        await kill.WaitForExitAsync();
        Assert.That(kill.ExitCode, Is.Zero, $"kill -{signal} {_process.Id}");
    }

    /// <summary>Waits until <paramref name="condition"/> holds, failing the test (with what the tool printed) if it never does.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > Patience)
            {
                Assert.Fail($"gave up waiting for {what}\n{this}");
            }

            if (_process.HasExited && !condition())
            {
                Assert.Fail($"the tool ended (exit {_process.ExitCode}) before {what}\n{this}");
            }

            await Task.Delay(50);
        }
    }

    public async Task<int> WaitForExitAsync()
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"the tool did not end\n{this}");
        }

        return _process.ExitCode;
    }

    public override string ToString() => $"--- out\n{Out}\n--- error\n{Error}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lock)
        {
            target.Append(line).Append('\n');
        }
    }
}
