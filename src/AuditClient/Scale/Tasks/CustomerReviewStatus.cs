using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The result of the latest audit of a task (<c>customer_review_status</c>), as Scale reflects it on the task. Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<CustomerReviewStatus>))]
public readonly record struct CustomerReviewStatus(string Value) : IExtensibleEnum<CustomerReviewStatus>
{
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

    string? IExtensibleEnum<CustomerReviewStatus>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator CustomerReviewStatus(string value) => new(value);

    static CustomerReviewStatus IExtensibleEnum<CustomerReviewStatus>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
