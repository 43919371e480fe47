using AuditClient.Core.Http;
using AuditClient.Core.Serialization;
using AuditClient.Core.Vendors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Refit;

namespace AuditClient.Core.DependencyInjection;

/// <summary>Registers a vendor's generated Refit client with its address, credential header and resilience pipeline.</summary>
internal static class VendorRegistration
{
    // Headers whose values may appear in HttpClientFactory's logs; every other value is redacted.
    private static readonly HashSet<string> LoggableHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Content-Type", "Content-Length", "User-Agent", "Retry-After", "Date", "x-request-id", "Server",
    };

    public static void AddVendorRuntime(IServiceCollection services, VendorProfile profile)
    {
        services.TryAddKeyedSingleton(profile.Vendor, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<AuditClientOptions>>().Value;
            return new VendorRuntime(
                profile.OptionsOf(options),
                options.SharedQuota,
                sp.GetService<Microsoft.Extensions.Logging.ILoggerFactory>());
        });
    }

    public static IHttpClientBuilder AddRefitClient<TRefit>(IServiceCollection services, VendorProfile profile)
        where TRefit : class
    {
        var vendor = profile.Vendor;
        var builder = services.AddRefitGeneratedClient<TRefit>(_ =>
            {
                var settings = RefitSettings.ForJsonContext(AuditClientJsonContext.Wire);

                // Buffered bodies carry Content-Length and are re-sent byte for byte by retries.
                settings.Buffered = true;

                // The Refit methods return the raw answer, which ApiCall classifies; an exception of the transport, the
                // pipeline or a cancellation reaches it as thrown, not wrapped in one of Refit's.
                settings.TransportExceptionFactory = static (_, exception, _) => exception;
                return settings;
            })
            .ConfigureHttpClient((sp, client) =>
            {
                var runtime = sp.GetRequiredKeyedService<VendorRuntime>(vendor);
                client.BaseAddress = runtime.BaseAddress;

                // The pipeline owns timeouts; HttpClient's own 100 s default would cut retries short.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.TryAddWithoutValidation(runtime.AuthHeaderName, runtime.AuthHeaderValue);
                client.DefaultRequestHeaders.Accept.ParseAdd("application/json");
            })
            .ConfigurePrimaryHttpMessageHandler(sp => WithoutRedirects(
                sp.GetRequiredKeyedService<VendorRuntime>(vendor).PrimaryHandlerFactory?.Invoke() ?? new SocketsHttpHandler()))
            .RedactLoggedHeaders(header => !LoggableHeaders.Contains(header));

        // An app may give every HttpClient a resilience handler (ConfigureHttpClientDefaults(h =>
        // h.AddStandardResilienceHandler()), as .NET Aspire's service defaults do). A second retry layer would repeat
        // writes that the SDK sends once, and its timeouts would cut the SDK's short: removed from the SDK's clients.
        // Any other handler that repeats a request is stopped by SendOnceHandler.
#pragma warning disable EXTEXP0001 // Experimental in this version; it is the library's own way to do exactly this.
        builder.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        builder.AddHttpMessageHandler(sp => new SendOnceHandler(sp.GetRequiredKeyedService<VendorRuntime>(vendor), sp.GetService<TimeProvider>() ?? TimeProvider.System));
        builder.AddResilienceHandler("AuditClient." + vendor, (builder, context) =>
                VendorPipeline.Configure(
                    builder,
                    context.ServiceProvider.GetRequiredKeyedService<VendorRuntime>(vendor),
                    context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System));

        // Inside the pipeline, so that every attempt's 429 reaches the processes sharing the quota.
        builder.AddHttpMessageHandler(sp => new SharedHoldHandler(sp.GetRequiredKeyedService<VendorRuntime>(vendor), sp.GetService<TimeProvider>() ?? TimeProvider.System));

        // Inside the pipeline, so that every attempt reads its whole answer within its timeout.
        builder.AddHttpMessageHandler(sp => new ResponseBufferingHandler(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return builder;
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
