using System.Net;
using AuditClient.Core.Errors;
using AuditClient.Scale;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Resilience;

/// <summary>What a failed call tells the caller: the exception type to act on, and the vendor's own words.</summary>
public sealed class ErrorMappingTests
{
    [TestCase(400, typeof(AuditApiException))]
    [TestCase(401, typeof(AuditAuthenticationException))]
    [TestCase(403, typeof(AuditAuthenticationException))]
    [TestCase(404, typeof(AuditNotFoundException))]
    [TestCase(409, typeof(AuditApiException))]
    [TestCase(422, typeof(AuditApiException))]
    public async Task Each_status_becomes_the_exception_a_caller_acts_on_with_Scales_message(int status, Type expected)
    {
        using var server = Answering(status, Answers.ScaleError(status), ("x-request-id", "req-123"));
        using var clients = TestClients.For(server.Url);

        var error = await Catch(() => clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(error, Is.TypeOf(expected));
            Assert.That(error.StatusCode, Is.EqualTo((HttpStatusCode)status));
            Assert.That(error.VendorMessage, Is.EqualTo(Answers.ScaleErrorMessage));
            Assert.That(error.Message, Does.Contain(Answers.ScaleErrorMessage).And.Contain("PUT /v1/audits"));
            Assert.That(error.RequestId, Is.EqualTo("req-123"));
            Assert.That(error.ResponseExcerpt, Is.EqualTo(Answers.ScaleError(status)));
            Assert.That(error.Vendor, Is.EqualTo(AuditVendor.Scale));
            Assert.That(error.MayHaveTakenEffect, Is.False, "the vendor refused it");
            Assert.That(error.ResponseHeaders["x-request-id"], Is.EqualTo("req-123"));
            Assert.That(server.Arrivals, Is.EqualTo(1));
        }
    }

