using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The purpose of a feedback item (<c>type</c>). Only <c>error</c> items count in quality scores. Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<FeedbackItemType>))]
public readonly record struct FeedbackItemType(string Value) : IExtensibleEnum<FeedbackItemType>
{
    /// <summary><c>error</c>: The annotation is incorrect.</summary>
    public static FeedbackItemType Error { get; } = new("error");

    /// <summary><c>flag</c>: The annotation needs to be reviewed by a customer auditor; Scale does not fix it and it does not affect quality scores.</summary>
    public static FeedbackItemType Flag { get; } = new("flag");

    /// <summary><c>confirmation</c>: The annotation is correct; does not affect quality scores.</summary>
    public static FeedbackItemType Confirmation { get; } = new("confirmation");

    /// <summary><c>comment</c>: Generic feedback; does not affect quality scores.</summary>
    public static FeedbackItemType Comment { get; } = new("comment");

    string? IExtensibleEnum<FeedbackItemType>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator FeedbackItemType(string value) => new(value);

    static FeedbackItemType IExtensibleEnum<FeedbackItemType>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
