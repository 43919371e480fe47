using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>Where a feedback item is in Scale's review (<c>state</c>). New items are <c>open</c>; the state changes as Scale reviews and fixes the task. Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<FeedbackItemState>))]
public readonly record struct FeedbackItemState(string Value) : IExtensibleEnum<FeedbackItemState>
{
    /// <summary><c>open</c>: The default state: the issue has not been fixed yet.</summary>
    public static FeedbackItemState Open { get; } = new("open");

    /// <summary><c>resolved</c>: The issue has been fixed.</summary>
    public static FeedbackItemState Resolved { get; } = new("resolved");

    /// <summary><c>disputed</c>: Scale disagrees with the issue.</summary>
    public static FeedbackItemState Disputed { get; } = new("disputed");

    /// <summary><c>escalated</c>: The customer disagrees with Scale's dispute of the issue.</summary>
    public static FeedbackItemState Escalated { get; } = new("escalated");

    /// <summary><c>rejected</c>: Terminal: the issue was incorrectly reported, after review of the escalation.</summary>
    public static FeedbackItemState Rejected { get; } = new("rejected");

    string? IExtensibleEnum<FeedbackItemState>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator FeedbackItemState(string value) => new(value);

    static FeedbackItemState IExtensibleEnum<FeedbackItemState>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
