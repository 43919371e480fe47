namespace AuditClient;

/// <summary>Scale's part of the options.</summary>
public sealed partial class AuditClientOptions
{
    /// <summary>Scale (task audits and fixless audits). Configured when any of its settings is given; until then its clients refuse to be built, naming the missing setting.</summary>
    public ScaleOptions Scale { get; set; } = new();
}

/// <summary>Settings of the Scale client. Authentication is HTTP Basic with the API key as user name and an empty password.</summary>
public sealed partial class ScaleOptions : VendorOptions
{
    /// <summary>The default address of Scale's API.</summary>
    public static readonly Uri DefaultBaseAddress = AuditClient.Scale.ScaleProfile.Instance.DefaultBaseAddress;

    /// <summary>Creates Scale settings with the default address.</summary>
    public ScaleOptions()
        : base(AuditClient.Scale.ScaleProfile.Instance)
    {
    }

    /// <inheritdoc />
    [System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicProperties)]
    internal override Type SettingsType => typeof(ScaleOptions);

    /// <summary>
    /// What a fixless audit create does with a feedback item Scale accepts but its grader would mark invalid and leave
    /// out of quality scores. Default <see cref="AuditClient.Scale.GraderRulePolicy.RefuseErrorItems"/>: such
    /// <c>error</c> items are refused before sending, and the other item types are sent with a logged warning.
    /// </summary>
    public AuditClient.Scale.GraderRulePolicy GraderRules
    {
        get;
        set { field = value; Assigned(); }
    }

    /// <summary>
    /// The value sets of a fixless audit create whose values outside the documented ones are sent, with a logged
    /// warning, instead of refused: for a value Scale added after this version of the SDK. Default
    /// <see cref="AuditClient.Scale.ScaleValueSets.None"/>: a feedback item <c>type</c>, <c>category</c>,
    /// <c>severity</c> or <c>scope.missing_annotation_type</c> outside its documented set (most often a typo, such as
    /// <c>eror</c>) is refused before sending. In configuration, names separated by commas:
    /// <c>"FeedbackItemCategory, FeedbackItemSeverity"</c>.
    /// </summary>
    public AuditClient.Scale.ScaleValueSets AllowUnlistedValues
    {
        get;
        set { field = value; Assigned(); }
    }
}
