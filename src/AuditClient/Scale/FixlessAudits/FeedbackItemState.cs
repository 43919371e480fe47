using System.ComponentModel;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>Where a feedback item is in Scale's review (<c>state</c>). New items are <c>open</c>; the state changes as Scale reviews and fixes the task. Values Scale adds later are kept and written back unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<FeedbackItemState>))]
public readonly struct FeedbackItemState : IEquatable<FeedbackItemState>, IExtensibleEnum<FeedbackItemState>
{
    private readonly string _value;

    /// <summary>Wraps a wire value, known or not, kept exactly as given.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public FeedbackItemState(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

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

    string? IExtensibleEnum<FeedbackItemState>.WireValue => _value;

    /// <summary>Whether both are the same wire value, compared ordinally (as <see cref="Equals(FeedbackItemState)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(FeedbackItemState left, FeedbackItemState right) => left.Equals(right);

    /// <summary>Whether the two are different wire values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(FeedbackItemState left, FeedbackItemState right) => !left.Equals(right);

    /// <summary>Wraps any wire value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static implicit operator FeedbackItemState(string value) => new(value);

    static FeedbackItemState IExtensibleEnum<FeedbackItemState>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is FeedbackItemState other && Equals(other);

    /// <summary>
    /// Whether <paramref name="other"/> is the same wire value, compared ordinally: the vendor's values are exact strings,
    /// and a value that differs only in case is a different value to the vendor.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both carry the same string, or both are <c>default</c>.</returns>
    public bool Equals(FeedbackItemState other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The wire value; empty for <c>default</c>, which carries none and is never written.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => _value ?? string.Empty;
}
