using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using AuditClient.Core.Http;
using AuditClient.Redis;
using BenchmarkDotNet.Attributes;

namespace AuditClient.Benchmarks.SharedQuota;

/// <summary>
/// The cost of one permit: the vendor's local limiter (concurrency + sliding window) next to the same concurrency
/// limiter in front of the Redis-shared window (one Lua script round trip to a redis-server on loopback, started here
/// on a free port with a temporary directory). The rate is set far above what one caller can take, so neither waits:
/// what is measured is the bookkeeping, not the quota.
/// </summary>
[MemoryDiagnoser]
public class SharedQuotaBenchmarks
{
    private Process? _redis;
    private string? _dir;
    private RateLimiter _local = null!;
    private RateLimiter _shared = null!;
    private SharedWindowLimiter _window = null!;

    /// <summary>The redis-server executable, or null; Program skips this suite with a line saying so when it is absent.</summary>
    public static string? RedisServer() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':')
            .Select(d => Path.Combine(d, "redis-server"))
            .FirstOrDefault(File.Exists);

    [GlobalSetup]
    public void Setup()
    {
        var port = FreePort();
        _dir = Directory.CreateTempSubdirectory("auditclient-bench-redis-").FullName;
        var info = new ProcessStartInfo(RedisServer() ?? throw new InvalidOperationException("redis-server not found"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
        };
        foreach (var a in new[] { "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _dir, "--save", string.Empty, "--appendonly", "no" })
        {
            info.ArgumentList.Add(a);
        }

        _redis = Process.Start(info)!;
        _redis.OutputDataReceived += (_, _) => { };
        _redis.BeginOutputReadLine();
        WaitForPort(port);

        var options = new VendorResilienceOptions { RequestsPerSecond = 10_000_000, MaxConcurrentRequests = 16 };
        _local = VendorRuntime.CreateRateLimiter(options);
        var quota = new RedisQuota($"127.0.0.1:{port}", "bench", 0.25);
        var failures = new List<string>();
        quota.Validate(failures);
        if (failures.Count > 0)
        {
            throw new InvalidOperationException(string.Join("; ", failures));
        }

        _window = quota.CreateLimiter("cloudfactory", options, null);
        _shared = VendorRuntime.CreateRateLimiter(options, _window);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _shared.Dispose();
        _window.Dispose();
        _local.Dispose();
        if (_redis is { HasExited: false })
        {
            _redis.Kill();
            _redis.WaitForExit();
        }

        _redis?.Dispose();
        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    [Benchmark(Baseline = true, Description = "local limiter")]
    public async Task<bool> Local()
    {
        using var lease = await _local.AcquireAsync(1).ConfigureAwait(false);
        return lease.IsAcquired;
    }

    [Benchmark(Description = "Redis-shared limiter")]
    public async Task<bool> Shared()
    {
        using var lease = await _shared.AcquireAsync(1).ConfigureAwait(false);
        return lease.IsAcquired;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void WaitForPort(int port)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (deadline.Elapsed < TimeSpan.FromSeconds(10))
            {
                Thread.Sleep(50);
            }
        }
    }
}
