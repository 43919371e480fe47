using System.ComponentModel;

namespace AuditClient;

/// <summary>
/// A vendor whose API the SDK calls, as named in exceptions and messages. An extensible enumeration: the known vendors
/// are its static properties, each declared in its vendor's folder, so that adding a vendor touches no shared code.
/// </summary>
public readonly partial struct AuditVendor : IEquatable<AuditVendor>
{
    private readonly string _value;

    /// <summary>Creates a vendor value; the known vendors are the static properties.</summary>
    /// <param name="value">The vendor's name, as its static property spells it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public AuditVendor(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>Whether two values name the same vendor (ordinal comparison).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they are equal.</returns>
    public static bool operator ==(AuditVendor left, AuditVendor right) => left.Equals(right);

    /// <summary>Whether two values name different vendors.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(AuditVendor left, AuditVendor right) => !left.Equals(right);

    /// <summary>Converts a name to a vendor value.</summary>
    /// <param name="value">The vendor's name.</param>
    public static implicit operator AuditVendor(string value) => new(value);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is AuditVendor other && Equals(other);

    /// <inheritdoc />
    public bool Equals(AuditVendor other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc />
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The vendor's name; empty for <c>default</c>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => _value ?? string.Empty;
}
