using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuditClient;

/// <summary>
/// The clients without dependency injection, for console apps and scripts:
/// <c>using var clients = AuditClients.Create(o => o.Scale.ApiKey = key);</c>.
/// Built exactly as <c>AddAuditClients</c> builds them. Dispose it when done: calls still in flight then end with
/// <see cref="ObjectDisposedException"/> (docs/resilience.md says what a write's message tells), and so does any later call.
/// </summary>
public sealed partial class AuditClients : IDisposable, IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private AuditClients(ServiceProvider provider)
    {
        _provider = provider;
    }

    /// <summary>
    /// A vendor's client, resolved once (a race resolves twice, harmlessly). A vendor that is not configured throws
    /// <see cref="InvalidOperationException"/> naming the missing setting.
    /// </summary>
    private T Resolve<T>(ref T? field)
        where T : class =>
        field ??= _provider.GetRequiredService<T>();

    /// <summary>
    /// Builds the clients of every configured vendor. Invalid options throw at once. The options are frozen before it
    /// returns: changing the object <paramref name="configure"/> was given afterwards changes nothing.
    /// </summary>
    /// <param name="configure">Sets the options, as for <c>AddAuditClients</c>.</param>
    /// <returns>The clients; dispose them when done.</returns>
    /// <exception cref="OptionsValidationException">An option is invalid; the message names it.</exception>
    public static AuditClients Create(Action<AuditClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddAuditClients(configure);
        var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
            return new AuditClients(provider);
        }
        catch
        {
            provider.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _provider.Dispose();

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _provider.DisposeAsync();
}
