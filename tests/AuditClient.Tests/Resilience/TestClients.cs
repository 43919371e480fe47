using System.Text;
using AuditClient.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// Both vendors' clients built by <c>AddAuditClients</c> against one server, with every log line captured at Trace
/// level, and the secrets that must never show up anywhere.
/// </summary>
internal sealed class TestClients : IDisposable
{
    private readonly ServiceProvider _provider;

    private TestClients(ServiceProvider provider, CapturedLogs logs)
    {
        _provider = provider;
        Logs = logs;
    }

    /// <summary>The API keys, and the Basic credential that encodes Scale's.</summary>
    public static IReadOnlyList<string> Secrets { get; } =
    [
        Loopback.ScaleKey,
        Loopback.CloudFactoryKey,
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Loopback.ScaleKey + ":")),
    ];

    public IServiceProvider Services => _provider;

    public CapturedLogs Logs { get; }

    /// <summary>
    /// Clients pointed at <paramref name="server"/>, with the <see cref="FastRetries"/> preset, tuned by <paramref name="tune"/>,
    /// sending through <paramref name="transport"/> when given (both vendors) instead of the SDK's own handler.
    /// Without reconciliation: these tests study the pipeline's rules for one call; a write in doubt would be looked up
    /// on an endpoint the stub does not serve (reconciliation is studied against the fakes, in ReconcileTests).
    /// </summary>
    public static TestClients For(Uri server, Action<VendorResilienceOptions>? tune = null, Func<HttpMessageHandler>? transport = null)
    {
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = Loopback.ScaleKey;
            o.Scale.BaseAddress = server;
            o.CloudFactory.ApiKey = Loopback.CloudFactoryKey;
            o.CloudFactory.BaseAddress = server;
            o.Scale.ReconcileWrites = false;
            if (transport is not null)
            {
                o.Scale.PrimaryHandlerFactory = transport;
                o.CloudFactory.PrimaryHandlerFactory = transport;
            }

            foreach (var r in new[] { o.Scale.Resilience, o.CloudFactory.Resilience })
            {
                FastRetries.Apply(r);
                tune?.Invoke(r);
            }
        });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return new TestClients(provider, logs);
    }

    /// <summary>Every place a secret could leak from an exception: message, ToString (inner exceptions included), Data.</summary>
    public static IEnumerable<string> Texts(Exception exception)
    {
        yield return exception.ToString();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            foreach (System.Collections.DictionaryEntry entry in e.Data)
            {
                yield return $"{entry.Key}={entry.Value}";
            }
        }
    }

    /// <summary>The secrets found in <paramref name="texts"/>; empty when none leaked.</summary>
    public static List<string> Leaks(IEnumerable<string> texts) =>
        [.. texts.SelectMany(text => Secrets.Where(secret => text.Contains(secret, StringComparison.Ordinal)).Select(secret => $"{secret} in: {text}"))];

    public void Dispose() => _provider.Dispose();
}
