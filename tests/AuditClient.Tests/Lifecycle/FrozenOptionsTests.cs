using AuditClient.Scale;
using AuditClient.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AuditClient.Tests.Lifecycle;

/// <summary>How the clients are built, for <see cref="FrozenOptionsTests"/>.</summary>
public enum Building
{
    /// <summary><c>AuditClients.Create</c>.</summary>
    Create,

    /// <summary><c>AddAuditClients</c> in a container validated at startup, as a host does.</summary>
    Container,
}

/// <summary>
/// The options are frozen when they are built: an app that keeps the object its configure callback was given and
/// changes the address and the key afterwards still calls the first vendor with the first key. Two real fakes, each
/// accepting its own key only.
/// </summary>
public sealed class FrozenOptionsTests
{
    [TestCase(Building.Create)]
    [TestCase(Building.Container)]
    public async Task Address_and_key_changed_after_the_options_were_built_change_nothing(Building building)
    {
        await using var first = await AuditFakes.StartAsync();
        await using var second = await AuditFakes.StartAsync(o => o.ScaleApiKey = "scale_second_fake_key");
        AuditClientOptions? kept = null;
        void Configure(AuditClientOptions o)
        {
            kept = o;
            o.Scale.ApiKey = first.ScaleApiKey;
            o.Scale.BaseAddress = first.BaseAddress;
            Support.FastRetries.Apply(o.Scale.Resilience);
        }

        using var container = building == Building.Container ? Container(Configure) : null;
        using var clients = building == Building.Create ? AuditClients.Create(Configure) : null;

        kept!.Scale.BaseAddress = second.BaseAddress;
        kept.Scale.ApiKey = second.ScaleApiKey;
        var api = clients?.ScaleTasks ?? container!.GetRequiredService<IScaleTasksApi>();
        var task = await api.GetTaskAsync(ScaleFake.ExampleTaskId);

        using (Assert.EnterMultipleScope())
        {
            Assert.That(task.TaskId, Is.EqualTo(ScaleFake.ExampleTaskId), "the first fake accepted the first key");
            Assert.That(first.RequestsTo(FakeEndpoint.ScaleGetTask), Has.Count.EqualTo(1));
            Assert.That(second.Requests, Is.Empty, "the changed address is not used");
        }
    }

    // As a host builds it: the options are built and validated at startup (ValidateOnStart), the clients resolved later.
    private static ServiceProvider Container(Action<AuditClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddAuditClients(configure);
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }
}
