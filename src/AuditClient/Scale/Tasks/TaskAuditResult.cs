using System.ComponentModel;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The result of one audit of a task (<c>audit_result</c>). Values Scale adds later are kept and written back unchanged.</summary>
[JsonConverter(typeof(ExtensibleEnumConverter<TaskAuditResult>))]
public readonly struct TaskAuditResult : IEquatable<TaskAuditResult>, IExtensibleEnum<TaskAuditResult>
{
    private readonly string _value;

    /// <summary>Wraps a wire value, known or not, kept exactly as given.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public TaskAuditResult(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary><c>accepted</c>: The audit accepted the task.</summary>
    public static TaskAuditResult Accepted { get; } = new("accepted");

    /// <summary><c>fixed</c>: The audit fixed the task.</summary>
    public static TaskAuditResult Fixed { get; } = new("fixed");

    /// <summary><c>rejected</c>: The audit rejected the task.</summary>
    public static TaskAuditResult Rejected { get; } = new("rejected");

    string? IExtensibleEnum<TaskAuditResult>.WireValue => _value;

    /// <summary>Whether both are the same wire value, compared ordinally (as <see cref="Equals(TaskAuditResult)"/>).</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator ==(TaskAuditResult left, TaskAuditResult right) => left.Equals(right);

    /// <summary>Whether the two are different wire values.</summary>
    /// <param name="left">The first value.</param>
    /// <param name="right">The second value.</param>
    public static bool operator !=(TaskAuditResult left, TaskAuditResult right) => !left.Equals(right);

    /// <summary>Wraps any wire value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    /// <exception cref="ArgumentNullException"><paramref name="value"/> is <see langword="null"/>.</exception>
    public static implicit operator TaskAuditResult(string value) => new(value);

    static TaskAuditResult IExtensibleEnum<TaskAuditResult>.FromWire(string value) => new(value);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override bool Equals(object? obj) => obj is TaskAuditResult other && Equals(other);

    /// <summary>
    /// Whether <paramref name="other"/> is the same wire value, compared ordinally: the vendor's values are exact strings,
    /// and a value that differs only in case is a different value to the vendor.
    /// </summary>
    /// <param name="other">The other value.</param>
    /// <returns><see langword="true"/> when both carry the same string, or both are <c>default</c>.</returns>
    public bool Equals(TaskAuditResult other) => string.Equals(_value, other._value, StringComparison.Ordinal);

    /// <inheritdoc/>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public override int GetHashCode() => _value is null ? 0 : StringComparer.Ordinal.GetHashCode(_value);

    /// <summary>The wire value; empty for <c>default</c>, which carries none and is never written.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => _value ?? string.Empty;
}
