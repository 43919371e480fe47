using AuditClient.Core.Serialization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>One audit record of a task (an element of <c>audits</c>).</summary>
public sealed class TaskAudit
{
    private WireNumber? _auditActiveTimeSecs;

    private WireNumber? _auditTimeSecs;

    /// <summary>The person who performed the audit (an email address).</summary>
    [JsonPropertyName("audited_by")]
    public string? AuditedBy { get; set; }

    /// <summary>The time an audit is performed.</summary>
    [JsonPropertyName("audited_at")]
    public DateTimeOffset? AuditedAt { get; set; }

    /// <summary>The total time, in seconds, the audit tab is in focus in a browser.</summary>
    [JsonIgnore]
    public double? AuditTimeSecs { get => _auditTimeSecs?.Number; set => _auditTimeSecs = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; AuditTimeSecs is its view.
    [JsonInclude]
    [JsonPropertyName("audit_time_secs")]
    internal WireNumber? AuditTimeSecsJson { get => _auditTimeSecs; set => _auditTimeSecs = value; }

    /// <summary>
    /// The total time, in seconds, the audit tab is up in a browser, excluding stretches of more than 60 seconds
    /// without mouse or keyboard movement. Usually equal to <see cref="AuditTimeSecs"/>, sometimes more precise.
    /// </summary>
    [JsonIgnore]
    public double? AuditActiveTimeSecs { get => _auditActiveTimeSecs?.Number; set => _auditActiveTimeSecs = WireNumber.From(value); }

    // The JSON as sent: exact digits (10.0 stays 10.0) and any value that is not a number; AuditActiveTimeSecs is its view.
    [JsonInclude]
    [JsonPropertyName("audit_active_time_secs")]
    internal WireNumber? AuditActiveTimeSecsJson { get => _auditActiveTimeSecs; set => _auditActiveTimeSecs = value; }

    /// <summary>The result of the audit: accepted, fixed or rejected.</summary>
    [JsonPropertyName("audit_result")]
    public TaskAuditResult? AuditResult { get; set; }

    /// <summary>The origin of the audit: customer or scale.</summary>
    [JsonPropertyName("audit_source")]
    public TaskAuditSource? AuditSource { get; set; }

    /// <summary>If per annotation error auditing is enabled, the errors the auditor recorded.</summary>
    [JsonPropertyName("audit_per_annotation_errors")]
    public IReadOnlyList<AnnotationError>? AuditPerAnnotationErrors { get; set; }

    /// <summary>
    /// The fields this version of the SDK has no property for, exactly as received; written back with the rest, so a
    /// model read and sent again (or stored) loses nothing. Empty fields are <see langword="null"/>.
    /// </summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }

}
