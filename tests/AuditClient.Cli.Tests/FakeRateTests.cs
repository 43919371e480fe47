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
    public async Task A_fake_session_sends_no_more_than_the_configured_or_documented_rate_in_any_second(string? configured, int rate)
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
            Interactive = false,
            Environment = environment,
        };
        await using var session = await ClientSession.OpenAsync(CliConfiguration.Build(context, null), Vendor.Scale, fake: true, CancellationToken.None);

        // Half as many again as the rate, all at once: at the fakes' own test rate (1,000/s) they would all arrive within a second.
        await Task.WhenAll(Enumerable.Range(0, rate * 3 / 2).Select(_ => session.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId)));

        var arrivals = session.Fakes!.RequestsTo(FakeEndpoint.ScaleGetTask).Select(r => r.ReceivedAt).Order().ToList();
        var busiest = arrivals.Max(start => arrivals.Count(t => t >= start && t < start.AddSeconds(1)));
        Assert.That(arrivals, Has.Count.EqualTo(rate * 3 / 2));
        Assert.That(busiest, Is.LessThanOrEqualTo(rate), "requests in the busiest one-second window");
    }
}
