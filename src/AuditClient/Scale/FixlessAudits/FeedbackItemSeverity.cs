using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The seriousness of an issue (<c>severity</c>); Scale defaults it to <c>standard</c>. Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<FeedbackItemSeverity>))]
public readonly record struct FeedbackItemSeverity(string Value) : IExtensibleEnum<FeedbackItemSeverity>
{
    /// <summary><c>mild</c>: The error does not exceed the SLA error threshold (e.g. cuboid position off by less than 30 cm); does not affect the quality score.</summary>
    public static FeedbackItemSeverity Mild { get; } = new("mild");

    /// <summary><c>standard</c>: The error exceeds the SLA error threshold (e.g. cuboid position off by more than 30 cm); affects the quality score.</summary>
    public static FeedbackItemSeverity Standard { get; } = new("standard");

    /// <summary><c>severe</c>: The error exceeds the SLA error threshold and is critical, requiring special attention; affects the quality score.</summary>
    public static FeedbackItemSeverity Severe { get; } = new("severe");

    string? IExtensibleEnum<FeedbackItemSeverity>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator FeedbackItemSeverity(string value) => new(value);

    static FeedbackItemSeverity IExtensibleEnum<FeedbackItemSeverity>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
