using System.ComponentModel;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The result of the latest audit of a task (<c>customer_review_status</c>), as Scale reflects it on the task. Values Scale adds later are kept and written back unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<CustomerReviewStatus>))]
public readonly struct CustomerReviewStatus : IEquatable<CustomerReviewStatus>, IExtensibleEnum<CustomerReviewStatus>
{
    private readonly string _value;

    /// <summary>Wraps a wire value, known or not, kept exactly as given.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public CustomerReviewStatus(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary><c>accepted</c>: The latest audit accepted the task.</summary>
    public static CustomerReviewStatus Accepted { get; } = new("accepted");

    /// <summary><c>rejected</c>: The latest audit rejected the task.</summary>
    public static CustomerReviewStatus Rejected { get; } = new("rejected");

    /// <summary><c>fixed</c>: The latest audit fixed the task: <c>response</c> holds the fixed response, <c>prior_responses</c> the earlier ones.</summary>
    public static CustomerReviewStatus Fixed { get; } = new("fixed");

    /// <summary><c>commented</c>: The task was commented on during an audit without being accepted, rejected or fixed.</summary>
    public static CustomerReviewStatus Commented { get; } = new("commented");

    /// <summary><c>pending</c>: The task has not been audited yet.</summary>
    public static CustomerReviewStatus Pending { get; } = new("pending");

    string? IExtensibleEnum<CustomerReviewStatus>.WireValue => _value;

    /// <summary>Whether both are the same wire value, compared ordinally (as <see cref="Equals(CustomerReviewStatus)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(CustomerReviewStatus left, CustomerReviewStatus right) => left.Equals(right);

    /// <summary>Whether the two are different wire values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(CustomerReviewStatus left, CustomerReviewStatus right) => !left.Equals(right);

    /// <summary>Wraps any wire value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static implicit operator CustomerReviewStatus(string value) => new(value);

    static CustomerReviewStatus IExtensibleEnum<CustomerReviewStatus>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is CustomerReviewStatus other && Equals(other);

    /// <summary>
    /// Whether <paramref name="other"/> is the same wire value, compared ordinally: the vendor's values are exact strings,
    /// and a value that differs only in case is a different value to the vendor.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both carry the same string, or both are <c>default</c>.</returns>
    public bool Equals(CustomerReviewStatus other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The wire value; empty for <c>default</c>, which carries none and is never written.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => _value ?? string.Empty;
}
