using System.ComponentModel;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;
using AuditClient.Core.Wire;

namespace AuditClient.Scale;

/// <summary>The kind of issue found on the task (<c>category</c>). Every category except <c>missing</c> is specific to an <c>annotation_id</c>. Values Scale adds later are kept and written back unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<FeedbackItemCategory>))]
public readonly struct FeedbackItemCategory : IEquatable<FeedbackItemCategory>, IExtensibleEnum<FeedbackItemCategory>
{
    private readonly string _value;

    /// <summary>Wraps a wire value, known or not, kept exactly as given.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public FeedbackItemCategory(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary><c>missing</c>: An annotation is missing (a false negative). Needs a point or polygon scope and a <c>missing_annotation_type</c>.</summary>
    public static FeedbackItemCategory Missing { get; } = new(ScaleWire.CategoryMissing);

    /// <summary><c>extraneous</c>: The annotation should not be present (a false positive).</summary>
    public static FeedbackItemCategory Extraneous { get; } = new(ScaleWire.CategoryExtraneous);

    /// <summary><c>geometry</c>: The annotation has the wrong dimensions or shape.</summary>
    public static FeedbackItemCategory Geometry { get; } = new(ScaleWire.CategoryGeometry);

    /// <summary><c>position</c>: The annotation is in the wrong place.</summary>
    public static FeedbackItemCategory Position { get; } = new(ScaleWire.CategoryPosition);

    /// <summary><c>attribute</c>: The annotation has an incorrect attribute property.</summary>
    public static FeedbackItemCategory Attribute { get; } = new(ScaleWire.CategoryAttribute);

    /// <summary><c>label</c>: The annotation label (also referred to as class) is incorrect.</summary>
    public static FeedbackItemCategory Label { get; } = new(ScaleWire.CategoryLabel);

    string? IExtensibleEnum<FeedbackItemCategory>.WireValue => _value;

    /// <summary>Whether both are the same wire value, compared ordinally (as <see cref="Equals(FeedbackItemCategory)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(FeedbackItemCategory left, FeedbackItemCategory right) => left.Equals(right);

    /// <summary>Whether the two are different wire values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(FeedbackItemCategory left, FeedbackItemCategory right) => !left.Equals(right);

    /// <summary>Wraps any wire value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static implicit operator FeedbackItemCategory(string value) => new(value);

    static FeedbackItemCategory IExtensibleEnum<FeedbackItemCategory>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is FeedbackItemCategory other && Equals(other);

    /// <summary>
    /// Whether <paramref name="other"/> is the same wire value, compared ordinally: the vendor's values are exact strings,
    /// and a value that differs only in case is a different value to the vendor.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both carry the same string, or both are <c>default</c>.</returns>
    public bool Equals(FeedbackItemCategory other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The wire value; empty for <c>default</c>, which carries none and is never written.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => _value ?? string.Empty;
}
