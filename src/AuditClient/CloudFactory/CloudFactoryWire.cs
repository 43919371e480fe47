namespace AuditClient.Core.Wire;

// The vendors' wire files (ScaleWire.cs, CloudFactoryWire.cs) are compiled into AuditClient and, linked, into
// AuditClient.Testing (see its csproj), internal in both:
// the values the client and the fakes must agree on exist once, and the fakes need no SDK rule to know them. Only plain
// values from the vendors' documents belong here (closed value sets, known values of extensible ones, limits, wire
// formats); a rule (what is refused, what the grader marks) never does, because the fakes judge from the documents.

/// <summary>Wire values of CloudFactory's Quality API (<c>specs/cloudfactory-quality-api.txt</c>).</summary>
internal static class CloudFactoryWire
{
    /// <summary>The body fields marked "Required" in the <c>task_reviewed</c> reference.</summary>
    public static readonly IReadOnlyList<string> RequiredFields =
        ["workstream_id", "use_case_id", "task_definition_id", "worker_id", "review_completed_at", "review_score"];

    /// <summary><c>review_score</c>: "Review score between 0 and 1" (inclusive: '0' and '1.0' are both described).</summary>
    public const double MinReviewScore = 0;

    /// <inheritdoc cref="MinReviewScore"/>
    public const double MaxReviewScore = 1;

    /// <summary><c>review_type</c>: "'QA', 'QC', 'Spot Check', or 'Others'" (the documented values).</summary>
    public static readonly IReadOnlyList<string> ReviewTypes = [ReviewQA, ReviewQC, ReviewSpotCheck, ReviewOthers];

    public const string ReviewQA = "QA";
    public const string ReviewQC = "QC";
    public const string ReviewSpotCheck = "Spot Check";
    public const string ReviewOthers = "Others";
}
