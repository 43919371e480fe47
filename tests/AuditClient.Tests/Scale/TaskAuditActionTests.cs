using System.Net;
using System.Text;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.Scale;

public sealed class TaskAuditActionTests
{
    private static readonly string ExpectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Loopback.ScaleKey + ":"));

    private static void ServeAudit(WireMockServer server, string taskId, string reviewStatus) =>
        server.Given(Request.Create().WithPath($"/v1/task/{taskId}/audit").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(ScaleTaskJson.Task(taskId, $",\"customer_review_status\":\"{reviewStatus}\"")));

    [Test]
    public async Task Accepting_posts_accepted_true_with_the_comments_and_basic_auth()
    {
        using var server = Loopback.StartServer();
        ServeAudit(server, "t1", "accepted");
        using var clients = Loopback.Clients(server);

        var task = await clients.ScaleTasks.AuditTaskAsync("t1", accepted: true, comments: "Looks right");

        Assert.That(task.CustomerReviewStatus, Is.EqualTo(CustomerReviewStatus.Accepted));
        var request = server.LogEntries.Single().RequestMessage;
        Assert.That(request.Method, Is.EqualTo("POST"));
        Assert.That(request.Path, Is.EqualTo("/v1/task/t1/audit"));
        Assert.That(request.Body, Is.EqualTo("""{"accepted":true,"comments":"Looks right"}"""));
        Assert.That(Loopback.Header(server.LogEntries.Single(), "Authorization"), Is.EqualTo(ExpectedAuth));
        Assert.That(Loopback.Header(server.LogEntries.Single(), "Content-Type"), Does.StartWith("application/json"));
    }

    [Test]
    public async Task Rejecting_without_comments_posts_accepted_false_and_no_comments_field()
    {
        using var server = Loopback.StartServer();
        ServeAudit(server, "t2", "rejected");
        using var clients = Loopback.Clients(server);

        var task = await clients.ScaleTasks.AuditTaskAsync("t2", accepted: false);

        Assert.That(task.CustomerReviewStatus, Is.EqualTo(CustomerReviewStatus.Rejected));
        var request = server.LogEntries.Single().RequestMessage;
        Assert.That(request.Path, Is.EqualTo("/v1/task/t2/audit"));
        Assert.That(request.Body, Is.EqualTo("""{"accepted":false}"""));
        Assert.That(Loopback.Header(server.LogEntries.Single(), "Authorization"), Is.EqualTo(ExpectedAuth));
    }

    [Test]
    public async Task A_task_id_with_reserved_characters_is_escaped_in_the_path()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json").WithBody(ScaleTaskJson.Task("x")));
        using var clients = Loopback.Clients(server);

        await clients.ScaleTasks.AuditTaskAsync("a%2Fb%3Fc", accepted: true);

        // Sent as a%252Fb%253Fc; the server decodes that once, back to the id as given, inside one segment.
        Assert.That(server.LogEntries.Single().RequestMessage.Url, Does.Contain("/v1/task/a%2Fb%3Fc/audit"));
    }

    [Test]
    public async Task A_500_is_not_retried_and_surfaces_as_the_sdk_exception()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/t3/audit").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(500).WithHeader("Content-Type", "application/json")
                .WithBody("""{"status_code":500,"error":"Internal error"}"""));
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.ScaleTasks.AuditTaskAsync("t3", accepted: true));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.InternalServerError));
        Assert.That(error.VendorMessage, Is.EqualTo("Internal error"));
        Assert.That(error.RequestPath, Is.EqualTo("/v1/task/t3/audit"));
        Assert.That(server.LogEntries.Count(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_task_that_cannot_be_audited_surfaces_scales_message()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/t4/audit").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"status_code":400,"error":"Task is not completed"}"""));
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditApiException>(() => clients.ScaleTasks.AuditTaskAsync("t4", accepted: false, "no"));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(error.VendorMessage, Is.EqualTo("Task is not completed"));
        Assert.That(server.LogEntries.Count(), Is.EqualTo(1));
    }

    [TestCase("")]
    [TestCase(" ")]
    public async Task An_empty_task_id_is_refused_before_sending(string taskId)
    {
        using var server = Loopback.StartServer();
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditValidationException>(() => clients.ScaleTasks.AuditTaskAsync(taskId, accepted: true));

        Assert.That(error!.Violations.Single().Path, Is.EqualTo("task_id"));
        Assert.That(server.LogEntries, Is.Empty);
    }
}
