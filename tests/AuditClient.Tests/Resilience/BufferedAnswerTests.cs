using AuditClient.Scale;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// Each attempt's answer is read inside the attempt (whole into pooled memory up to 1 MiB of known length, else
/// deserialized as it arrives): a body cut off mid-way is a failure of that attempt, retried by the same rules as a
/// lost connection, and an answer reads the same however large it is.
/// </summary>
public sealed class BufferedAnswerTests
{
    [Test]
    public async Task A_GET_whose_body_is_cut_off_mid_way_is_retried_and_returns_the_whole_answer()
    {
        using var server = ServerAnswering(200, Answers.Task);
        server.CutBodyNext(1);
        using var clients = TestClients.For(server.Url);

        var task = await clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId);

        Assert.That(task.TaskId, Is.EqualTo(Requests.TaskId));
        Assert.That(server.Arrivals, Is.EqualTo(2));
    }

    [Test]
    public async Task A_PUT_whose_body_is_cut_off_is_a_transport_failure_that_may_have_taken_effect_and_is_not_repeated()
    {
        using var server = ServerAnswering(201, Answers.Audit);
        server.CutBodyNext(1);
        using var clients = TestClients.For(server.Url);

        var error = await Assert.ThrowsAsync<AuditTransportException>(
            () => clients.Services.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(Requests.ValidAudit()));

        Assert.That(error!.MayHaveTakenEffect, Is.True);
        Assert.That(error.InnerException, Is.InstanceOf<HttpRequestException>());
        Assert.That(server.Arrivals, Is.EqualTo(1));
    }

    [TestCase(1)]
    [TestCase(200_000)]
    [TestCase(2_000_000)]
    public async Task An_answer_is_read_whole_whatever_its_size(int padding)
    {
        // Below and above the large-object threshold, and above the largest body kept in pooled memory.
        var body = Answers.Task.Insert(1, $"\"note\":\"{new string('x', padding)}\",");
        using var server = ServerAnswering(200, body);
        using var clients = TestClients.For(server.Url);

        var task = await clients.Services.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId);

        Assert.That(task.TaskId, Is.EqualTo(Requests.TaskId));
        Assert.That(task.AdditionalProperties!["note"].GetString(), Has.Length.EqualTo(padding));
    }

    private static FaultServer ServerAnswering(int status, string body)
    {
        var server = FaultServer.Start();
        server.Server.Given(Request.Create().UsingAnyMethod())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));
        return server;
    }
}
