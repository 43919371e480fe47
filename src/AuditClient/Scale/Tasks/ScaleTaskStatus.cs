using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The status of a Scale task (<c>status</c>). Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<ScaleTaskStatus>))]
public readonly record struct ScaleTaskStatus(string Value) : IExtensibleEnum<ScaleTaskStatus>
{
    /// <summary><c>pending</c>: The task is being worked on.</summary>
    public static ScaleTaskStatus Pending { get; } = new("pending");

    /// <summary><c>completed</c>: The task is completed and can be audited.</summary>
    public static ScaleTaskStatus Completed { get; } = new("completed");

    /// <summary><c>canceled</c>: The task was canceled.</summary>
    public static ScaleTaskStatus Canceled { get; } = new("canceled");

    /// <summary><c>error</c>: The task could not be completed.</summary>
    public static ScaleTaskStatus Error { get; } = new("error");

    string? IExtensibleEnum<ScaleTaskStatus>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator ScaleTaskStatus(string value) => new(value);

    static ScaleTaskStatus IExtensibleEnum<ScaleTaskStatus>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