    [Test]
    public async Task CloudFactorys_message_property_is_the_vendor_message()
    {
        using var server = Answering(400, Answers.CloudFactoryError());
        using var clients = TestClients.For(server.Url);

        var error = await Catch(() => clients.Services.GetRequiredService<global::AuditClient.CloudFactory.ICloudFactoryQualityApi>()
            .SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: false)));

        Assert.That(error.VendorMessage, Is.EqualTo(Answers.CloudFactoryErrorMessage));
        Assert.That(error.Vendor, Is.EqualTo(AuditVendor.CloudFactory));
        Assert.That(error.RequestPath, Is.EqualTo($"/v1/workstreams/{Requests.WorkstreamId}/task_reviewed"));
    }

    [Test]
    public async Task A_huge_error_body_is_kept_only_as_a_bounded_excerpt()
    {
        var huge = new string('x', 200_000);
        using var server = Answering(400, $$"""{"error":"{{huge}}"}""");
        using var clients = TestClients.For(server.Url);

        var error = await Catch(() => clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(error.ResponseExcerpt, Has.Length.EqualTo(ErrorMapper.ExcerptLength));
        Assert.That(error.VendorMessage, Has.Length.LessThanOrEqualTo(ErrorMapper.VendorMessageLength + 3));
        Assert.That(error.Message, Has.Length.LessThan(1000));
    }

    [Test]
    public async Task A_503_whose_Retry_After_is_beyond_the_cap_fails_at_once_and_carries_it()
    {
        using var server = Answering(503, Answers.ScaleError(503), ("Retry-After", "600"));
        using var clients = TestClients.For(server.Url);

        var error = await Catch(() => clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId));

        Assert.That(error, Is.TypeOf<AuditApiException>());
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(10)));
        Assert.That(server.Arrivals, Is.EqualTo(1));
    }

    [Test]
    public async Task A_cap_can_be_lowered_so_that_any_wait_is_left_to_the_caller()
    {
        using var server = Answering(429, Answers.ScaleError(429), ("Retry-After", "2"));
        using var clients = TestClients.For(server.Url, r => r.MaxRetryAfter = TimeSpan.FromSeconds(1));

        var error = await Catch(() => clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId));

        Assert.That(error, Is.TypeOf<AuditRateLimitedException>());
        Assert.That(error.RetryAfter, Is.EqualTo(TimeSpan.FromSeconds(2)));
        Assert.That(error.Message, Does.Contain("Retry after 2 s"));
        Assert.That(server.Arrivals, Is.EqualTo(1));
    }

    [Test]
    public async Task An_unreadable_success_says_the_request_may_have_taken_effect_and_keeps_the_request_id()
    {
        using var server = Answering(201, "<html>not json</html>", ("x-request-id", "req-9"));
        using var clients = TestClients.For(server.Url);

        var error = await Catch(() => clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(error, Is.TypeOf<AuditApiException>());
        Assert.That(error.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(error.RequestId, Is.EqualTo("req-9"));
        Assert.That(error.ResponseExcerpt, Is.EqualTo("<html>not json</html>"));
        Assert.That(error.Message, Does.Contain("may have taken effect"));
        Assert.That(error.InnerException, Is.InstanceOf<System.Text.Json.JsonException>());
    }

    [TestCase("""{"status_code":500,"error":"boom"}""", "boom")]
    [TestCase("""{"message":"Data invalid"}""", "Data invalid")]
    [TestCase("""{"detail":"gateway says no"}""", "gateway says no")]
    [TestCase("""{"error":{"code":1}}""", null)]
    [TestCase("""[1,2]""", "[1,2]")]
    [TestCase("<html><head><title>504 Gateway Time-out</title></head><body>...</body></html>", "504 Gateway Time-out")]
    [TestCase("upstream connect error", "upstream connect error")]
    [TestCase("   ", null)]
    [TestCase("""{"error_description":"the token expired"}""", "the token expired")]
    [TestCase("""{"message":42,"detail":"a number is no message"}""", "a number is no message")]
    [TestCase("""  {"error":"after white space"}""", "after white space")]
    [TestCase("""{"error":"cut off""", """{"error":"cut off""")]
    [TestCase("<HTML><TITLE>Upper case</TITLE></HTML>", "Upper case")]
    [TestCase("<html><title>\n  Spaced out \n</title></html>", "Spaced out")]
    [TestCase("<title>503 &amp; no end", "503 & no end")]
    [TestCase("<html><title> </title>the page says more</html>", "<html><title> </title>the page says more</html>")]
    [TestCase("  plain text with room  ", "plain text with room")]
    public void The_vendor_message_is_read_from_each_body_shape(string body, string? message)
    {
        Assert.That(ErrorMapper.ExtractVendorMessage(body, []), Is.EqualTo(message));
    }

    [Test]
    public void The_vendors_own_properties_come_before_a_gateways()
    {
        var (message, code) = ErrorMapper.ReadErrorBody(
            """{"error":"from the gateway","code":"gw","reason":"from the vendor","reason_code":7}""", ["reason"], ["reason_code"]);

        Assert.That(message, Is.EqualTo("from the vendor"));
        Assert.That(code, Is.EqualTo("7"));
    }

    [TestCase(300, false)]
    [TestCase(301, true)]
    public void A_vendor_message_is_cut_after_300_characters(int length, bool cut)
    {
        var text = string.Concat(Enumerable.Repeat("0123456789", 31))[..length];

        var message = ErrorMapper.ExtractVendorMessage($$"""{"error":"{{text}}"}""", []);

        Assert.That(message, Is.EqualTo(cut ? text[..300] + "..." : text));
    }

    [TestCase("x-request-id")]
    [TestCase("x-amzn-requestid")]
    [TestCase("request-id")]
    [TestCase("x-correlation-id")]
    public async Task The_request_id_is_read_from_each_header_vendors_and_gateways_use(string header)
    {
        using var server = Answering(400, Answers.ScaleError(400), (header, "req-42"));
        using var clients = TestClients.For(server.Url);

        var error = await Catch(() => clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(error.RequestId, Is.EqualTo("req-42"));
    }

    private static async Task<AuditApiException> Catch(Func<Task> call)
    {
        var error = await Assert.CatchAsync<AuditApiException>(() => call());
        Assert.That(TestClients.Leaks(TestClients.Texts(error!)), Is.Empty);
        return error!;
    }

    private static FaultServer Answering(int status, string body, params (string Name, string Value)[] headers)
    {
        var server = FaultServer.Start();
        var response = Response.Create().WithStatusCode(status).WithBody(body)
            .WithHeader("Content-Type", body.StartsWith('<') ? "text/html" : "application/json");
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        server.Server.Given(Request.Create().UsingAnyMethod()).RespondWith(response);
        return server;
    }
}
