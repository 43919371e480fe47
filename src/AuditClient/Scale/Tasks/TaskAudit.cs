using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>One audit record of a task (an element of <c>audits</c>).</summary>
public sealed record TaskAudit
{
    /// <summary>The person who performed the audit (an email address).</summary>
    [JsonPropertyName("audited_by")]
    public string? AuditedBy { get; set; }

    /// <summary>The time an audit is performed.</summary>
    [JsonPropertyName("audited_at")]
    public DateTimeOffset? AuditedAt { get; set; }

    /// <summary>The total time, in seconds, the audit tab is in focus in a browser.</summary>
    [JsonPropertyName("audit_time_secs")]
    public double? AuditTimeSecs { get; set; }

    /// <summary>
    /// The total time, in seconds, the audit tab is up in a browser, excluding stretches of more than 60 seconds
    /// without mouse or keyboard movement. Usually equal to <see cref="AuditTimeSecs"/>, sometimes more precise.
    /// </summary>
    [JsonPropertyName("audit_active_time_secs")]
    public double? AuditActiveTimeSecs { get; set; }

    /// <summary>The result of the audit: accepted, fixed or rejected.</summary>
    [JsonPropertyName("audit_result")]
    public TaskAuditResult? AuditResult { get; set; }

    /// <summary>The origin of the audit: customer or scale.</summary>
    [JsonPropertyName("audit_source")]
    public TaskAuditSource? AuditSource { get; set; }

    /// <summary>If per annotation error auditing is enabled, the errors the auditor recorded.</summary>
    [JsonPropertyName("audit_per_annotation_errors")]
    public IReadOnlyList<AnnotationError>? AuditPerAnnotationErrors { get; set; }
}
