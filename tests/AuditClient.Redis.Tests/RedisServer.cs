using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AuditClient.Redis.Tests;

/// <summary>
/// A real <c>redis-server</c> of the test's own, on a free 127.0.0.1 port with a temporary directory, no persistence;
/// never the machine's service. Can be killed and started again on the same port.
/// </summary>
internal sealed class RedisServer : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("auditclient-redis-").FullName;
    private Process? _process;

    private RedisServer(int port) => Port = port;

    public int Port { get; }

    public string Configuration => $"127.0.0.1:{Port},connectTimeout=2000";

    /// <summary>The path of redis-server, or null when the machine has none (.ci/run installs it).</summary>
    public static string? Executable() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(d => Path.Combine(d, "redis-server"))
            .FirstOrDefault(File.Exists);

    public static RedisServer Start()
    {
        var server = new RedisServer(FreePort());
        server.StartProcess();
        return server;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the server, as a crash would: connections drop at once.</summary>
    public void Kill()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill();
            p.WaitForExit();
        }

        _process?.Dispose();
        _process = null;
    }

    public void StartProcess()
    {
        var executable = Executable() ?? throw new InvalidOperationException("redis-server not found");
        var info = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _dir, "--save", string.Empty, "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no" })
        {
            info.ArgumentList.Add(a);
        }

        _process = Process.Start(info)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        var deadline = Stopwatch.StartNew();
        while (!Ping())
        {
            if (_process.HasExited || deadline.Elapsed > TimeSpan.FromSeconds(10))
            {
                throw new InvalidOperationException($"redis-server did not start on port {Port}");
            }

            Thread.Sleep(50);
        }
    }

    /// <summary>Sends a raw command (RESP inline) and returns the first line of the answer.</summary>
    public string Command(string command)
    {
        using var client = new TcpClient();
        client.Connect(IPAddress.Loopback, Port);
        var stream = client.GetStream();
        stream.Write(Encoding.ASCII.GetBytes(command + "\r\n"));
        var buffer = new byte[256];
        var read = stream.Read(buffer);
        return Encoding.ASCII.GetString(buffer, 0, read).TrimEnd();
    }

    public void Dispose()
    {
        Kill();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private bool Ping()
    {
        try
        {
            return Command("PING") == "+PONG";
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
