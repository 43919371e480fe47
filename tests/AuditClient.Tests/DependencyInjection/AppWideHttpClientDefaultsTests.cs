using System.Net;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using AuditClient.Tests.Resilience;
using AuditClient.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.DependencyInjection;

/// <summary>
/// Hosts that give every HttpClient a handler of their own, as .NET Aspire's service-defaults template does
/// (<c>ConfigureHttpClientDefaults(http => { http.AddStandardResilienceHandler(); http.AddServiceDiscovery(); })</c>):
/// the SDK's clients keep the SDK's retry rules, so a write the SDK sends once reaches the vendor once.
/// </summary>
public sealed class AppWideHttpClientDefaultsTests
{
    public enum Order
    {
        DefaultsFirst,
        DefaultsAfterAddAuditClients,
    }

    [TestCase(Order.DefaultsFirst)]
    [TestCase(Order.DefaultsAfterAddAuditClients)]
    public async Task A_fixless_create_answered_500_reaches_the_server_once_under_the_service_defaults_template(Order order)
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(500).WithBodyAsJson(new { status_code = 500, error = "boom" }));
        using var host = ServiceDefaultsHost(server, order);

        var failure = await Assert.ThrowsAsync<AuditApiException>(
            () => host.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(failure.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(server.LogEntries.Count(e => e.RequestMessage.Method == "PUT"), Is.EqualTo(1));
    }

    [TestCase(Order.DefaultsFirst)]
    [TestCase(Order.DefaultsAfterAddAuditClients)]
    public async Task A_review_without_unique_id_answered_502_reaches_the_server_once_under_the_service_defaults_template(Order order)
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath($"/v1/workstreams/{Requests.WorkstreamId}/task_reviewed").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(502).WithBodyAsJson(new { message = "bad gateway" }));
        using var host = ServiceDefaultsHost(server, order);

        var failure = await Assert.ThrowsAsync<AuditApiException>(
            () => host.Services.GetRequiredService<ICloudFactoryQualityApi>().SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: false)));

        Assert.That(failure.StatusCode, Is.EqualTo(HttpStatusCode.BadGateway));
        Assert.That(server.LogEntries, Has.Count.EqualTo(1));
    }

    [TestCase(Order.DefaultsFirst)]
    [TestCase(Order.DefaultsAfterAddAuditClients)]
    public async Task A_read_is_retried_by_the_sdk_alone_with_its_own_attempt_count(Order order)
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/task_1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(503));
        using var host = ServiceDefaultsHost(server, order, r => r.MaxRetryAttempts = 2);

        await Assert.ThrowsAsync<AuditApiException>(
            () => host.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync("task_1"));

        // The SDK's first attempt and its two retries; the standard handler would have added its own three per attempt.
        Assert.That(server.LogEntries, Has.Count.EqualTo(3));
    }

    [Test]
    public async Task A_handler_of_the_app_that_repeats_requests_cannot_send_a_create_twice()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(500).WithBodyAsJson(new { status_code = 500, error = "boom" }));
        var builder = Host.CreateApplicationBuilder();
        builder.Services.ConfigureHttpClientDefaults(http => http.AddHttpMessageHandler(() => new RepeatingHandler(attempts: 4)));
        AddClients(builder.Services, server, null);
        using var host = builder.Build();

        var failure = await Assert.ThrowsAsync<AuditApiException>(
            () => host.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(server.LogEntries, Has.Count.EqualTo(1));
        Assert.That(failure.Message, Does.Contain("outside the SDK's pipeline").And.Contain("PUT /v1/audits"));
    }

    private static IHost ServiceDefaultsHost(WireMockServer server, Order order, Action<VendorResilienceOptions>? tune = null)
    {
        var builder = Host.CreateApplicationBuilder();
        if (order == Order.DefaultsFirst)
        {
            AddServiceDefaults(builder);
            AddClients(builder.Services, server, tune);
        }
        else
        {
            AddClients(builder.Services, server, tune);
            AddServiceDefaults(builder);
        }

        return builder.Build();
    }

    // What the template's Extensions.cs does for HttpClients.
    private static void AddServiceDefaults(HostApplicationBuilder builder)
    {
        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler();
            http.AddServiceDiscovery();
        });
    }

    private static void AddClients(IServiceCollection services, WireMockServer server, Action<VendorResilienceOptions>? tune) =>
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = Loopback.ScaleKey;
            o.Scale.BaseAddress = new Uri(server.Url!);
            o.CloudFactory.ApiKey = Loopback.CloudFactoryKey;
            o.CloudFactory.BaseAddress = new Uri(server.Url!);

            // The stubs serve the one endpoint each test studies; a write in doubt would be looked up on another
            // (reconciliation is studied against the fakes, in ReconcileTests).
            o.Scale.ReconcileWrites = false;
            foreach (var r in new[] { o.Scale.Resilience, o.CloudFactory.Resilience })
            {
                FastRetries.Apply(r);
                tune?.Invoke(r);
            }
        });

    /// <summary>A hand-written retry loop of the kind apps add to every client: it sends the same request again.</summary>
    private sealed class RepeatingHandler(int attempts) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var response = await base.SendAsync(request, cancellationToken);
                    if ((int)response.StatusCode < 500 || attempt == attempts)
                    {
                        return response;
                    }

                    response.Dispose();
                }
                catch (InvalidOperationException) when (attempt < attempts)
                {
                    // An app's loop that also retries exceptions keeps trying: the SDK must keep refusing.
                }
            }
        }
    }
}
