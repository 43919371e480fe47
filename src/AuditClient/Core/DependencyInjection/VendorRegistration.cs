using AuditClient.Core.Bulk;
using AuditClient.Core.Errors;
using AuditClient.Core.Http;
using AuditClient.Core.Serialization;
using AuditClient.Core.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Telemetry;
using Refit;

namespace AuditClient.Core.DependencyInjection;

/// <summary>
/// Registers one vendor of one account: its runtime, a named HttpClient (<see cref="VendorAccount.ClientName"/>) with
/// its address, credential header, <c>User-Agent</c> and resilience pipeline, and the generated Refit client on it.
/// The Refit client is built by hand on the named HttpClient, not with <c>AddRefitGeneratedClient</c>, whose client
/// is named after Refit's generated type and the assembly version, names that would change with every release.
/// </summary>
internal static class VendorRegistration
{
    /// <summary>Whether this account's vendor is registered already (a second <c>AddAuditClients</c> only adds options).</summary>
    public static bool IsRegistered(IServiceCollection services, VendorAccount account) =>
        services.Any(d => d.IsKeyedService && d.ServiceType == typeof(VendorRuntime) && Equals(d.ServiceKey, account.RuntimeKey));

    public static void AddVendorRuntime(IServiceCollection services, VendorAccount account)
    {
        services.TryAddKeyedSingleton(account.RuntimeKey, (sp, _) =>
        {
            var options = account.OptionsOf(sp);
            return new VendorRuntime(
                account.Profile.OptionsOf(options),
                options.SharedQuota,
                sp.GetService<ILoggerFactory>(),
                account.QuotaScope);
        });
    }

    /// <summary>Where the account's clients send (its runtime's address and credential), for a bulk run's journal.</summary>
    public static BulkTarget TargetOf(IServiceProvider services, VendorAccount account)
    {
        var runtime = services.GetRequiredKeyedService<VendorRuntime>(account.RuntimeKey);
        return new BulkTarget(account.Profile.Vendor.ToString(), runtime.BaseAddress, account.Account, runtime.AuthHeaderValue, runtime.Redactor, () => runtime.IsDisposed);
    }

    /// <summary>
    /// Registers a public client of the account (keyed by its name, unkeyed for the unnamed account). Resolving it
    /// while the vendor is not configured fails with the missing setting's name, not with DI's "Unable to resolve".
    /// </summary>
    public static void AddClient<TService>(IServiceCollection services, VendorAccount account, Func<IServiceProvider, object, TService> create)
        where TService : class
    {
        services.TryAdd(new ServiceDescriptor(typeof(TService), account.ServiceKey, (sp, _) =>
        {
            // Invalid options throw here, with the validator's message.
            var options = account.OptionsOf(sp);
            if (!account.Profile.OptionsOf(options).IsConfigured)
            {
                throw new InvalidOperationException(
                    $"{account.Profile.Vendor} is not configured, so {typeof(TService).Name} cannot be built: set {options.Names.Of(account.Profile.Vendor.ToString(), nameof(VendorOptions.ApiKey))}.");
            }

            return create(sp, account.RuntimeKey);
        }, ServiceLifetime.Transient));
    }

