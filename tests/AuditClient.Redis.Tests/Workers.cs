using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace AuditClient.Redis.Tests;

/// <summary>
/// Child OS processes running AuditClient.Redis.Worker: each builds its clients with a Redis-shared quota, warms up,
/// says "ready", and on "go" submits its calls at once. Killed if still running when disposed.
/// </summary>
internal sealed class Workers : IDisposable
{
    private readonly List<(Process Process, TaskCompletionSource Ready, TaskCompletionSource<string> Done, List<string> Output)> _children = [];

    public static string Dll => typeof(Workers).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "WorkerDll").Value!;

    public static async Task<Workers> StartAsync(int count, string redis, Uri server, string prefix, int calls, int rps, double share)
    {
        var workers = new Workers();
        try
        {
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
            for (var i = 0; i < count; i++)
            {
                var info = new ProcessStartInfo(dotnet)
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    UseShellExecute = false,
                };
                foreach (var a in new[] { Dll, redis, server.ToString(), "worker-" + i.ToString(CultureInfo.InvariantCulture), prefix, calls.ToString(CultureInfo.InvariantCulture), rps.ToString(CultureInfo.InvariantCulture), share.ToString(CultureInfo.InvariantCulture) })
                {
                    info.ArgumentList.Add(a);
                }

                var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
                var output = new List<string>();
                var process = new Process { StartInfo = info, EnableRaisingEvents = true };
                process.OutputDataReceived += (_, e) =>
                {
                    if (e.Data is not { } line)
                    {
                        return;
                    }

                    lock (output)
                    {
                        output.Add(line);
                    }

                    if (line == "ready")
                    {
                        ready.TrySetResult();
                    }
                    else if (line.StartsWith("done ", StringComparison.Ordinal))
                    {
                        done.TrySetResult(line);
                    }
                };
                process.ErrorDataReceived += (_, e) =>
                {
                    if (e.Data is { } line)
                    {
                        lock (output)
                        {
                            output.Add("stderr: " + line);
                        }
                    }
                };
                process.Exited += (_, _) =>
                {
                    ready.TrySetException(new InvalidOperationException("worker exited: " + Describe(output)));
                    done.TrySetException(new InvalidOperationException("worker exited without a result: " + Describe(output)));
                };
                process.Start();
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                workers._children.Add((process, ready, done, output));
            }

            await Task.WhenAll(workers._children.Select(c => c.Ready.Task)).WaitAsync(TimeSpan.FromSeconds(60));
            return workers;
        }
        catch
        {
            workers.Dispose();
            throw;
        }
    }

    /// <summary>Starts every worker's calls and returns when all have reported, with their result lines.</summary>
    public async Task<string[]> RunAsync(TimeSpan timeout)
    {
        foreach (var child in _children)
        {
            await child.Process.StandardInput.WriteLineAsync("go");
            await child.Process.StandardInput.FlushAsync();
        }

        return await Task.WhenAll(_children.Select(c => c.Done.Task)).WaitAsync(timeout);
    }

    /// <summary>Everything the workers printed, for a failure message.</summary>
    public string Output() => string.Join(Environment.NewLine, _children.Select((c, i) => $"worker-{i}: {Describe(c.Output)}"));

    public void Dispose()
    {
        foreach (var (process, _, _, _) in _children)
        {
            try
            {
                if (!process.WaitForExit(TimeSpan.FromSeconds(5)))
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }
            }
            catch (InvalidOperationException)
            {
            }

            process.Dispose();
        }
    }

    private static string Describe(List<string> output)
    {
        lock (output)
        {
            return string.Join(" | ", output.TakeLast(20));
        }
    }
}
