using AuditClient.Core.Errors;
using AuditClient.Core.Http;
using AuditClient.Core.Serialization;
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

    public static void AddVendorRuntime(IServiceCollection services, AuditVendor vendor)
    {
        services.TryAddKeyedSingleton(vendor, (sp, _) =>
        {
            var options = sp.GetRequiredService<IOptions<AuditClientOptions>>().Value;
            return new VendorRuntime(vendor == AuditVendor.Scale ? options.Scale : options.CloudFactory);
        });
    }

    public static IHttpClientBuilder AddRefitClient<TRefit>(IServiceCollection services, AuditVendor vendor)
        where TRefit : class
    {
        var builder = services.AddRefitGeneratedClient<TRefit>(sp =>
            {
                var runtime = sp.GetRequiredKeyedService<VendorRuntime>(vendor);
                var time = sp.GetService<TimeProvider>() ?? TimeProvider.System;
                var settings = RefitSettings.ForJsonContext(AuditClientJsonContext.Wire);

                // Buffered bodies carry Content-Length and are re-sent byte for byte by retries.
                settings.Buffered = true;
                settings.ExceptionFactory = async response =>
                    response.IsSuccessStatusCode ? null : await ErrorMapper.FromResponseAsync(runtime, response, time).ConfigureAwait(false);
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
            .ConfigurePrimaryHttpMessageHandler(sp =>
                sp.GetRequiredKeyedService<VendorRuntime>(vendor).PrimaryHandlerFactory?.Invoke() ?? new SocketsHttpHandler())
            .RedactLoggedHeaders(header => !LoggableHeaders.Contains(header));
        builder.AddResilienceHandler("AuditClient." + vendor, (builder, context) =>
                VendorPipeline.Configure(
                    builder,
                    context.ServiceProvider.GetRequiredKeyedService<VendorRuntime>(vendor),
                    context.ServiceProvider.GetService<TimeProvider>() ?? TimeProvider.System));

        // Inside the pipeline, so that every attempt reads its whole answer within its timeout.
        builder.AddHttpMessageHandler(() => new ResponseBufferingHandler(vendor));
        return builder;
    }
}
