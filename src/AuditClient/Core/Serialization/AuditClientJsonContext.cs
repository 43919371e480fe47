using System.Text.Json.Serialization;

namespace AuditClient.Core.Serialization;

/// <summary>
/// The one source-generated JSON context of the package: snake_case on the wire, nulls never written.
/// Every type sent or received by the SDK is listed here; a type missing from it fails at run time, so every
/// endpoint is covered by a test.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
// Scale
[JsonSerializable(typeof(AuditClient.Scale.FixlessAuditCreate))]
[JsonSerializable(typeof(AuditClient.Scale.FixlessAudit))]
[JsonSerializable(typeof(List<AuditClient.Scale.FixlessAudit>))]
[JsonSerializable(typeof(AuditClient.Scale.FeedbackItemScope))]
[JsonSerializable(typeof(AuditClient.Scale.ScaleTask))]
[JsonSerializable(typeof(AuditClient.Scale.ScaleTaskPage))]
[JsonSerializable(typeof(AuditClient.Scale.TaskAuditRequest))]
// CloudFactory
[JsonSerializable(typeof(AuditClient.CloudFactory.TaskReview))]
[JsonSerializable(typeof(AuditClient.CloudFactory.TaskReviewAccepted))]
internal sealed partial class AuditClientJsonContext : JsonSerializerContext
{
}
