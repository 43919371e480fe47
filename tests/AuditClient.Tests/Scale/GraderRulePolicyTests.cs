using AuditClient.Scale;
using AuditClient.Testing;
using AuditClient.Tests.Resilience;
using AuditClient.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace AuditClient.Tests.Scale;

/// <summary>
/// What Scale accepts but its grader marks (an item left out of quality scores) is a warning, refused only by policy;
/// what the guide shows Scale accepting is sent. The default refuses only <c>error</c> items the grader would discard.
/// </summary>
public sealed class GraderRulePolicyTests
{
    private static readonly ValidationViolation[] GuideExampleWarnings =
    [
        Warning("target_response_url", "should be the task's response URL (task.response.annotations.url), an absolute URL"),
        Warning("feedback_items[0].category", "is required"),
        Warning("feedback_items[1].category", "is required"),
    ];

    [Test]
    public async Task The_guides_own_example_request_is_sent_and_answered_201_by_the_fake_with_its_items_stored_ungraded()
    {
        await using var fakes = await AuditFakes.StartAsync();
        var audit = AuditClientJson.Deserialize<FixlessAuditCreate>(FixlessAuditSpecExamples.RequestBody)!.With(c => c.TaskId = ScaleFake.ExampleTaskId);

        var created = await fakes.Clients.ScaleAudits.CreateAuditAsync(audit);

        Assert.That(audit.Validate(), Is.EqualTo(GuideExampleWarnings));
        Assert.That(created.FeedbackItems, Has.Count.EqualTo(2));
        Assert.That(created.FeedbackItems!.Select(i => i.GraderOutput), Is.All.Null);
        Assert.That(fakes.Scale.AuditsOf(ScaleFake.ExampleTaskId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task A_flag_item_the_grader_would_mark_is_sent_and_its_warning_logged_under_the_sdk_category()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(FixlessAuditSpecExamples.ResponseBody));
        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(logs));
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = Loopback.ScaleKey;
            o.Scale.BaseAddress = new Uri(server.Url!);
        });
        await using var provider = services.BuildServiceProvider();
        var audit = Requests.ValidAudit().With(c => c.FeedbackItems = [FlagWithoutAnnotationId()]);

        await provider.GetRequiredService<IScaleAuditsApi>().CreateAuditAsync(audit);

        Assert.That(server.LogEntries, Has.Count.EqualTo(1));
        var warning = logs.Lines.Single(line => line.StartsWith("Warning AuditClient:", StringComparison.Ordinal));
        Assert.That(warning, Does.Contain("scale.audits.create sent with 1 warning(s): feedback_items[0].scope.annotation_id: is required"));
    }

    [Test]
    public async Task The_same_item_as_an_error_is_refused_by_default_and_sent_under_the_Warn_policy()
    {
        using var server = Loopback.StartServer();
        server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(FixlessAuditSpecExamples.ResponseBody));
        var audit = Requests.ValidAudit().With(c => c.FeedbackItems = [FlagWithoutAnnotationId().With(c => c.Type = FeedbackItemType.Error)]);
        using var strict = Loopback.Clients(server);
        using var lenient = Loopback.Clients(server, o => o.Scale.GraderRules = GraderRulePolicy.Warn);

        var refused = await Assert.ThrowsAsync<AuditValidationException>(() => strict.ScaleAudits.CreateAuditAsync(audit));
        Assert.That(server.LogEntries, Is.Empty);
        await lenient.ScaleAudits.CreateAuditAsync(audit);

        Assert.That(refused.Violations, Is.EqualTo(new[] { new ValidationViolation("feedback_items[0].scope.annotation_id", "is required") }));
        Assert.That(server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_Refuse_policy_refuses_the_guides_example_for_its_warnings_and_sends_nothing()
    {
        using var server = Loopback.StartServer();
        using var clients = Loopback.Clients(server, o => o.Scale.GraderRules = GraderRulePolicy.Refuse);
        var audit = AuditClientJson.Deserialize<FixlessAuditCreate>(FixlessAuditSpecExamples.RequestBody)!;

        var refused = await Assert.ThrowsAsync<AuditValidationException>(() => clients.ScaleAudits.CreateAuditAsync(audit));

        Assert.That(refused.Violations.Select(v => (v.Path, v.Rule)), Is.EqualTo(GuideExampleWarnings.Select(v => (v.Path, v.Rule))));
        Assert.That(refused.Violations.Select(v => v.Severity), Is.All.EqualTo(ValidationSeverity.Error));
        Assert.That(server.LogEntries, Is.Empty);
    }

    [Test]
    public void Schema_rules_stay_errors_under_every_policy()
    {
        var audit = Requests.ValidAudit().With(c => { c.Result = "maybe"; c.FeedbackItems = [new FeedbackItemCreate { Type = FeedbackItemType.Comment }]; });

        foreach (var policy in Enum.GetValues<GraderRulePolicy>())
        {
            Assert.That(
                audit.Validate(policy).Where(v => v.Severity == ValidationSeverity.Error).Select(v => v.Path),
                Is.SupersetOf(new[] { "result", "feedback_items[0].scope" }),
                policy.ToString());
        }
    }

    [Test]
    public void Scale_options_bind_the_policy_from_configuration_and_count_as_configuring_scale()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AuditClients:Scale:GraderRules"] = "Warn" })
            .Build();
        var options = new AuditClientOptions();

        configuration.GetSection("AuditClients").Bind(options);

        Assert.That(options.Scale.GraderRules, Is.EqualTo(GraderRulePolicy.Warn));
        Assert.That(() => AuditClients.Create(o => o.Scale.GraderRules = GraderRulePolicy.Warn), Throws.TypeOf<Microsoft.Extensions.Options.OptionsValidationException>());
    }

    private static FeedbackItemCreate FlagWithoutAnnotationId() => new()
    {
        Type = FeedbackItemType.Flag,
        Category = FeedbackItemCategory.Label,
        Scope = new FeedbackItemScopeAnnotation { Interval = new FeedbackItemInterval { Start = 0, End = 3 } },
    };

    private static ValidationViolation Warning(string path, string rule) => new(path, rule) { Severity = ValidationSeverity.Warning };
}
