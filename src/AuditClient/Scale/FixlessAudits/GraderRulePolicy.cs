namespace AuditClient.Scale;

/// <summary>
/// What a fixless audit create does with a feedback item that Scale accepts but whose grader would mark it invalid
/// (<c>grader_output.conflict</c>) and leave out of quality scores. What Scale's payload schema refuses is always refused.
/// </summary>
public enum GraderRulePolicy
{
    /// <summary>
    /// The default: an <c>error</c> item the grader would discard is refused (that silent drop is the main reason to
    /// check), while <c>comment</c>, <c>flag</c> and <c>confirmation</c> items, which do not count toward quality, and
    /// audit-level advice are only warnings.
    /// </summary>
    RefuseErrorItems,

    /// <summary>Every grader rule is a warning: the audit is sent as given, and the warnings are logged.</summary>
    Warn,

    /// <summary>Every grader rule and audit-level advice refuses the audit before sending.</summary>
    Refuse,
}
