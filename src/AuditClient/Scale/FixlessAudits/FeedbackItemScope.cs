using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// The location and duration of a feedback item's issue (<c>scope</c>): one of
/// <see cref="FeedbackItemScopeAnnotation"/>, <see cref="FeedbackItemScopePolygon"/>, <see cref="FeedbackItemScopePoint"/>
/// or <see cref="FeedbackItemScopeScene"/>, chosen by <c>type</c>. A scope of a type this version does not know is read
/// as <see cref="FeedbackItemScopeUnknown"/>, which keeps its JSON.
/// </summary>
[JsonConverter(typeof(FeedbackItemScopeConverter))]
public abstract class FeedbackItemScope
{
    // The set of scopes is closed: the converter reads and writes each one by hand.
    private protected FeedbackItemScope()
    {
    }

    /// <summary>The scope's <c>type</c> on the wire, such as <c>annotation</c>.</summary>
    public abstract string Type { get; }
}
