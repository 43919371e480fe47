using System.Net;
using System.Text;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Core;

public sealed class ClientSmokeTests
{
    [Test]
    public async Task Get_task_sends_basic_auth_with_the_key_as_user_name_and_reads_the_task()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/t1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"task_id":"t1"}"""));
        using var clients = Loopback.Clients(server);

        var task = await clients.ScaleTasks.GetTaskAsync("t1");

        Assert.That(task.TaskId, Is.EqualTo("t1"));
        var entry = server.LogEntries.Single();
        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(Loopback.ScaleKey + ":"));
        Assert.That(Loopback.Header(entry, "Authorization"), Is.EqualTo(expected));
    }

    [Test]
    public async Task A_404_with_scale_error_body_becomes_not_found_with_the_vendor_message()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/task/missing").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(404).WithHeader("Content-Type", "application/json")
                .WithBody("""{"status_code":404,"error":"No task found with id missing"}"""));
        using var clients = Loopback.Clients(server);

        var error = await Assert.ThrowsAsync<AuditNotFoundException>(() => clients.ScaleTasks.GetTaskAsync("missing"));

        Assert.That(error!.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(error.VendorMessage, Is.EqualTo("No task found with id missing"));
        Assert.That(error.RequestPath, Is.EqualTo("/v1/task/missing"));
        Assert.That(error.ToString(), Does.Not.Contain(Loopback.ScaleKey));
    }
}
