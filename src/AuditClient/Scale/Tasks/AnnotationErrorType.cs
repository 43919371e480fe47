using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The type of a per-annotation error (<c>error_type</c>). Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<AnnotationErrorType>))]
public readonly record struct AnnotationErrorType(string Value) : IExtensibleEnum<AnnotationErrorType>
{
    /// <summary><c>class</c>: The annotation has the wrong label; <c>original_label</c> and <c>audit_label</c> tell which.</summary>
    public static AnnotationErrorType Class { get; } = new("class");

    /// <summary><c>geometry</c>: The annotation has the wrong shape; <c>original_box</c> and <c>audit_box</c> tell how.</summary>
    public static AnnotationErrorType Geometry { get; } = new("geometry");

    /// <summary><c>attribute</c>: An attribute of the annotation is wrong; <c>attribute</c> names it.</summary>
    public static AnnotationErrorType Attribute { get; } = new("attribute");

    /// <summary><c>extraneous</c>: The annotation should not exist.</summary>
    public static AnnotationErrorType Extraneous { get; } = new("extraneous");

    /// <summary><c>missing</c>: An annotation is missing.</summary>
    public static AnnotationErrorType Missing { get; } = new("missing");

    /// <summary><c>other</c>: Any other error.</summary>
    public static AnnotationErrorType Other { get; } = new("other");

    string? IExtensibleEnum<AnnotationErrorType>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator AnnotationErrorType(string value) => new(value);

    static AnnotationErrorType IExtensibleEnum<AnnotationErrorType>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
