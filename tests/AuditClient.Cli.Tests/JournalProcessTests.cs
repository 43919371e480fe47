using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AuditClient.Testing;

namespace AuditClient.Cli.Tests;

/// <summary>
/// <c>submit --journal</c> and the journal's guards: one run per journal (two real <c>auditclient</c> processes on one
/// journal), and a journal tied to the vendor address it was made for.
/// </summary>
public class JournalProcessTests
{
    private const int Lines = 50;

    private static string CliDll => typeof(CliApp).Assembly.Location;

    [Test]
    [CancelAfter(300_000)]
    public async Task Two_submit_processes_started_together_on_one_journal_store_each_line_once_and_the_second_exits_2_before_sending(CancellationToken cancellationToken)
    {
        await using var fakes = await AuditFakes.StartAsync(o => o.GeneratedTaskCount = 0, cancellationToken);
        var ids = Enumerable.Range(0, Lines).Select(i => fakes.Scale.AddTask(new JsonObject { ["task_id"] = string.Create(CultureInfo.InvariantCulture, $"lock-task-{i:D3}") })).ToList();
        var input = Cli.Temp("audits.jsonl", string.Join('\n', ids.Select(id => Cli.Audit(id))) + "\n");
        var journal = Path.Combine(Path.GetDirectoryName(input)!, "journal.jsonl");

        // Requests wait at a relay until one process has ended (or, if neither ends, a minute has passed): the run that
        // holds the journal cannot finish before the other has tried to open it.
        using var relay = new GatedRelay(fakes.BaseAddress);
        var first = Start(relay.BaseAddress, fakes, input, journal);
        var second = Start(relay.BaseAddress, fakes, input, journal);
        await Task.WhenAny(first.Exited, second.Exited, Task.Delay(TimeSpan.FromMinutes(1), cancellationToken));
        relay.Open();
        await Task.WhenAll(first.Exited, second.Exited).WaitAsync(cancellationToken);

        var runs = new[] { first, second };
        var refused = runs.FirstOrDefault(r => r.Code == 2);
        var stored = fakes.Scale.Audits.GroupBy(a => (string?)a["task_id"]).ToDictionary(g => g.Key!, g => g.Count());
        using (Assert.EnterMultipleScope())
        {
            Assert.That(runs.Select(r => r.Code), Is.EquivalentTo(new[] { 0, 2 }), string.Join("\n=====\n", runs.Select(r => r.Output)));
            Assert.That(refused?.Output ?? "no run was refused", Does.Contain($"Journal {journal}: is in use by another run").And.Contain("Nothing was sent"));
            Assert.That(stored, Has.Count.EqualTo(Lines), "an audit for every line");
            Assert.That(stored.Where(p => p.Value != 1).Select(p => p.Key), Is.Empty, "one stored copy of each line");
            Assert.That(fakes.RequestsTo(FakeEndpoint.ScaleCreateAudit), Has.Count.EqualTo(Lines), "one PUT per line");
        }
    }

    [Test]
    public async Task A_journal_of_a_fake_run_is_refused_for_a_run_against_a_real_address_with_exit_code_2_and_nothing_is_sent()
    {
        await using var vendor = await AuditFakes.StartAsync();
        var input = Cli.Temp("reviews.jsonl", string.Join('\n', Enumerable.Range(1, 5).Select(i => Cli.Review(i))) + "\n");
        var journal = Path.Combine(Path.GetDirectoryName(input)!, "journal.jsonl");
        var rehearsal = await Cli.RunAsync(["submit", "reviews", "--fake", input, "--journal", journal]);
        var before = await File.ReadAllBytesAsync(journal);

        var real = await Cli.RunAsync(["submit", "reviews", input, "--journal", journal], new Dictionary<string, string?>
        {
            ["AuditClients__CloudFactory__ApiKey"] = vendor.CloudFactoryApiKey,
            ["AuditClients__CloudFactory__BaseAddress"] = vendor.BaseAddress.ToString(),
        });

        using (Assert.EnterMultipleScope())
        {
            Assert.That(rehearsal.ExitCode, Is.Zero, rehearsal.ToString());
            Assert.That(real.ExitCode, Is.EqualTo(2), real.ToString());
            Assert.That(real.Error, Does.Contain("another base address").And.Contain("this run sends to CloudFactory at " + vendor.BaseAddress.AbsoluteUri));
            Assert.That(real.Error, Does.Not.Contain(vendor.CloudFactoryApiKey));
            Assert.That(real.Out + real.Error, Does.Not.Contain("of which resumed"));
            Assert.That(vendor.Requests, Is.Empty, "nothing sent to the real address");
            Assert.That(await File.ReadAllBytesAsync(journal), Is.EqualTo(before));
        }
    }

    private static Run Start(Uri baseAddress, AuditFakes fakes, string input, string journal)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { CliDll, "submit", "audits", input, "--journal", journal, "--concurrency", "4" })
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["AuditClients__Scale__ApiKey"] = fakes.ScaleApiKey;
        info.Environment["AuditClients__Scale__BaseAddress"] = baseAddress.ToString();
        info.Environment["AuditClients__Scale__Resilience__AttemptTimeout"] = "00:02:00";
        info.Environment["AuditClients__Scale__Resilience__TotalTimeout"] = "00:04:00";
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return new Run(Process.Start(info)!);
    }

    /// <summary>One <c>auditclient</c> process, its exit code and everything it printed.</summary>
    private sealed class Run
    {
        private readonly Process _process;

        public Run(Process process)
        {
            _process = process;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            Exited = WaitAsync(output, error);
        }

        public Task Exited { get; }

        public int Code => _process.ExitCode;

        public string Output { get; private set; } = string.Empty;

        private async Task WaitAsync(Task<string> output, Task<string> error)
        {
            await _process.WaitForExitAsync();
            Output = await output + await error;
        }
    }

    /// <summary>A TCP relay to the fakes that holds every connection until it is opened.</summary>
    private sealed class GatedRelay : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _stop = new();
        private readonly Uri _target;

        public GatedRelay(Uri target)
        {
            _target = target;
            _listener.Start();
            _ = AcceptAsync();
        }

        public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        public void Open() => _gate.TrySetResult();

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _ = RelayAsync(client);
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
            }
        }

        private async Task RelayAsync(TcpClient client)
        {
            using (client)
            {
                try
                {
                    await _gate.Task.WaitAsync(_stop.Token);
                    using var server = new TcpClient();
                    await server.ConnectAsync(_target.Host, _target.Port, _stop.Token);
                    var (a, b) = (client.GetStream(), server.GetStream());
                    await Task.WhenAny(a.CopyToAsync(b, _stop.Token), b.CopyToAsync(a, _stop.Token));
                }
                catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
                {
                }
            }
        }
    }
}
