using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The origin of an audit (<c>audit_source</c>). Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<TaskAuditSource>))]
public readonly record struct TaskAuditSource(string Value) : IExtensibleEnum<TaskAuditSource>
{
    /// <summary><c>customer</c>: The customer audited the task.</summary>
    public static TaskAuditSource Customer { get; } = new("customer");

    /// <summary><c>scale</c>: Scale audited the task.</summary>
    public static TaskAuditSource Scale { get; } = new("scale");

    string? IExtensibleEnum<TaskAuditSource>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator TaskAuditSource(string value) => new(value);

    static TaskAuditSource IExtensibleEnum<TaskAuditSource>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
