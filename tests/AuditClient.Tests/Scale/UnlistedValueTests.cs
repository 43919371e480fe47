using AuditClient.Scale;
using AuditClient.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace AuditClient.Tests.Scale;

/// <summary>
/// The value sets Scale's creation payload closes (item type, category, severity, missing annotation type): every
/// documented value is sent, a value outside is refused (<see cref="FixlessAuditValidationTests"/> has each typo's
/// message), and an app that must send a value Scale added later allows its set: the value is then sent with a warning,
/// and the other sets stay closed. Reading keeps any value.
/// </summary>
public sealed class UnlistedValueTests
{
    private const int Geometry = 0, Polygon = 1;

    private WireMockServer _server = null!;

    [OneTimeSetUp]
    public void StartServer()
    {
        _server = Loopback.StartServer();
        _server.Given(Request.Create().WithPath("/v1/audits").UsingPut())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(FixlessAuditSpecExamples.ResponseBody));
    }

    [OneTimeTearDown]
    public void StopServer() => _server.Dispose();

    [SetUp]
    public void ForgetRequests() => _server.ResetLogEntries();

    // The values as the guide's creation payload lists them, written out here rather than read from the SDK.
    [TestCase("type", "comment")]
    [TestCase("type", "error")]
    [TestCase("type", "flag")]
    [TestCase("type", "confirmation")]
    [TestCase("category", "attribute")]
    [TestCase("category", "extraneous")]
    [TestCase("category", "geometry")]
    [TestCase("category", "label")]
    [TestCase("category", "missing")]
    [TestCase("category", "position")]
    [TestCase("severity", "mild")]
    [TestCase("severity", "standard")]
    [TestCase("severity", "severe")]
    [TestCase("missing_annotation_type", "cuboid")]
    [TestCase("missing_annotation_type", "box_2d")]
    [TestCase("missing_annotation_type", "polygon_2d")]
    [TestCase("missing_annotation_type", "polyline_2d")]
    [TestCase("missing_annotation_type", "point_2d")]
    [TestCase("missing_annotation_type", "event")]
    [TestCase("missing_annotation_type", "polygon_topdown")]
    [TestCase("missing_annotation_type", "polyline")]
    [TestCase("missing_annotation_type", "point_topdown")]
    public void Every_documented_value_of_a_closed_set_passes(string field, string value)
    {
        var item = field switch
        {
            "type" => Item(Geometry).With(c => c.Type = value),
            "category" when value == "missing" => Item(Polygon),
            "category" when value == "attribute" => Item(Geometry).With(c =>
            {
                c.Category = value;
                c.Scope = ((FeedbackItemScopeAnnotation)c.Scope!).With(s => s.Attribute = "occluded");
            }),
            "category" => Item(Geometry).With(c => c.Category = value),
            "severity" => Item(Geometry).With(c => c.Severity = value),
            _ => Item(Polygon).With(c => c.Scope = ((FeedbackItemScopePolygon)c.Scope!).With(s => s.MissingAnnotationType = value)),
        };

        Assert.That(item.Validate(), Is.Empty);
        Assert.That(FixlessAuditValidationTests.ValidAudit().With(c => c.FeedbackItems = [item]).Validate(), Is.Empty);
    }

    /// <summary>An audit with one value outside each closed set: each set's violation and the set that allows it.</summary>
    private static FixlessAuditCreate AuditWithEveryTypo() => FixlessAuditValidationTests.ValidAudit().With(c => c.FeedbackItems =
    [
        Item(Geometry).With(i => { i.Type = "eror"; i.Category = "geometery"; i.Severity = "sever"; }),
        Item(Polygon).With(i => i.Scope = ((FeedbackItemScopePolygon)i.Scope!).With(s => s.MissingAnnotationType = "cuboidd")),
    ]);

    private static readonly (string Path, ScaleValueSets Set)[] Typos =
    [
        ("feedback_items[0].type", ScaleValueSets.FeedbackItemType),
        ("feedback_items[0].category", ScaleValueSets.FeedbackItemCategory),
        ("feedback_items[0].severity", ScaleValueSets.FeedbackItemSeverity),
        ("feedback_items[1].scope.missing_annotation_type", ScaleValueSets.MissingAnnotationType),
    ];

    [TestCase(ScaleValueSets.FeedbackItemType)]
    [TestCase(ScaleValueSets.FeedbackItemCategory)]
    [TestCase(ScaleValueSets.FeedbackItemSeverity)]
    [TestCase(ScaleValueSets.MissingAnnotationType)]
    [TestCase(ScaleValueSets.FeedbackItemCategory | ScaleValueSets.FeedbackItemSeverity)]
    public void Allowing_a_set_turns_exactly_its_refusal_into_a_warning_with_the_same_rule(ScaleValueSets allowed)
    {
        var audit = AuditWithEveryTypo();
        var refused = audit.Validate();

        var violations = audit.Validate(GraderRulePolicy.RefuseErrorItems, allowed);

        Assert.That(refused.Select(v => (v.Path, v.Severity)), Is.EqualTo(Typos.Select(t => (t.Path, ValidationSeverity.Error))));
        Assert.That(violations.Select(v => (v.Path, v.Severity)), Is.EqualTo(Typos.Select(t => (t.Path, (allowed & t.Set) != 0 ? ValidationSeverity.Warning : ValidationSeverity.Error))));
        Assert.That(violations.Select(v => v.Rule), Is.EqualTo(refused.Select(v => v.Rule)), "a warning keeps its rule and its \"did you mean\"");
        Assert.That(refused[0].Rule, Does.EndWith("(did you mean 'error'?)"));
    }

    [Test]
    public void An_item_validated_alone_takes_the_same_sets()
    {
        var item = AuditWithEveryTypo().FeedbackItems![0];

        var violations = item.Validate(GraderRulePolicy.RefuseErrorItems, ScaleValueSets.FeedbackItemType);

        Assert.That(violations.Select(v => (v.Path, v.Severity)), Is.EqualTo(new[]
        {
            ("type", ValidationSeverity.Warning),
            ("category", ValidationSeverity.Error),
            ("severity", ValidationSeverity.Error),
        }));
        Assert.That(item.Validate(GraderRulePolicy.RefuseErrorItems), Is.EqualTo(item.Validate(GraderRulePolicy.RefuseErrorItems, ScaleValueSets.None)));
    }

    [Test]
    public void An_allowed_category_is_not_matched_against_a_scope_since_the_guide_places_only_the_categories_it_lists()
    {
        // "occlusion" on a polygon: allowed, so sent with a warning; the guide says which scope each of its six
        // categories takes and nothing of a seventh, so no scope rule is made up for it.
        var item = Item(Polygon).With(c => c.Category = "occlusion");

        Assert.That(item.Validate(GraderRulePolicy.RefuseErrorItems, ScaleValueSets.FeedbackItemCategory).Select(v => (v.Path, v.Severity)), Is.EqualTo(new[]
        {
            ("category", ValidationSeverity.Warning),
        }));
        Assert.That(Item(Polygon).With(c => c.Category = "label").Validate().Select(v => v.Path), Does.Contain("scope.type"), "a listed category is placed");
    }

    [Test]
    public async Task A_client_refuses_a_typo_without_sending_and_sends_it_when_its_set_is_allowed()
    {
        var audit = FixlessAuditValidationTests.ValidAudit().With(c => c.FeedbackItems = [Item(Geometry).With(i => i.Category = "geometery")]);
        using var strict = Loopback.Clients(_server);
        using var lenient = Loopback.Clients(_server, o => o.Scale.AllowUnlistedValues = ScaleValueSets.FeedbackItemCategory);

        var refused = await Assert.ThrowsAsync<AuditValidationException>(() => strict.ScaleAudits.CreateAuditAsync(audit));
        Assert.That(_server.LogEntries, Is.Empty);
        await lenient.ScaleAudits.CreateAuditAsync(audit);

        Assert.That(refused!.Message, Does.Contain("feedback_items[0].category: must be one of 'attribute', 'extraneous', 'geometry', 'label', 'missing' or 'position', not 'geometery' (did you mean 'geometry'?)"));
        Assert.That(_server.LogEntries, Has.Count.EqualTo(1));
        Assert.That(ScaleJson.Tree(_server.LogEntries.Single().RequestMessage.Body!)["feedback_items"]![0]!["category"]!.GetValue<string>(), Is.EqualTo("geometery"));
    }

    [Test]
    public async Task The_bulk_helper_refuses_the_same_typo_item_by_item_and_sends_the_rest()
    {
        var good = FixlessAuditValidationTests.ValidAudit();
        var typo = good.With(c => c.FeedbackItems = [Item(Geometry).With(i => i.Type = "eror")]);
        using var clients = Loopback.Clients(_server);

        var results = await clients.ScaleAudits.CreateAuditManyAsync([typo, good]);

        Assert.That(results.Select(r => r.Status), Is.EqualTo(new[] { BulkStatus.Failed, BulkStatus.Succeeded }));
        Assert.That(results[0].Error, Is.TypeOf<AuditValidationException>());
        Assert.That(results[0].Error!.Message, Does.Contain("feedback_items[0].type: must be one of 'comment', 'error', 'flag' or 'confirmation', not 'eror' (did you mean 'error'?)"));
        Assert.That(_server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public async Task The_option_binds_from_configuration_as_names_separated_by_commas()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AuditClients:Scale:ApiKey"] = Loopback.ScaleKey,
            ["AuditClients:Scale:BaseAddress"] = _server.Url,
            ["AuditClients:Scale:AllowUnlistedValues"] = "FeedbackItemCategory, feedbackitemseverity",
        }).Build();
        var services = new ServiceCollection();
        services.AddAuditClients(configuration.GetSection("AuditClients"));
        await using var provider = services.BuildServiceProvider();
        var api = provider.GetRequiredService<IScaleAuditsApi>();
        var allowed = FixlessAuditValidationTests.ValidAudit().With(c => c.FeedbackItems = [Item(Geometry).With(i => { i.Category = "occlusion"; i.Severity = "critical"; })]);
        var refused = FixlessAuditValidationTests.ValidAudit().With(c => c.FeedbackItems = [Item(Geometry).With(i => i.Type = "suggestion")]);

        Assert.That(
            provider.GetRequiredService<IOptions<AuditClientOptions>>().Value.Scale.AllowUnlistedValues,
            Is.EqualTo(ScaleValueSets.FeedbackItemCategory | ScaleValueSets.FeedbackItemSeverity));
        await api.CreateAuditAsync(allowed);
        await Assert.ThrowsAsync<AuditValidationException>(() => api.CreateAuditAsync(refused));
        Assert.That(_server.LogEntries, Has.Count.EqualTo(1));
    }

    [Test]
    public void Setting_the_option_in_code_counts_as_configuring_Scale()
    {
        Assert.That(
            () => AuditClients.Create(o => o.Scale.AllowUnlistedValues = ScaleValueSets.FeedbackItemType),
            Throws.TypeOf<OptionsValidationException>().With.Message.EqualTo("Scale.ApiKey is required when Scale is configured."));
    }

    [Test]
    public void A_long_value_is_shown_cut_and_a_lone_surrogate_escaped_so_the_message_stays_printable()
    {
        const string Categories = "must be one of 'attribute', 'extraneous', 'geometry', 'label', 'missing' or 'position'";
        var longValue = Item(Geometry).With(c => c.Category = new string('x', 100));
        var unpaired = Item(Geometry).With(c => c.Category = "geometr\ud800");

        Assert.That(longValue.Validate().Single().Rule, Is.EqualTo($"{Categories}, not '{new string('x', 64)}...' (100 characters)"));
        Assert.That(unpaired.Validate().Select(v => v.Rule), Is.EqualTo(new[]
        {
            $"{Categories}, not 'geometr\\uD800' (did you mean 'geometry'?)",
            "must not contain a lone surrogate (UTF-8 cannot carry it: it would be sent as U+FFFD)",
        }));
    }

    [Test]
    public void An_audit_read_from_Scale_keeps_a_value_outside_every_set()
    {
        var json = FixlessAuditSpecExamples.ResponseBody
            .Replace("\"category\": \"attribute\"", "\"category\": \"occlusion\"", StringComparison.Ordinal)
            .Replace("\"missing_annotation_type\": \"polygon_2d\"", "\"missing_annotation_type\": \"lane_3d\"", StringComparison.Ordinal);
        Assume.That(json, Does.Contain("occlusion").And.Contain("lane_3d"));

        var audit = AuditClientJson.Deserialize<FixlessAudit>(json)!;

        Assert.That(audit.FeedbackItems![0].Category.ToString(), Is.EqualTo("occlusion"));
        Assert.That(AuditClientJson.Serialize(audit), Does.Contain("\"occlusion\"").And.Contain("\"lane_3d\""));
    }

    private static FeedbackItemCreate Item(int index) => FixlessAuditValidationTests.ValidAudit().FeedbackItems![index];
}
