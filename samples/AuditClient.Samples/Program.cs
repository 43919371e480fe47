using AuditClient.Samples;
using Microsoft.Extensions.Configuration;

// With no API keys in the environment every snippet runs against in-process fakes; with keys, against the real
// services (see SampleRunner and docs/samples.md).
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().Build();

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await SampleRunner.RunAsync(Console.Out, configuration, cancellation.Token);
