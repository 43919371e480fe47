using System.Text.Json;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;
using AuditClient.Core.Wire;

namespace AuditClient.Scale;

/// <summary>
/// The frames a feedback item scope covers (<c>interval</c>, a <c>frame_range</c>): frame indexes
/// <see cref="Start"/> to <see cref="End"/>.
/// </summary>
/// <remarks>
/// Scale documents the frame indexes as <c>number</c>, so any JSON number reads (<c>10.0</c> is frame 10, a fraction
/// or a very large value reads too); they are <see cref="double"/>s, which an <see cref="int"/> or a <see cref="long"/>
/// converts to, and whole frame indexes up to 2^53 are exact. The digits Scale sent are written back as they came
/// (<c>10.0</c> stays <c>10.0</c>) until the property is set.
/// </remarks>
public sealed class FeedbackItemInterval
{
    // Null when the JSON had no "type": then it reads as frame_range (the only kind) and stays absent when written back.
    private string? _type = ScaleWire.IntervalFrameRange;
    private WireNumber? _start;
    private WireNumber? _end;

    /// <summary>
    /// The kind of interval: <c>frame_range</c>, the only one Scale documents, written on every new interval. Not a
    /// setting: an interval read from JSON keeps the <c>type</c> it carried (one of another kind is refused before
    /// sending), and one read without a <c>type</c> says <c>frame_range</c> here and is written back without one.
    /// </summary>
    [JsonPropertyName("type")]
    public string Type => _type ?? ScaleWire.IntervalFrameRange;

    /// <summary>The first frame index. Required.</summary>
    [JsonPropertyName("start")]
    public double? Start { get => _start?.Number; set => _start = WireNumber.From(value); }

    /// <summary>The last frame index. Required.</summary>
    [JsonPropertyName("end")]
    public double? End { get => _end?.Number; set => _end = WireNumber.From(value); }

    /// <summary>
    /// The fields of the interval this version of the SDK has no property for, and known fields whose JSON kind this
    /// version cannot read (then its property is <see langword="null"/>), exactly as received; written back with the
    /// rest. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

    // The wire state, for the scope converter: the type as sent (null when absent) and the numbers with their digits.
    internal string? TypeJson { get => _type; set => _type = value; }

    internal WireNumber? StartJson { get => _start; set => _start = value; }

    internal WireNumber? EndJson { get => _end; set => _end = value; }
}
