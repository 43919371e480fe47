using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The kind of interval a feedback item scope covers (<c>interval.type</c>). Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<FeedbackItemIntervalType>))]
public readonly record struct FeedbackItemIntervalType(string Value) : IExtensibleEnum<FeedbackItemIntervalType>
{
    /// <summary><c>frame_range</c>: A range of frame indexes, <c>start</c> to <c>end</c>.</summary>
    public static FeedbackItemIntervalType FrameRange { get; } = new("frame_range");

    string? IExtensibleEnum<FeedbackItemIntervalType>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator FeedbackItemIntervalType(string value) => new(value);

    static FeedbackItemIntervalType IExtensibleEnum<FeedbackItemIntervalType>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
