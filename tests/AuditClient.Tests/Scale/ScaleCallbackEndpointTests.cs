using System.Net;
using System.Text;
using System.Threading.Channels;
using AuditClient.Docs;
using AuditClient.Scale;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace AuditClient.Tests.Scale;

/// <summary>docs/tasks.md's minimal-API callback endpoint, compiled and run on Kestrel over loopback.</summary>
public sealed class ScaleCallbackEndpointTests
{
    private const string Key = "cb_live_endpoint_key";

    private static async Task<(WebApplication App, Channel<ScaleCallback> Inbox)> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration["Scale:CallbackAuthKey"] = Key;
        var app = builder.Build();
        var inbox = Channel.CreateUnbounded<ScaleCallback>();

        #region snippet: scale-callbacks
        var receiver = new ScaleCallbackReceiver(app.Configuration["Scale:CallbackAuthKey"]!);
        app.MapPost("/scale/callbacks", async (HttpRequest request, CancellationToken ct) =>
        {
            if (!receiver.Verify(request.Headers[ScaleCallbackReceiver.AuthHeaderName]))
                return Results.Unauthorized();
            try
            {
                // Kind: Completed, AuditAccepted, AuditRejected, AuditFixed or Other; LatestAudit: who, when, errors.
                var callback = await receiver.ParseAsync(request.Body, ct);
                await inbox.Writer.WriteAsync(callback, ct);   // answer at once; a background worker reads the inbox
                return Results.Ok();
            }
            catch (ScaleCallbackException e) when (e.IsTooLarge) { return Results.StatusCode(413); }
            catch (ScaleCallbackException) { return Results.BadRequest(); }
        });
        #endregion

        await app.StartAsync();
        return (app, inbox);
    }

    private static async Task<HttpStatusCode> PostAsync(WebApplication app, string body, string? key)
    {
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.Single()) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/scale/callbacks") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation(ScaleCallbackReceiver.AuthHeaderName, key);
        }

        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }

    [Test]
    public async Task The_readme_endpoint_accepts_a_verified_audit_callback_and_refuses_the_rest()
    {
        var (app, inbox) = await StartAsync();
        await using var running = app;

        const string rejected = """
            {"task":{"task_id":"t9","status":"completed","customer_review_status":"rejected",
              "audits":[{"audited_by":"qa@example.com","audited_at":"2024-05-01T08:00:00Z","audit_result":"rejected","audit_source":"customer"}]},
             "response":{"category":"small"}}
            """;

        Assert.That(await PostAsync(app, rejected, Key), Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await PostAsync(app, rejected, "cb_live_endpoint_kez"), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await PostAsync(app, rejected, null), Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(await PostAsync(app, "{not json", Key), Is.EqualTo(HttpStatusCode.BadRequest));

        Assert.That(inbox.Reader.TryRead(out var callback), Is.True);
        Assert.That(callback!.Kind, Is.EqualTo(ScaleCallbackKind.AuditRejected));
        Assert.That(callback.LatestAudit!.AuditedBy, Is.EqualTo("qa@example.com"));
        Assert.That(inbox.Reader.TryRead(out _), Is.False);
    }

    [Test]
    public void The_documented_endpoint_stays_within_15_lines()
    {
        // DocsTests proves docs/tasks.md shows this region; a reader should take it in at a glance.
        var tested = DocSnippets.Region("scale-callbacks");

        Assert.That(tested.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.LessThanOrEqualTo(15));
    }
}
