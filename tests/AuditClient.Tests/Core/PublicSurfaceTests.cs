using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AuditClient.CloudFactory;
using AuditClient.Core.Serialization;
using AuditClient.Scale;
using AuditClient.Tests.Scale;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Core;

/// <summary>
/// The shape of the public models (docs/decisions/models.md): extensible enums as Azure-style readonly structs,
/// models as plain classes, and no settable knob for a constant with one legal value.
/// </summary>
public sealed class PublicSurfaceTests
{
    private static readonly Assembly Sdk = typeof(AuditClientJson).Assembly;

    private static IEnumerable<Type> ExtensibleEnums() => Sdk.GetExportedTypes()
        .Where(t => t.GetCustomAttribute<JsonConverterAttribute>()?.ConverterType is { IsGenericType: true } c
            && c.GetGenericTypeDefinition() == typeof(ExtensibleEnumConverter<>));

    [Test]
    public void Every_extensible_enum_is_a_readonly_struct_whose_value_cannot_be_changed_or_seen_but_as_text()
    {
        var enums = ExtensibleEnums().ToList();

        Assert.That(enums.Select(t => t.Name), Is.SupersetOf(new[]
        {
            nameof(AnnotationType), nameof(FeedbackItemCategory), nameof(FeedbackItemSeverity), nameof(FeedbackItemState),
            nameof(FeedbackItemType), nameof(FixlessAuditResult), nameof(FixlessAuditSource), nameof(AnnotationErrorSeverity),
            nameof(AnnotationErrorType), nameof(CustomerReviewStatus), nameof(ScaleTaskStatus), nameof(TaskAuditResult),
            nameof(TaskAuditSource), nameof(ReviewType),
        }));
        using (Assert.EnterMultipleScope())
        {
            foreach (var type in enums)
            {
                Assert.That(type.IsValueType && type.IsDefined(typeof(IsReadOnlyAttribute)), Is.True, $"{type.Name} is a readonly struct");
                Assert.That(type.GetProperties(BindingFlags.Public | BindingFlags.Instance), Is.Empty, $"{type.Name} has no instance property (no settable Value)");
                Assert.That(type.GetConstructor([typeof(string)]), Is.Not.Null, $"{type.Name}(string)");
                Assert.That(type.GetMethod("Deconstruct"), Is.Null, $"{type.Name} has no record members");
                foreach (var plumbing in new[] { type.GetMethod(nameof(Equals), [typeof(object)])!, type.GetMethod(nameof(GetHashCode), Type.EmptyTypes)! })
                {
                    Assert.That(
                        plumbing.GetCustomAttribute<EditorBrowsableAttribute>()?.State,
                        Is.EqualTo(EditorBrowsableState.Never),
                        $"{type.Name}.{plumbing.Name} is hidden from completion");
                }

                Assert.That(Activator.CreateInstance(type)!.ToString(), Is.Empty, $"default({type.Name}) reads as empty text, never null");
            }
        }
    }

