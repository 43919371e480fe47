using System.ComponentModel;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;
using AuditClient.Core.Wire;

namespace AuditClient.Scale;

/// <summary>The seriousness of an issue (<c>severity</c>); Scale defaults it to <c>standard</c>. Values Scale adds later are kept and written back unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<FeedbackItemSeverity>))]
public readonly struct FeedbackItemSeverity : IEquatable<FeedbackItemSeverity>, IExtensibleEnum<FeedbackItemSeverity>
{
    private readonly string _value;

    /// <summary>Wraps a wire value, known or not, kept exactly as given.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public FeedbackItemSeverity(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary><c>mild</c>: The error does not exceed the SLA error threshold (e.g. cuboid position off by less than 30 cm); does not affect the quality score.</summary>
    public static FeedbackItemSeverity Mild { get; } = new(ScaleWire.SeverityMild);

    /// <summary><c>standard</c>: The error exceeds the SLA error threshold (e.g. cuboid position off by more than 30 cm); affects the quality score.</summary>
    public static FeedbackItemSeverity Standard { get; } = new(ScaleWire.SeverityStandard);

    /// <summary><c>severe</c>: The error exceeds the SLA error threshold and is critical, requiring special attention; affects the quality score.</summary>
    public static FeedbackItemSeverity Severe { get; } = new(ScaleWire.SeveritySevere);

    string? IExtensibleEnum<FeedbackItemSeverity>.WireValue => _value;

    /// <summary>Whether both are the same wire value, compared ordinally (as <see cref="Equals(FeedbackItemSeverity)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(FeedbackItemSeverity left, FeedbackItemSeverity right) => left.Equals(right);

    /// <summary>Whether the two are different wire values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(FeedbackItemSeverity left, FeedbackItemSeverity right) => !left.Equals(right);

    /// <summary>Wraps any wire value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static implicit operator FeedbackItemSeverity(string value) => new(value);

    static FeedbackItemSeverity IExtensibleEnum<FeedbackItemSeverity>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is FeedbackItemSeverity other && Equals(other);

    /// <summary>
    /// Whether <paramref name="other"/> is the same wire value, compared ordinally: the vendor's values are exact strings,
    /// and a value that differs only in case is a different value to the vendor.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both carry the same string, or both are <c>default</c>.</returns>
    public bool Equals(FeedbackItemSeverity other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The wire value; empty for <c>default</c>, which carries none and is never written.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => _value ?? string.Empty;
}
