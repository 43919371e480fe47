using System.ComponentModel;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;
using AuditClient.Core.Wire;

namespace AuditClient.Scale;

/// <summary>The outcome of a fixless audit (<c>result</c>). Values Scale adds later are kept and written back unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<FixlessAuditResult>))]
public readonly struct FixlessAuditResult : IEquatable<FixlessAuditResult>, IExtensibleEnum<FixlessAuditResult>
{
    private readonly string _value;

    /// <summary>Wraps a wire value, known or not, kept exactly as given.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public FixlessAuditResult(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary><c>accepted</c>: The task is accepted.</summary>
    public static FixlessAuditResult Accepted { get; } = new(ScaleWire.ResultAccepted);

    /// <summary><c>rejected</c>: The task is rejected.</summary>
    public static FixlessAuditResult Rejected { get; } = new(ScaleWire.ResultRejected);

    string? IExtensibleEnum<FixlessAuditResult>.WireValue => _value;

    /// <summary>Whether both are the same wire value, compared ordinally (as <see cref="Equals(FixlessAuditResult)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(FixlessAuditResult left, FixlessAuditResult right) => left.Equals(right);

    /// <summary>Whether the two are different wire values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(FixlessAuditResult left, FixlessAuditResult right) => !left.Equals(right);

    /// <summary>Wraps any wire value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static implicit operator FixlessAuditResult(string value) => new(value);

    static FixlessAuditResult IExtensibleEnum<FixlessAuditResult>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is FixlessAuditResult other && Equals(other);

    /// <summary>
    /// Whether <paramref name="other"/> is the same wire value, compared ordinally: the vendor's values are exact strings,
    /// and a value that differs only in case is a different value to the vendor.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both carry the same string, or both are <c>default</c>.</returns>
    public bool Equals(FixlessAuditResult other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The wire value; empty for <c>default</c>, which carries none and is never written.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => _value ?? string.Empty;
}
