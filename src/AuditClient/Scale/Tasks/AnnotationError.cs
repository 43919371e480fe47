using AuditClient.Core.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>One per annotation error recorded by an audit (an element of <c>audit_per_annotation_errors</c>).</summary>
public sealed class AnnotationError
{
    private LooseStrings? _taggedReasons;

    private WireNumber? _labelIndex;

    private WireNumber? _frameNum;

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

    /// <summary>
    /// For video audits, the frame that the error appears on. A <c>number</c> in Scale's document, so any JSON number
    /// reads (<c>3.0</c> is frame 3); the digits Scale sent are written back as they came.
    /// </summary>
    [JsonIgnore]
    public double? FrameNum { get => _frameNum?.Number; set => _frameNum = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; FrameNum is its view.
    [JsonInclude]
    [JsonPropertyName("frame_num")]
    internal WireNumber? FrameNumJson { get => _frameNum; set => _frameNum = value; }

    /// <summary>
    /// The reasons tagged by the auditor. Scale documents an array without saying of what: string entries are listed
    /// as they are, other entries (objects, numbers) as their JSON text, null entries are left out. What Scale sent
    /// is kept as it came and written back unchanged until this property is set.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string>? TaggedReasons { get => _taggedReasons?.View; set => _taggedReasons = LooseStrings.Of(value); }

    // The JSON as sent, any entries; TaggedReasons is its view.
    [JsonInclude]
    [JsonPropertyName("tagged_reasons")]
    [JsonConverter(typeof(LooseStringsConverter))]
    internal LooseStrings? TaggedReasonsJson { get => _taggedReasons; set => _taggedReasons = value; }

    /// <summary>For geometry errors, the original annotation's box.</summary>
    [JsonPropertyName("original_box")]
    public AnnotationErrorBox? OriginalBox { get; set; }

    /// <summary>For geometry errors, the fixed audit annotation's box.</summary>
    [JsonPropertyName("audit_box")]
    public AnnotationErrorBox? AuditBox { get; set; }

    /// <summary>
    /// For semantic segmentation audits, the index of the label. A <c>number</c> in Scale's document, so any JSON
    /// number reads (<c>2.0</c> is index 2); the digits Scale sent are written back as they came.
    /// </summary>
    [JsonIgnore]
    public double? LabelIndex { get => _labelIndex?.Number; set => _labelIndex = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; LabelIndex is its view.
    [JsonInclude]
    [JsonPropertyName("label_index")]
    internal WireNumber? LabelIndexJson { get => _labelIndex; set => _labelIndex = value; }

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

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