    public static IHttpClientBuilder AddRefitClient<TRefit>(IServiceCollection services, VendorAccount account)
        where TRefit : class
    {
        var vendor = account.RuntimeKey;
        services.TryAddKeyedSingleton(vendor, (_, _) => Settings());
        services.TryAddKeyedTransient(vendor, (sp, _) => RestService.ForGenerated<TRefit>(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(account.ClientName),
            sp.GetRequiredKeyedService<RefitSettings>(vendor)));

        var builder = services.AddHttpClient(account.ClientName)
            .ConfigureHttpClient((sp, client) =>
            {
                var runtime = sp.GetRequiredKeyedService<VendorRuntime>(vendor);
                client.BaseAddress = runtime.BaseAddress;

                // The pipeline owns timeouts; HttpClient's own 100 s default would cut retries short.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.TryAddWithoutValidation(runtime.AuthHeaderName, runtime.AuthHeaderValue);
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", UserAgent.For(account.OptionsOf(sp).ApplicationId));
            })
            .ConfigurePrimaryHttpMessageHandler(sp => WithoutRedirects(
                sp.GetRequiredKeyedService<VendorRuntime>(vendor).PrimaryHandlerFactory?.Invoke() ?? new SocketsHttpHandler
                {
                    // DNS changes are followed by retiring pooled connections, not by the factory rotating the handler.
                    PooledConnectionLifetime = PooledConnectionLifetime,
                }))

            // The factory's default rotates the handler every 2 minutes, and with it the connection pool: every
            // connection to the vendor (its TLS handshake included) made again. One handler for the app's lifetime,
            // as .NET's guidance for SocketsHttpHandler with PooledConnectionLifetime says.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);

        // HttpClientFactory's default loggers write four lines at Information for every successful call, from two
        // handlers of their own: removed. The SDK's handler writes the same lines, under the same categories, at Debug
        // (HttpLog).
        builder.RemoveAllLoggers();

        // An app may give every HttpClient a resilience handler (ConfigureHttpClientDefaults(h =>
        // h.AddStandardResilienceHandler()), as .NET Aspire's service defaults do). A second retry layer would repeat
        // writes that the SDK sends once, and its timeouts would cut the SDK's short: removed from the SDK's clients.
        // Any other handler that repeats a request is stopped by VendorPipelineHandler.
#pragma warning disable EXTEXP0001 // Experimental in this version; it is the library's own way to do exactly this.
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        services.TryAddKeyedSingleton(vendor, (sp, _) => VendorPipeline.Build(
            sp.GetRequiredKeyedService<VendorRuntime>(vendor),
            account.ClientName + "-" + PipelineName,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            Telemetry(sp, sp.GetRequiredKeyedService<VendorRuntime>(vendor).Redactor)));
        services.TryAddKeyedSingleton(vendor, (sp, _) => HttpLog.Create(sp.GetRequiredKeyedService<VendorRuntime>(vendor).Loggers, account.ClientName));
        builder.AddHttpMessageHandler(sp => new VendorPipelineHandler(
            sp.GetRequiredKeyedService<VendorRuntime>(vendor),
            sp.GetRequiredKeyedService<ResiliencePipeline<HttpResponseMessage>>(vendor),
            sp.GetRequiredKeyedService<HttpLog>(vendor),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return builder;
    }

    /// <summary>
    /// The pipeline's name after the client's: its <c>pipeline.name</c> is <c>AuditClient.Vendor-resilience</c> (or
    /// <c>AuditClient.Vendor.account-resilience</c>) in every release, as Microsoft.Extensions.Http.Resilience would name it.
    /// </summary>
    public const string PipelineName = "resilience";

    /// <summary>How long a pooled connection of the SDK's own <see cref="SocketsHttpHandler"/> is reused before a new one is made.</summary>
    internal static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    private static RefitSettings Settings()
    {
        var settings = RefitSettings.ForJsonContext(AuditClientJsonContext.Wire);

        // Buffered bodies carry Content-Length and are re-sent byte for byte by retries. Serialized synchronously into
        // bytes up front (a ByteArrayContent): the source-generated fast path, not JsonContent's async serializer
        // writing into a buffer that is then copied.
        settings.Buffered = false;
        settings.RequestBodySerialization = RequestBodySerializationMode.Buffered;

        // The Refit methods return the raw answer, which ApiCall classifies; an exception of the transport, the
        // pipeline or a cancellation reaches it as thrown, not wrapped in one of Refit's.
        settings.TransportExceptionFactory = static (_, exception, _) => exception;
        return settings;
    }

    // Polly's telemetry as the app set it up (listeners, enrichers, its own severities) with the app's loggers, except
    // that Polly reports every attempt that needs no retry at Information, one line per successful call: lowered to
    // Debug for the SDK's pipelines alone. Its lines quote an attempt's exception, which may quote the vendor: the
    // loggers redact the vendor's credentials.
    private static TelemetryOptions Telemetry(IServiceProvider services, Redactor redactor)
    {
        var telemetry = services.GetService<IOptions<TelemetryOptions>>()?.Value is { } app ? new TelemetryOptions(app) : new TelemetryOptions();
        if (telemetry.LoggerFactory is Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory && services.GetService<ILoggerFactory>() is { } loggers)
        {
            telemetry.LoggerFactory = loggers;
        }

        if (telemetry.LoggerFactory is not Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory)
        {
            telemetry.LoggerFactory = new RedactingLoggerFactory(telemetry.LoggerFactory, redactor);
        }

        var severityOf = telemetry.SeverityProvider;
        telemetry.SeverityProvider = args =>
        {
            var severity = severityOf?.Invoke(args) ?? args.Event.Severity;
            return severity == ResilienceEventSeverity.Information && args.Event.EventName == "ExecutionAttempt" ? ResilienceEventSeverity.Debug : severity;
        };
        return telemetry;
    }

    // A redirect would carry the credential to whatever address the answer names: .NET drops Authorization on a
    // redirect but keeps x-api-key, and either way https-only would no longer hold. A 3xx is returned as an answer.
    private static HttpMessageHandler WithoutRedirects(HttpMessageHandler handler)
    {
        switch (handler)
        {
            case SocketsHttpHandler sockets:
                sockets.AllowAutoRedirect = false;
                break;
            case HttpClientHandler client:
                client.AllowAutoRedirect = false;
                break;
        }

        return handler;
    }
}
