using AuditClient;
using WireMock.Server;
using WireMock.Settings;

namespace AuditClient.Tests.Support;

/// <summary>A WireMock server on 127.0.0.1 and SDK clients pointed at it, with the <see cref="FastRetries"/> preset.</summary>
internal static class Loopback
{
    public const string ScaleKey = "scale_live_test_key_7f3a";
    public const string CloudFactoryKey = "cf_test_key_91bd";

    public static WireMockServer StartServer() =>
        WireMockServer.Start(new WireMockServerSettings { Urls = ["http://127.0.0.1:0"], StartAdminInterface = false });

    /// <summary>
    /// Clients for both vendors, pointed at <paramref name="server"/>, retrying fast, without reconciliation: a stub
    /// answers the one endpoint a test studies, and a write in doubt would be looked up on another one (reconciliation
    /// is studied against the fakes, in ReconcileTests).
    /// </summary>
    public static AuditClients Clients(WireMockServer server, Action<AuditClientOptions>? configure = null) =>
        AuditClients.Create(o =>
        {
            o.Scale.ApiKey = ScaleKey;
            o.Scale.BaseAddress = new Uri(server.Url!);
            o.CloudFactory.ApiKey = CloudFactoryKey;
            o.CloudFactory.BaseAddress = new Uri(server.Url!);
            FastRetries.Apply(o);
            o.Scale.ReconcileWrites = false;
            configure?.Invoke(o);
        });

    /// <summary>Looks a header up by name, ignoring case (Kestrel renames known headers).</summary>
    public static string? Header(WireMock.Logging.ILogEntry entry, string name) =>
        entry.RequestMessage.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value?.FirstOrDefault();
}
