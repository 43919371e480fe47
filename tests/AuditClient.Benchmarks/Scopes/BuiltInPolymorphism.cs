using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;
using AuditClient.Scale;

namespace AuditClient.Benchmarks.Scopes;

// Mirrors of the SDK's FixlessAudit, FeedbackItem and scopes that differ in one thing only: the scope union is
// System.Text.Json's built-in polymorphism instead of the SDK's converter. Every other property has the SDK's own type
// and converter (extensible enums, SensorId, Point2D, FeedbackItemInterval, timestamps), so the comparison isolates the
// union. The built-in needs AllowOutOfOrderMetadataProperties (set on the context) because "type" is not first, and
// forbids a CLR property named like the discriminator, so the mirrors have no Type property.

public sealed record BuiltInFixlessAudit
{
    public string? Id { get; init; }
    public string? Srn { get; init; }
    public string? Type { get; init; }
    public string? TaskId { get; init; }
    public string? TaskType { get; init; }
    public FixlessAuditResult? Result { get; init; }
    public string? Comments { get; init; }
    public FixlessAuditTargetResponse? TargetResponse { get; init; }
    public IReadOnlyList<BuiltInFeedbackItem>? FeedbackItems { get; init; }
    public JsonObject? Metadata { get; init; }
    public bool? Active { get; init; }
    public FixlessAuditSource? Source { get; init; }
    public string? CreatedBy { get; init; }
    [JsonConverter(typeof(UtcTimestampConverter))] public DateTimeOffset? CreatedAt { get; init; }
    [JsonConverter(typeof(UtcTimestampConverter))] public DateTimeOffset? UpdatedAt { get; init; }
}

public sealed record BuiltInFeedbackItem
{
    public string? Id { get; init; }
    public FeedbackItemType? Type { get; init; }
    public FeedbackItemState? State { get; init; }
    public BuiltInScope? Scope { get; init; }
    public FeedbackItemCategory? Category { get; init; }
    public FeedbackItemSeverity? Severity { get; init; }
    public string? Description { get; init; }
    public JsonObject? Metadata { get; init; }
    [JsonConverter(typeof(UtcTimestampConverter))] public DateTimeOffset? UpdatedAt { get; init; }
    public string? UpdatedBy { get; init; }
    public FeedbackItemGraderOutput? GraderOutput { get; init; }
}

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(BuiltInScopeAnnotation), "annotation")]
[JsonDerivedType(typeof(BuiltInScopePolygon), "polygon")]
[JsonDerivedType(typeof(BuiltInScopePoint), "point")]
[JsonDerivedType(typeof(BuiltInScopeScene), "scene")]
public abstract record BuiltInScope;

public sealed record BuiltInScopeAnnotation : BuiltInScope
{
    public string? AnnotationId { get; init; }
    public SensorId? SensorId { get; init; }
    public string? Attribute { get; init; }
    public FeedbackItemInterval? Interval { get; init; }
}

public sealed record BuiltInScopePolygon : BuiltInScope
{
    public IReadOnlyList<Point2D>? Vertices { get; init; }
    public AnnotationType? MissingAnnotationType { get; init; }
    public bool? Stationary { get; init; }
    public string? MissingAnnotationClass { get; init; }
    public SensorId? SensorId { get; init; }
    public FeedbackItemInterval? Interval { get; init; }
}

public sealed record BuiltInScopePoint : BuiltInScope
{
    public Point2D? Coordinates { get; init; }
    public AnnotationType? MissingAnnotationType { get; init; }
    public bool? Stationary { get; init; }
    public string? MissingAnnotationClass { get; init; }
    public SensorId? SensorId { get; init; }
    public FeedbackItemInterval? Interval { get; init; }
}

public sealed record BuiltInScopeScene : BuiltInScope
{
    public string? Attribute { get; init; }
    public FeedbackItemInterval? Interval { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    AllowOutOfOrderMetadataProperties = true)]
[JsonSerializable(typeof(BuiltInFixlessAudit))]
public sealed partial class BuiltInPolymorphismJson : JsonSerializerContext;
