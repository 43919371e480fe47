using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The kind of audit (<c>type</c>); fixless audits are always <c>fixless</c>. Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<FixlessAuditType>))]
public readonly record struct FixlessAuditType(string Value) : IExtensibleEnum<FixlessAuditType>
{
    /// <summary><c>fixless</c>: An audit made of feedback items, created without fixing the task.</summary>
    public static FixlessAuditType Fixless { get; } = new("fixless");

    string? IExtensibleEnum<FixlessAuditType>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator FixlessAuditType(string value) => new(value);

    static FixlessAuditType IExtensibleEnum<FixlessAuditType>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
