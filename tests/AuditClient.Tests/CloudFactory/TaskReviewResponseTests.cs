using System.Net;
using AuditClient.CloudFactory;
using AuditClient.Tests.Support;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.CloudFactory;

public sealed class TaskReviewResponseTests
{
    private static readonly TaskReview NotRepeatSafe = CloudFactoryServer.Minimal();
    private static readonly TaskReview RepeatSafe = CloudFactoryServer.Minimal() with { UniqueId = "review-1" };

    [Test]
    public async Task A_202_returns_the_message()
    {
        using var server = Loopback.StartServer();
        CloudFactoryServer.AcceptReviews(server);
        using var clients = Loopback.Clients(server);

        var accepted = await clients.CloudFactory.SubmitTaskReviewedAsync(NotRepeatSafe);

        Assert.That(accepted.Message, Is.EqualTo("Data successfully received."));
    }

    [TestCase("", null)]
    [TestCase("Accepted", "Accepted")]
    [TestCase("""{"status":"queued"}""", null)]
    public async Task A_202_without_the_usual_json_still_means_accepted(string body, string? message)
    {
        using var server = Loopback.StartServer();
        server.Given(CloudFactoryServer.ReviewRequest()).RespondWith(Response.Create().WithStatusCode(202).WithBody(body));
        using var clients = Loopback.Clients(server);

        var accepted = await clients.CloudFactory.SubmitTaskReviewedAsync(NotRepeatSafe);

        Assert.That(accepted.Message, Is.EqualTo(message));
    }

    [Test]
    public async Task A_400_with_a_json_body_is_an_api_exception_with_the_vendor_message()
    {
        using var server = Loopback.StartServer();
        Answer(server, 400, """{"message": "use_case_id is not configured for this workstream"}""", "application/json");
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.CloudFactory.SubmitTaskReviewedAsync(RepeatSafe));

        AssertError(error, HttpStatusCode.BadRequest, "use_case_id is not configured for this workstream");
        Assert.That(server.LogEntries, Has.Count.EqualTo(1), "a 400 is never retried");
    }

    [Test]
    public async Task A_400_with_a_plain_text_body_is_an_api_exception_with_the_text()
    {
        using var server = Loopback.StartServer();
        Answer(server, 400, "Bad Request: review_score is required", "text/plain");
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.CloudFactory.SubmitTaskReviewedAsync(NotRepeatSafe));

        AssertError(error, HttpStatusCode.BadRequest, "Bad Request: review_score is required");
    }

    [Test]
    public async Task A_403_is_an_authentication_exception_that_never_shows_the_key()
    {
        using var server = Loopback.StartServer();
        Answer(server, 403, """{"message": "Forbidden"}""", "application/json");
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditAuthenticationException>(() => clients.CloudFactory.SubmitTaskReviewedAsync(RepeatSafe));

        AssertError(error, HttpStatusCode.Forbidden, "Forbidden");
        Assert.That(error!.ToString(), Does.Not.Contain(Loopback.CloudFactoryKey));
        Assert.That(server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_500_for_a_review_without_unique_id_is_sent_exactly_once()
    {
        using var server = Loopback.StartServer();
        Answer(server, 500, """{"message": "Internal Server Error"}""", "application/json");
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.CloudFactory.SubmitTaskReviewedAsync(NotRepeatSafe));

        AssertError(error, HttpStatusCode.InternalServerError, "Internal Server Error");
        Assert.That(server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_500_for_a_review_with_unique_id_and_replace_duplicate_false_is_sent_exactly_once()
    {
        using var server = Loopback.StartServer();
        Answer(server, 500, """{"message": "Internal Server Error"}""", "application/json");
        using var clients = Loopback.Clients(server);

        await Assert.ThrowsAsync<AuditApiException>(
            () => clients.CloudFactory.SubmitTaskReviewedAsync(RepeatSafe with { ReplaceDuplicate = false }));

        Assert.That(server.LogEntries, Has.Count.EqualTo(1));
    }

    [TestCase(null)]
    [TestCase(true)]
    public async Task A_500_for_a_review_with_unique_id_replacing_duplicates_is_retried_until_accepted(bool? replaceDuplicate)
    {
        using var server = Loopback.StartServer();
        server.Given(CloudFactoryServer.ReviewRequest()).InScenario("flaky").WillSetStateTo("recovered")
            .RespondWith(Response.Create().WithStatusCode(500).WithBody("""{"message": "Internal Server Error"}"""));
        server.Given(CloudFactoryServer.ReviewRequest()).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(Response.Create().WithStatusCode(202).WithBody(CloudFactoryServer.AcceptedBody));
        using var clients = Loopback.Clients(server);

        var accepted = await clients.CloudFactory.SubmitTaskReviewedAsync(RepeatSafe with { ReplaceDuplicate = replaceDuplicate });

        Assert.That(accepted.Message, Is.EqualTo("Data successfully received."));
        Assert.That(server.LogEntries, Has.Count.EqualTo(2));
        Assert.That(server.LogEntries.Select(e => e.RequestMessage.Body).Distinct().Count(), Is.EqualTo(1), "the retry re-sends the same body");
    }

    [Test]
    public async Task A_repeat_safe_review_that_keeps_failing_with_500_ends_in_one_exception_after_the_configured_retries()
    {
        using var server = Loopback.StartServer();
        Answer(server, 500, "upstream exploded", "text/plain");
        using var clients = Loopback.Clients(server, o => o.CloudFactory.Resilience.MaxRetryAttempts = 2);

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.CloudFactory.SubmitTaskReviewedAsync(RepeatSafe));

        AssertError(error, HttpStatusCode.InternalServerError, "upstream exploded");
        Assert.That(server.LogEntries, Has.Count.EqualTo(3));
    }

    private static void Answer(WireMockServer server, int status, string body, string contentType) =>
        server.Given(CloudFactoryServer.ReviewRequest())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", contentType).WithBody(body));

    // The error comes from Assert.ThrowsAsync, which has already failed the test when nothing was thrown.
    private static void AssertError(AuditApiException? error, HttpStatusCode status, string vendorMessage)
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(error!.StatusCode, Is.EqualTo(status));
            Assert.That(error.VendorMessage, Is.EqualTo(vendorMessage));
            Assert.That(error.Message, Does.Contain(vendorMessage));
            Assert.That(error.Vendor, Is.EqualTo(AuditVendor.CloudFactory));
            Assert.That(error.RequestMethod, Is.EqualTo("POST"));
            Assert.That(error.RequestPath, Is.EqualTo(CloudFactoryServer.ReviewPath));
        }
    }
}
