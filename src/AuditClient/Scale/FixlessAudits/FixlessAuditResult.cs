using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The outcome of a fixless audit (<c>result</c>). Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<FixlessAuditResult>))]
public readonly record struct FixlessAuditResult(string Value) : IExtensibleEnum<FixlessAuditResult>
{
    /// <summary><c>accepted</c>: The task is accepted.</summary>
    public static FixlessAuditResult Accepted { get; } = new("accepted");

    /// <summary><c>rejected</c>: The task is rejected.</summary>
    public static FixlessAuditResult Rejected { get; } = new("rejected");

    string? IExtensibleEnum<FixlessAuditResult>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator FixlessAuditResult(string value) => new(value);

    static FixlessAuditResult IExtensibleEnum<FixlessAuditResult>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
