using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>Where a fixless audit was created (<c>source</c>). Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<FixlessAuditSource>))]
public readonly record struct FixlessAuditSource(string Value) : IExtensibleEnum<FixlessAuditSource>
{
    /// <summary><c>api</c>: Created through the API.</summary>
    public static FixlessAuditSource Api { get; } = new("api");

    /// <summary><c>lidarlite</c>: Created in Scale's LidarLite auditing tool.</summary>
    public static FixlessAuditSource LidarLite { get; } = new("lidarlite");

    /// <summary><c>classic</c>: A classic audit, the kind where the customer fixes the task.</summary>
    public static FixlessAuditSource Classic { get; } = new("classic");

    string? IExtensibleEnum<FixlessAuditSource>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator FixlessAuditSource(string value) => new(value);

    static FixlessAuditSource IExtensibleEnum<FixlessAuditSource>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
