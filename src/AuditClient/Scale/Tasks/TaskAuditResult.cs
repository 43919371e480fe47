using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The result of one audit of a task (<c>audit_result</c>). Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<TaskAuditResult>))]
public readonly record struct TaskAuditResult(string Value) : IExtensibleEnum<TaskAuditResult>
{
    /// <summary><c>accepted</c>: The audit accepted the task.</summary>
    public static TaskAuditResult Accepted { get; } = new("accepted");

    /// <summary><c>fixed</c>: The audit fixed the task.</summary>
    public static TaskAuditResult Fixed { get; } = new("fixed");

    /// <summary><c>rejected</c>: The audit rejected the task.</summary>
    public static TaskAuditResult Rejected { get; } = new("rejected");

    string? IExtensibleEnum<TaskAuditResult>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator TaskAuditResult(string value) => new(value);

    static TaskAuditResult IExtensibleEnum<TaskAuditResult>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
