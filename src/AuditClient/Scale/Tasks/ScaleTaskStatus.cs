using System.ComponentModel;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The status of a Scale task (<c>status</c>). Values Scale adds later are kept and written back unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<ScaleTaskStatus>))]
public readonly struct ScaleTaskStatus : IEquatable<ScaleTaskStatus>, IExtensibleEnum<ScaleTaskStatus>
{
    private readonly string _value;

    /// <summary>Wraps a wire value, known or not, kept exactly as given.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public ScaleTaskStatus(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary><c>pending</c>: The task is being worked on.</summary>
    public static ScaleTaskStatus Pending { get; } = new("pending");

    /// <summary><c>completed</c>: The task is completed and can be audited.</summary>
    public static ScaleTaskStatus Completed { get; } = new("completed");

    /// <summary><c>canceled</c>: The task was canceled.</summary>
    public static ScaleTaskStatus Canceled { get; } = new("canceled");

    /// <summary><c>error</c>: The task could not be completed.</summary>
    public static ScaleTaskStatus Error { get; } = new("error");

    string? IExtensibleEnum<ScaleTaskStatus>.WireValue => _value;

    /// <summary>Whether both are the same wire value, compared ordinally (as <see cref="Equals(ScaleTaskStatus)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(ScaleTaskStatus left, ScaleTaskStatus right) => left.Equals(right);

    /// <summary>Whether the two are different wire values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(ScaleTaskStatus left, ScaleTaskStatus right) => !left.Equals(right);

    /// <summary>Wraps any wire value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static implicit operator ScaleTaskStatus(string value) => new(value);

    static ScaleTaskStatus IExtensibleEnum<ScaleTaskStatus>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is ScaleTaskStatus other && Equals(other);

    /// <summary>
    /// Whether <paramref name="other"/> is the same wire value, compared ordinally: the vendor's values are exact strings,
    /// and a value that differs only in case is a different value to the vendor.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both carry the same string, or both are <c>default</c>.</returns>
    public bool Equals(ScaleTaskStatus other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The wire value; empty for <c>default</c>, which carries none and is never written.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => _value ?? string.Empty;
}
