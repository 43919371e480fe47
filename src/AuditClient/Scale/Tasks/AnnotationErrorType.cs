using System.ComponentModel;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The type of a per-annotation error (<c>error_type</c>). Values Scale adds later are kept and written back unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<AnnotationErrorType>))]
public readonly struct AnnotationErrorType : IEquatable<AnnotationErrorType>, IExtensibleEnum<AnnotationErrorType>
{
    private readonly string _value;

    /// <summary>Wraps a wire value, known or not, kept exactly as given.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public AnnotationErrorType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary><c>class</c>: The annotation has the wrong label; <c>original_label</c> and <c>audit_label</c> tell which.</summary>
    public static AnnotationErrorType Class { get; } = new("class");

    /// <summary><c>geometry</c>: The annotation has the wrong shape; <c>original_box</c> and <c>audit_box</c> tell how.</summary>
    public static AnnotationErrorType Geometry { get; } = new("geometry");

    /// <summary><c>attribute</c>: An attribute of the annotation is wrong; <c>attribute</c> names it.</summary>
    public static AnnotationErrorType Attribute { get; } = new("attribute");

    /// <summary><c>extraneous</c>: The annotation should not exist.</summary>
    public static AnnotationErrorType Extraneous { get; } = new("extraneous");

    /// <summary><c>missing</c>: An annotation is missing.</summary>
    public static AnnotationErrorType Missing { get; } = new("missing");

    /// <summary><c>other</c>: Any other error.</summary>
    public static AnnotationErrorType Other { get; } = new("other");

    string? IExtensibleEnum<AnnotationErrorType>.WireValue => _value;

    /// <summary>Whether both are the same wire value, compared ordinally (as <see cref="Equals(AnnotationErrorType)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(AnnotationErrorType left, AnnotationErrorType right) => left.Equals(right);

    /// <summary>Whether the two are different wire values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(AnnotationErrorType left, AnnotationErrorType right) => !left.Equals(right);

    /// <summary>Wraps any wire value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static implicit operator AnnotationErrorType(string value) => new(value);

    static AnnotationErrorType IExtensibleEnum<AnnotationErrorType>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is AnnotationErrorType other && Equals(other);

    /// <summary>
    /// Whether <paramref name="other"/> is the same wire value, compared ordinally: the vendor's values are exact strings,
    /// and a value that differs only in case is a different value to the vendor.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both carry the same string, or both are <c>default</c>.</returns>
    public bool Equals(AnnotationErrorType other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The wire value; empty for <c>default</c>, which carries none and is never written.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => _value ?? string.Empty;
}
