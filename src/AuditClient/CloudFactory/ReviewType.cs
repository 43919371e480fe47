using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.CloudFactory;

/// <summary>The type of a review. CloudFactory names four; any other value is kept and sent unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<ReviewType>))]
public readonly record struct ReviewType(string Value) : IExtensibleEnum<ReviewType>
{
    /// <summary><c>QA</c>: quality assurance.</summary>
    public static ReviewType QA { get; } = new("QA");

    /// <summary><c>QC</c>: quality control.</summary>
    public static ReviewType QC { get; } = new("QC");

    /// <summary><c>Spot Check</c> (with its space on the wire).</summary>
    public static ReviewType SpotCheck { get; } = new("Spot Check");

    /// <summary><c>Others</c>: any other type of review.</summary>
    public static ReviewType Others { get; } = new("Others");

    string? IExtensibleEnum<ReviewType>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator ReviewType(string value) => new(value);

    static ReviewType IExtensibleEnum<ReviewType>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
