using System.ComponentModel;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;
using AuditClient.Core.Wire;

namespace AuditClient.Scale;

/// <summary>The purpose of a feedback item (<c>type</c>). Only <c>error</c> items count in quality scores. Values Scale adds later are kept and written back unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<FeedbackItemType>))]
public readonly struct FeedbackItemType : IEquatable<FeedbackItemType>, IExtensibleEnum<FeedbackItemType>
{
    private readonly string _value;

    /// <summary>Wraps a wire value, known or not, kept exactly as given.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public FeedbackItemType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary><c>error</c>: The annotation is incorrect.</summary>
    public static FeedbackItemType Error { get; } = new(ScaleWire.ItemError);

    /// <summary><c>flag</c>: The annotation needs to be reviewed by a customer auditor; Scale does not fix it and it does not affect quality scores.</summary>
    public static FeedbackItemType Flag { get; } = new(ScaleWire.ItemFlag);

    /// <summary><c>confirmation</c>: The annotation is correct; does not affect quality scores.</summary>
    public static FeedbackItemType Confirmation { get; } = new(ScaleWire.ItemConfirmation);

    /// <summary><c>comment</c>: Generic feedback; does not affect quality scores.</summary>
    public static FeedbackItemType Comment { get; } = new(ScaleWire.ItemComment);

    string? IExtensibleEnum<FeedbackItemType>.WireValue => _value;

    /// <summary>Whether both are the same wire value, compared ordinally (as <see cref="Equals(FeedbackItemType)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(FeedbackItemType left, FeedbackItemType right) => left.Equals(right);

    /// <summary>Whether the two are different wire values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(FeedbackItemType left, FeedbackItemType right) => !left.Equals(right);

    /// <summary>Wraps any wire value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static implicit operator FeedbackItemType(string value) => new(value);

    static FeedbackItemType IExtensibleEnum<FeedbackItemType>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is FeedbackItemType other && Equals(other);

    /// <summary>
    /// Whether <paramref name="other"/> is the same wire value, compared ordinally: the vendor's values are exact strings,
    /// and a value that differs only in case is a different value to the vendor.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both carry the same string, or both are <c>default</c>.</returns>
    public bool Equals(FeedbackItemType other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The wire value; empty for <c>default</c>, which carries none and is never written.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => _value ?? string.Empty;
}
