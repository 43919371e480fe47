using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>The kind of issue found on the task (<c>category</c>). Every category except <c>missing</c> is specific to an <c>annotation_id</c>. Values Scale adds later are kept and written back unchanged.</summary>
/// <param name="Value">The wire value.</param>
[JsonConverter(typeof(ExtensibleEnumConverter<FeedbackItemCategory>))]
public readonly record struct FeedbackItemCategory(string Value) : IExtensibleEnum<FeedbackItemCategory>
{
    /// <summary><c>missing</c>: An annotation is missing (a false negative). Needs a point or polygon scope and a <c>missing_annotation_type</c>.</summary>
    public static FeedbackItemCategory Missing { get; } = new("missing");

    /// <summary><c>extraneous</c>: The annotation should not be present (a false positive).</summary>
    public static FeedbackItemCategory Extraneous { get; } = new("extraneous");

    /// <summary><c>geometry</c>: The annotation has the wrong dimensions or shape.</summary>
    public static FeedbackItemCategory Geometry { get; } = new("geometry");

    /// <summary><c>position</c>: The annotation is in the wrong place.</summary>
    public static FeedbackItemCategory Position { get; } = new("position");

    /// <summary><c>attribute</c>: The annotation has an incorrect attribute property.</summary>
    public static FeedbackItemCategory Attribute { get; } = new("attribute");

    /// <summary><c>label</c>: The annotation label (also referred to as class) is incorrect.</summary>
    public static FeedbackItemCategory Label { get; } = new("label");

    string? IExtensibleEnum<FeedbackItemCategory>.WireValue => Value;

    /// <summary>Wraps any value, known or not.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator FeedbackItemCategory(string value) => new(value);

    static FeedbackItemCategory IExtensibleEnum<FeedbackItemCategory>.FromWire(string value) => new(value);

    /// <summary>Returns the wire value.</summary>
    /// <returns>The wire value.</returns>
    public override string ToString() => Value ?? string.Empty;
}