    [Test]
    public void An_extensible_enum_refuses_a_null_value()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(() => new FeedbackItemState(null!), Throws.ArgumentNullException);
            Assert.That(() => (FeedbackItemCategory)(string)null!, Throws.ArgumentNullException);
        }
    }

    [Test]
    public void Extensible_enums_compare_ordinally_as_the_wire_does()
    {
        using (Assert.EnterMultipleScope())
        {
            Assert.That(new FeedbackItemState("open"), Is.EqualTo(FeedbackItemState.Open));
            Assert.That(new FeedbackItemState("open").GetHashCode(), Is.EqualTo(FeedbackItemState.Open.GetHashCode()));
            Assert.That(new FeedbackItemState("Open") == FeedbackItemState.Open, Is.False, "another case is another wire value");
            Assert.That(ReviewType.SpotCheck == "Spot check", Is.False);
            Assert.That(default(FeedbackItemState) == new FeedbackItemState(string.Empty), Is.False, "default carries no value, not an empty one");
            var none = default(FeedbackItemState);
            Assert.That(none, Is.EqualTo(default(FeedbackItemState)));
        }
    }

    [Test]
    public void A_default_extensible_enum_is_never_written_as_null_or_empty()
    {
        var audit = FixlessAuditValidationTests.ValidAudit().With(c => c.Result = default(FixlessAuditResult));

        Assert.That(() => AuditClientJson.Serialize(audit), Throws.InstanceOf<JsonException>().With.Message.Contains(nameof(FixlessAuditResult)));
    }

    [Test]
    public void Models_are_plain_classes_without_record_members()
    {
        // ScaleTaskQuery is an immutable record on purpose, with an equality of its own. Point2D, MeasurementValue and SensorId are small values whose equality is their value's.
        var records = Sdk.GetExportedTypes()
            .Where(t => t.Namespace is "AuditClient.Scale" or "AuditClient.CloudFactory" && !t.IsValueType)
            .Where(t => t.GetMethod("<Clone>$") is not null)
            .Select(t => t.Name);

        Assert.That(records, Is.EquivalentTo(new[] { nameof(ScaleTaskQuery) }));
    }

    [Test]
    public void Two_task_queries_with_the_same_filters_are_equal_whatever_list_instances_hold_them()
    {
        ScaleTaskQuery Query(params string[] tags) => new()
        {
            Project = "p",
            CustomerReviewStatuses = [CustomerReviewStatus.Rejected],
            UniqueIds = ["u1"],
            Tags = tags,
        };

        var query = Query("a", "b");
        var same = Query("a", "b");
        using (Assert.EnterMultipleScope())
        {
            Assert.That(query, Is.EqualTo(same));
            Assert.That(query.GetHashCode(), Is.EqualTo(same.GetHashCode()));
            Assert.That(query, Is.Not.EqualTo(Query("b", "a")));
            Assert.That(query with { NextToken = "n" }, Is.Not.EqualTo(same));
        }
    }

    [Test]
    public void Measurements_are_equal_when_they_write_the_same_json()
    {
        var review = AuditClientJson.Deserialize<TaskReview>("""{"review_measurements":{"a":10.0,"b":10}}""")!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That((MeasurementValue)10L == (MeasurementValue)10.0, Is.True, "the same number, however it was given");
            Assert.That(((MeasurementValue)10L).GetHashCode(), Is.EqualTo(((MeasurementValue)10.0).GetHashCode()));
            Assert.That((MeasurementValue)"7" == (MeasurementValue)7L, Is.False, "a string is not a number");
            Assert.That(review.ReviewMeasurements!["b"], Is.EqualTo((MeasurementValue)10L));
            Assert.That(review.ReviewMeasurements["a"], Is.Not.EqualTo((MeasurementValue)10L), "10.0 is written back as 10.0");
        }
    }

    [Test]
    public void The_one_value_types_are_not_settable_and_a_new_request_writes_them()
    {
        var scope = new FeedbackItemScopeScene { Interval = new FeedbackItemInterval { Start = 0, End = 1 } };
        var written = JsonNode.Parse(AuditClientJson.Serialize(new FixlessAuditCreate { Result = FixlessAuditResult.Accepted, FeedbackItems = [new() { Scope = scope }] }))!;

        using (Assert.EnterMultipleScope())
        {
            foreach (var property in new[]
            {
                typeof(FixlessAuditCreate).GetProperty(nameof(FixlessAuditCreate.Type))!,
                typeof(FixlessAudit).GetProperty(nameof(FixlessAudit.Type))!,
                typeof(FeedbackItemInterval).GetProperty(nameof(FeedbackItemInterval.Type))!,
            })
            {
                Assert.That(property.SetMethod?.IsPublic ?? false, Is.False, $"{property.DeclaringType!.Name}.Type has no public setter");
            }

            Assert.That(written["type"]!.GetValue<string>(), Is.EqualTo("fixless"));
            Assert.That(written["feedback_items"]![0]!["scope"]!["interval"]!["type"]!.GetValue<string>(), Is.EqualTo("frame_range"));
        }
    }

    [Test]
    public void A_returned_audit_keeps_the_type_scale_sent_and_writes_it_back()
    {
        var audit = AuditClientJson.Deserialize<FixlessAudit>("""{"id":"a1","type":"fixless"}""")!;
        var unknown = AuditClientJson.Deserialize<FixlessAudit>("""{"id":"a2","type":"fixless_v2"}""")!;
        var untyped = AuditClientJson.Deserialize<FixlessAudit>("""{"id":"a3"}""")!;

        using (Assert.EnterMultipleScope())
        {
            Assert.That(audit.Type, Is.EqualTo("fixless"));
            Assert.That(AuditClientJson.Serialize(unknown), Does.Contain("\"type\":\"fixless_v2\""));
            Assert.That(untyped.Type, Is.Null);
            Assert.That(AuditClientJson.Serialize(untyped), Does.Not.Contain("type"), "nothing is invented for a response");
        }
    }

    [Test]
    public void Model_equality_of_the_tests_tells_apart_models_that_differ_deep_inside()
    {
        var audit = FixlessAuditValidationTests.ValidAudit();
        var copy = AuditClientJson.Deserialize<FixlessAuditCreate>(AuditClientJson.Serialize(audit))!;
        var otherCategory = AuditClientJson.Deserialize<FixlessAuditCreate>(AuditClientJson.Serialize(audit))!;
        otherCategory.FeedbackItems![^1].Category = "new_category";
        var otherMetadata = AuditClientJson.Deserialize<FixlessAuditCreate>(AuditClientJson.Serialize(audit))!;
        otherMetadata.Metadata = new JsonObject { ["k"] = 1 };

        using (Assert.EnterMultipleScope())
        {
            Assert.That(ModelEquality.FirstDifference(audit, copy), Is.Null);
            Assert.That(ModelEquality.FirstDifference(audit, otherCategory), Is.EqualTo($"$.FeedbackItems[{audit.FeedbackItems!.Count - 1}].Category"));
            Assert.That(ModelEquality.FirstDifference(audit, otherMetadata), Is.EqualTo("$.Metadata"));
        }
    }
}
