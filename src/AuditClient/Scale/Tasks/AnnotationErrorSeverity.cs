using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The severity of a per-annotation error (<c>severity</c>). Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<AnnotationErrorSeverity>))]
public readonly record struct AnnotationErrorSeverity(string Value) : IExtensibleEnum<AnnotationErrorSeverity>
{
    /// <summary><c>default</c>: An ordinary error.</summary>
    public static AnnotationErrorSeverity Default { get; } = new("default");

    /// <summary><c>critical</c>: A critical error.</summary>
    public static AnnotationErrorSeverity Critical { get; } = new("critical");

    string? IExtensibleEnum<AnnotationErrorSeverity>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator AnnotationErrorSeverity(string value) => new(value);

    static AnnotationErrorSeverity IExtensibleEnum<AnnotationErrorSeverity>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
