using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// The frames a feedback item scope covers (<c>interval</c>, a <c>frame_range</c>): frame indexes
/// <see cref="Start"/> to <see cref="End"/>.
/// </summary>
public sealed record FeedbackItemInterval
{
    /// <summary>The kind of interval; <c>frame_range</c>.</summary>
    [JsonPropertyName("type")]
    public FeedbackItemIntervalType Type { get; set; } = FeedbackItemIntervalType.FrameRange;

    /// <summary>The first frame index. Required.</summary>
    [JsonPropertyName("start")]
    public long? Start { get; set; }

    /// <summary>The last frame index. Required.</summary>
    [JsonPropertyName("end")]
    public long? End { get; set; }
}
