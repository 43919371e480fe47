using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using AuditClient.Testing;

namespace AuditClient.Tests.Core.Bulk;

/// <summary>
/// AuditClient.Journal.Worker as its own process (<c>dotnet</c> its dll) against the fakes of this process, with its
/// output kept: the journal's crash and lock tests start it, signal it and start it again.
/// </summary>
internal sealed class JournalWorker : IDisposable
{
    private readonly List<string> _output = [];

    private JournalWorker(Process process)
    {
        Process = process;
    }

    public Process Process { get; }

    private static string WorkerDll => typeof(JournalWorker).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "JournalWorkerDll").Value!;

    /// <summary>Starts the worker; <paramref name="flags"/> are its optional arguments (<c>audits-only</c>, <c>hold</c>).</summary>
    public static JournalWorker Start(AuditFakes fakes, string journals, int items, params string[] flags)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { WorkerDll, fakes.BaseAddress.ToString(), fakes.ScaleApiKey, fakes.CloudFactoryApiKey, journals, items.ToString(CultureInfo.InvariantCulture) }.Concat(flags))
        {
            info.ArgumentList.Add(a);
        }

        var worker = new JournalWorker(new Process { StartInfo = info });
        worker.Process.OutputDataReceived += (_, e) => worker.Add(e.Data);
        worker.Process.ErrorDataReceived += (_, e) => worker.Add(e.Data is null ? null : "stderr: " + e.Data);
        worker.Process.Start();
        worker.Process.BeginOutputReadLine();
        worker.Process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Whether the worker printed a line starting with <paramref name="prefix"/>.</summary>
    public bool Printed(string prefix)
    {
        lock (_output)
        {
            return _output.Any(l => l.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    public string Output()
    {
        lock (_output)
        {
            return string.Join(" | ", _output.TakeLast(20));
        }
    }

    /// <summary>Lets a worker started with <c>hold</c> go on (its standard input ends).</summary>
    public void Release()
    {
        try
        {
            Process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It has ended already.
        }
    }

    public void Dispose()
    {
        try
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                Process.WaitForExit();
            }
        }
        catch (InvalidOperationException)
        {
        }

        Process.Dispose();
    }

    private void Add(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }
}
