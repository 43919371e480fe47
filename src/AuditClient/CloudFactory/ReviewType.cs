using System.ComponentModel;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;
using AuditClient.Core.Wire;

namespace AuditClient.CloudFactory;

/// <summary>The type of a review. CloudFactory names four; any other value is kept and sent unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<ReviewType>))]
public readonly struct ReviewType : IEquatable<ReviewType>, IExtensibleEnum<ReviewType>
{
    private readonly string _value;

    /// <summary>Wraps a wire value, known or not, kept exactly as given.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public ReviewType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary><c>QA</c>: quality assurance.</summary>
    public static ReviewType QA { get; } = new(CloudFactoryWire.ReviewQA);

    /// <summary><c>QC</c>: quality control.</summary>
    public static ReviewType QC { get; } = new(CloudFactoryWire.ReviewQC);

    /// <summary><c>Spot Check</c> (with its space on the wire).</summary>
    public static ReviewType SpotCheck { get; } = new(CloudFactoryWire.ReviewSpotCheck);

    /// <summary><c>Others</c>: any other type of review.</summary>
    public static ReviewType Others { get; } = new(CloudFactoryWire.ReviewOthers);

    string? IExtensibleEnum<ReviewType>.WireValue => _value;

    /// <summary>Whether both are the same wire value, compared ordinally (as <see cref="Equals(ReviewType)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(ReviewType left, ReviewType right) => left.Equals(right);

    /// <summary>Whether the two are different wire values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(ReviewType left, ReviewType right) => !left.Equals(right);

    /// <summary>Wraps any wire value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static implicit operator ReviewType(string value) => new(value);

    static ReviewType IExtensibleEnum<ReviewType>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is ReviewType other && Equals(other);

    /// <summary>
    /// Whether <paramref name="other"/> is the same wire value, compared ordinally: the vendor's values are exact strings,
    /// and a value that differs only in case is a different value to the vendor.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both carry the same string, or both are <c>default</c>.</returns>
    public bool Equals(ReviewType other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The wire value; empty for <c>default</c>, which carries none and is never written.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => _value ?? string.Empty;
}
