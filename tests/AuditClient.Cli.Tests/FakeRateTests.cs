using AuditClient.Cli.Hosting;
using AuditClient.Testing;
using Spectre.Console.Testing;

namespace AuditClient.Cli.Tests;

/// <summary>
/// <c>--fake</c> sends at the rate a run against the vendor would: the configured
/// <c>AuditClients:&lt;Vendor&gt;:Resilience:RequestsPerSecond</c>, or the SDK's documented default of 20/s.
/// </summary>
public sealed class FakeRateTests
{
    [TestCase(null, 20)]
    [TestCase("8", 8)]
    public async Task A_fake_session_sends_at_the_configured_or_documented_rate(string? configured, int rate)
    {
        var environment = new Dictionary<string, string?>();
        if (configured is not null)
        {
            environment["AuditClients__Scale__Resilience__RequestsPerSecond"] = configured;
        }

        var context = new CliContext
        {
            Out = new StringWriter(),
            Error = new StringWriter(),
            Console = new TestConsole(),
            ErrorConsole = new TestConsole(),
            Interactive = false,
            Environment = environment,
        };
        await using var session = await ClientSession.OpenAsync(CliConfiguration.Build(context, null), Vendor.Scale, fake: true, CancellationToken.None);

        // Half as many again as the rate, all at once: the limiter lets `rate` go, and the rest one window (1.16 s) later,
        // so they cannot all be answered within a second; at the fakes' own test rate (1,000/s) they take milliseconds.
        // A lower bound only, as in SubmitTests: a loaded machine can make the calls slower, never faster. (Counting
        // arrivals per second at the server instead would flake: a busy server can bunch arrivals that left apart.)
        // One call first, so that what is timed is the limiter, not the first call's start-up.
        await session.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, rate * 3 / 2).Select(_ => session.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId)));
        clock.Stop();

        Assert.That(session.Fakes!.RequestsTo(FakeEndpoint.ScaleGetTask), Has.Count.EqualTo(1 + (rate * 3 / 2)));
        Assert.That(clock.Elapsed, Is.GreaterThanOrEqualTo(TimeSpan.FromSeconds(1)), $"{rate * 3 / 2} calls at {rate}/s");
    }
}
