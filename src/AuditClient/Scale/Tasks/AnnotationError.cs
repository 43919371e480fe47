using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>One per annotation error recorded by an audit (an element of <c>audit_per_annotation_errors</c>).</summary>
public sealed record AnnotationError
{
    /// <summary>The UUID of the annotation associated with the error (see <see cref="IsWithoutAnnotation"/>).</summary>
    [JsonPropertyName("uuid")]
    public string? Uuid { get; set; }

    /// <summary>The severity of the error: default or critical.</summary>
    [JsonPropertyName("severity")]
    public AnnotationErrorSeverity? Severity { get; set; }

    /// <summary>The type of the error: class, geometry, attribute, extraneous, missing or other.</summary>
    [JsonPropertyName("error_type")]
    public AnnotationErrorType? ErrorType { get; set; }

    /// <summary>The comment added to the error.</summary>
    [JsonPropertyName("comment")]
    public string? Comment { get; set; }

    /// <summary>For attribute errors, the erroneous attribute.</summary>
    [JsonPropertyName("attribute")]
    public string? Attribute { get; set; }

    /// <summary>True if the annotation is fixed with the audit.</summary>
    [JsonPropertyName("is_fixed")]
    public bool? IsFixed { get; set; }

    /// <summary>For class errors, the original label.</summary>
    [JsonPropertyName("original_label")]
    public string? OriginalLabel { get; set; }

    /// <summary>For class errors, the fixed audit label.</summary>
    [JsonPropertyName("audit_label")]
    public string? AuditLabel { get; set; }

    /// <summary>For video audits, the frame that the error appears on.</summary>
    [JsonPropertyName("frame_num")]
    public int? FrameNum { get; set; }

    /// <summary>The reasons tagged by the auditor.</summary>
    [JsonPropertyName("tagged_reasons")]
    public IReadOnlyList<string>? TaggedReasons { get; set; }

    /// <summary>For geometry errors, the original annotation's box.</summary>
    [JsonPropertyName("original_box")]
    public AnnotationErrorBox? OriginalBox { get; set; }

    /// <summary>For geometry errors, the fixed audit annotation's box.</summary>
    [JsonPropertyName("audit_box")]
    public AnnotationErrorBox? AuditBox { get; set; }

    /// <summary>For semantic segmentation audits, the index of the label.</summary>
    [JsonPropertyName("label_index")]
    public int? LabelIndex { get; set; }

    /// <summary>
    /// For semantic segmentation audits, the locations of the erroneous pixels. Scale does not document the shape of
    /// a location, so the array is kept as Scale sent it.
    /// </summary>
    [JsonPropertyName("pixel_location")]
    public JsonElement? PixelLocation { get; set; }

    /// <summary>
    /// True if the error was tagged without drawing an annotation, so <see cref="Uuid"/> doesn't correspond to an
    /// actual annotation.
    /// </summary>
    [JsonPropertyName("is_without_annotation")]
    public bool? IsWithoutAnnotation { get; set; }
}
