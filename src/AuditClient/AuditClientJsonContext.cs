using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Core.Serialization;

/// <summary>
/// The one source-generated JSON context of the package: snake_case on the wire, nulls never written.
/// Every type sent or received by the SDK is listed here (one group per vendor: with <see cref="VendorCatalog"/>, the
/// only lines a new vendor adds outside its folder); a type missing from it fails at run time, so every
/// endpoint is covered by a test. Every <see cref="DateTimeOffset"/> of every model goes through the one
/// <see cref="UtcTimestampConverter"/> registered here (no property names a converter of its own).
/// </summary>
/// <remarks>
/// Use <see cref="Wire"/>, not <c>Default</c>: the source generator cannot set an encoder, and the default one escapes
/// <c>+</c> as <c>\u002B</c> and every non-ASCII letter. Legal JSON, but not what a vendor or a person expects to read.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(UtcTimestampConverter)])]
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
    /// <summary>
    /// The context the SDK reads and writes with: <c>Default</c>'s options, writing text plainly. The relaxed encoder
    /// still escapes what JSON requires (quotes, backslashes, control characters); it leaves HTML-sensitive characters
    /// as they are, which is safe for a JSON body that no page embeds.
    /// </summary>
    public static AuditClientJsonContext Wire =>
        // Lazily: the generated Default is initialized in another part of this class, in an order C# leaves open.
        LazyInitializer.EnsureInitialized(ref s_wire, static () => new AuditClientJsonContext(new JsonSerializerOptions(Default.Options)
        {
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }));

    private static AuditClientJsonContext? s_wire;
}
