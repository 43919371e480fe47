using System.Net;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// How answers that are not plain successes or errors end, over real sockets: a <c>Retry-After</c> beyond the cap on a
/// retried 5xx, redirects, empty 2xx bodies, and a success body that echoes the key.
/// </summary>
public sealed class AnswerHandlingTests
{
    [Test]
    public async Task A_read_answered_504_with_a_Retry_After_beyond_the_cap_fails_at_once_with_its_status_and_RetryAfter()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/task_1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(504).WithHeader("Retry-After", "3600"));
        using var clients = Loopback.Clients(server);

        var failure = await Assert.ThrowsAsync<AuditApiException>(() => clients.ScaleTasks.GetTaskAsync("task_1"));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.StatusCode, Is.EqualTo(HttpStatusCode.GatewayTimeout));
            Assert.That(failure.RetryAfter, Is.EqualTo(TimeSpan.FromHours(1)));
            Assert.That(server.LogEntries, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task A_repeat_safe_review_answered_500_with_a_Retry_After_beyond_the_cap_fails_at_once()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath($"/v1/workstreams/{Requests.WorkstreamId}/task_reviewed").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Retry-After", "600").WithBodyAsJson(new { message = "later" }));
        using var clients = Loopback.Clients(server);

        var failure = await Assert.ThrowsAsync<AuditApiException>(
            () => clients.CloudFactory.SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: true)));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(failure.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
            Assert.That(failure.RetryAfter, Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(server.LogEntries, Has.Count.EqualTo(1));
        }
    }

    [Test]
    public async Task A_read_answered_503_with_a_Retry_After_within_the_cap_is_still_retried()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/task_1").UsingGet()).InScenario("s").WillSetStateTo("2")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "0"));
        server.Given(Request.Create().WithPath("/v1/task/task_1").UsingGet()).InScenario("s").WhenStateIs("2")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody(Answers.Task));
        using var clients = Loopback.Clients(server);

        var task = await clients.ScaleTasks.GetTaskAsync("task_1");

        Assert.That(task.TaskId, Is.EqualTo("task_1"));
        Assert.That(server.LogEntries, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task A_redirect_of_a_scale_call_to_another_address_is_not_followed_and_names_the_address()
    {
        using var elsewhere = Loopback.StartServer();
        elsewhere.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(200).WithBody(Answers.Task));
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/task_1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(307).WithHeader("Location", elsewhere.Url + "/v1/task/task_1"));
        using var clients = Loopback.Clients(server);

        var failure = await Assert.ThrowsAsync<AuditApiException>(() => clients.ScaleTasks.GetTaskAsync("task_1"));

        Assert.That(failure.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
        Assert.That(failure.Message, Does.Contain(elsewhere.Url + "/v1/task/task_1").And.Contain("does not follow redirects"));
        Assert.That(elsewhere.LogEntries, Is.Empty);
    }

    [Test]
    public async Task A_redirect_of_a_cloudfactory_review_does_not_carry_the_api_key_elsewhere_even_with_a_handler_that_follows_redirects()
    {
        using var elsewhere = Loopback.StartServer();
        elsewhere.Given(Request.Create().UsingAnyMethod()).RespondWith(Response.Create().WithStatusCode(202).WithBody(Answers.ReviewAccepted));
        using var server = Loopback.StartServer();
        server.Given(Request.Create().UsingPost())
            .RespondWith(Response.Create().WithStatusCode(307).WithHeader("Location", elsewhere.Url + "/steal"));
        using var clients = Loopback.Clients(server, o => o.CloudFactory.PrimaryHandlerFactory = () => new SocketsHttpHandler { AllowAutoRedirect = true });

        var failure = await Assert.ThrowsAsync<AuditApiException>(
            () => clients.CloudFactory.SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: false)));

        Assert.That(failure.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
        Assert.That(elsewhere.LogEntries, Is.Empty);
    }

    [TestCase(200)]
    [TestCase(201)]
    [TestCase(202)]
    [TestCase(204)]
    public async Task A_cloudfactory_success_without_a_body_is_an_accepted_review(int status)
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(status));
        using var clients = Loopback.Clients(server);

        var accepted = await clients.CloudFactory.SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: false));

        Assert.That(accepted.Message, Is.Null);
        Assert.That(server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_scale_success_without_a_body_is_an_error_that_says_the_call_may_have_taken_effect()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits").UsingPut()).RespondWith(Response.Create().WithStatusCode(201));
        using var clients = Loopback.Clients(server);

        var failure = await Assert.ThrowsAsync<AuditApiException>(() => clients.ScaleAudits.CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(failure.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(failure.Message, Does.Contain("empty body").And.Contain("may have taken effect"));
        Assert.That(server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_success_body_that_echoes_the_key_and_cannot_be_read_keeps_the_key_out_of_the_exception()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/task_1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody($$"""{"task_id": "task_1", "echo": "{{Loopback.ScaleKey}}", "audits": 7}"""));
        using var clients = Loopback.Clients(server);

        var failure = await Assert.ThrowsAsync<AuditApiException>(() => clients.ScaleTasks.GetTaskAsync("task_1"));

        Assert.That(failure.ResponseExcerpt, Does.Contain("[redacted]"));
        Assert.That(TestClients.Leaks(TestClients.Texts(failure).Append(failure.ResponseExcerpt!)), Is.Empty);
    }

}
