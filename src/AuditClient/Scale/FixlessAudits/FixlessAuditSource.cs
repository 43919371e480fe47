using System.ComponentModel;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>Where a fixless audit was created (<c>source</c>). Values Scale adds later are kept and written back unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<FixlessAuditSource>))]
public readonly struct FixlessAuditSource : IEquatable<FixlessAuditSource>, IExtensibleEnum<FixlessAuditSource>
{
    private readonly string _value;

    /// <summary>Wraps a wire value, known or not, kept exactly as given.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public FixlessAuditSource(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary><c>api</c>: Created through the API.</summary>
    public static FixlessAuditSource Api { get; } = new("api");

    /// <summary><c>lidarlite</c>: Created in Scale's LidarLite auditing tool.</summary>
    public static FixlessAuditSource LidarLite { get; } = new("lidarlite");

    /// <summary><c>classic</c>: A classic audit, the kind where the customer fixes the task.</summary>
    public static FixlessAuditSource Classic { get; } = new("classic");

    string? IExtensibleEnum<FixlessAuditSource>.WireValue => _value;

    /// <summary>Whether both are the same wire value, compared ordinally (as <see cref="Equals(FixlessAuditSource)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(FixlessAuditSource left, FixlessAuditSource right) => left.Equals(right);

    /// <summary>Whether the two are different wire values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(FixlessAuditSource left, FixlessAuditSource right) => !left.Equals(right);

    /// <summary>Wraps any wire value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static implicit operator FixlessAuditSource(string value) => new(value);

    static FixlessAuditSource IExtensibleEnum<FixlessAuditSource>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is FixlessAuditSource other && Equals(other);

    /// <summary>
    /// Whether <paramref name="other"/> is the same wire value, compared ordinally: the vendor's values are exact strings,
    /// and a value that differs only in case is a different value to the vendor.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both carry the same string, or both are <c>default</c>.</returns>
    public bool Equals(FixlessAuditSource other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The wire value; empty for <c>default</c>, which carries none and is never written.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => _value ?? string.Empty;
}
