using System.Collections.Frozen;

namespace AuditClient.Core.Wire;

// The vendors' wire files (ScaleWire.cs, CloudFactoryWire.cs) are compiled into AuditClient and, linked, into
// AuditClient.Testing (see its csproj), internal in both:
// the values the client and the fakes must agree on exist once, and the fakes need no SDK rule to know them. Only plain
// values from the vendors' documents belong here (closed value sets, known values of extensible ones, limits, wire
// formats); a rule (what is refused, what the grader marks) never does, because the fakes judge from the documents.

/// <summary>Wire values of Scale's fixless-audit and task APIs (<c>specs/scale-fixless-audits.txt</c>).</summary>
internal static class ScaleWire
{
    /// <summary><c>FixlessAuditCreate.type: 'fixless'</c>: the only audit type of the creation payload (closed).</summary>
    public const string FixlessAuditType = "fixless";

    // The value sets below are listed in the order of the creation payload's schema ("Creation Payload"), which is
    // the order messages name them in.

    /// <summary><c>FixlessAuditCreate.result: 'accepted' | 'rejected'</c> (closed).</summary>
    public static readonly IReadOnlyList<string> FixlessAuditResults = [ResultAccepted, ResultRejected];

    public const string ResultAccepted = "accepted";
    public const string ResultRejected = "rejected";

    /// <summary><c>FeedbackItemScope</c>: "We have 4 different schemas for Feedback Item Scopes" (closed: the union's discriminator).</summary>
    public static readonly IReadOnlyList<string> ScopeTypes = [ScopeAnnotation, ScopePolygon, ScopePoint, ScopeScene];

    public const string ScopeAnnotation = "annotation";
    public const string ScopePolygon = "polygon";
    public const string ScopePoint = "point";
    public const string ScopeScene = "scene";

    /// <summary><c>FeedbackItemInterval.type: 'frame_range'</c> (closed).</summary>
    public const string IntervalFrameRange = "frame_range";

    /// <summary><c>FeedbackItemCreate.type: 'comment' | 'error' | 'flag' | 'confirmation'</c>: closed in the creation payload; audits read keep any value.</summary>
    public static readonly IReadOnlyList<string> ItemTypes = [ItemComment, ItemError, ItemFlag, ItemConfirmation];

    public const string ItemError = "error";
    public const string ItemFlag = "flag";
    public const string ItemConfirmation = "confirmation";
    public const string ItemComment = "comment";

    /// <summary><c>FeedbackItemCreate.category</c>: closed in the creation payload; audits read keep any value.</summary>
    public static readonly IReadOnlyList<string> Categories = [CategoryAttribute, CategoryExtraneous, CategoryGeometry, CategoryLabel, CategoryMissing, CategoryPosition];

    public const string CategoryMissing = "missing";
    public const string CategoryExtraneous = "extraneous";
    public const string CategoryGeometry = "geometry";
    public const string CategoryPosition = "position";
    public const string CategoryAttribute = "attribute";
    public const string CategoryLabel = "label";

    /// <summary><c>FeedbackItemCreate.severity?: 'mild' | 'standard' | 'severe'</c> ("optional - defaults to standard"): closed in the creation payload; audits read keep any value.</summary>
    public static readonly IReadOnlyList<string> Severities = [SeverityMild, SeverityStandard, SeveritySevere];

    public const string SeverityMild = "mild";
    public const string SeverityStandard = "standard";
    public const string SeveritySevere = "severe";

    /// <summary>
    /// <c>AnnotationType</c>, the <c>missing_annotation_type</c> of point and polygon scopes: closed in the creation
    /// payload; audits read keep any value.
    /// </summary>
    public static readonly IReadOnlyList<string> AnnotationTypes =
        [AnnotationCuboid, AnnotationBox2D, AnnotationPolygon2D, AnnotationPolyline2D, AnnotationPoint2D, AnnotationEvent, AnnotationPolygonTopdown, AnnotationPolyline, AnnotationPointTopdown];

    public const string AnnotationCuboid = "cuboid";
    public const string AnnotationBox2D = "box_2d";
    public const string AnnotationPolygon2D = "polygon_2d";
    public const string AnnotationPolyline2D = "polyline_2d";
    public const string AnnotationPoint2D = "point_2d";
    public const string AnnotationEvent = "event";
    public const string AnnotationPolygonTopdown = "polygon_topdown";
    public const string AnnotationPolyline = "polyline";
    public const string AnnotationPointTopdown = "point_topdown";

    /// <summary>Feedback item <c>state</c>: the documented values; extensible. New items are <c>open</c>.</summary>
    public static readonly FrozenSet<string> ItemStates = Set(StateOpen, StateResolved, StateDisputed, StateEscalated, StateRejected);

    public const string StateOpen = "open";
    public const string StateResolved = "resolved";
    public const string StateDisputed = "disputed";
    public const string StateEscalated = "escalated";
    public const string StateRejected = "rejected";

    /// <summary><c>FixlessAudit.source</c> of an audit created through the API.</summary>
    public const string SourceApi = "api";

    /// <summary><c>srn: 'srn:scale:avcv:audit:{{id}}'</c>: "SRNs can be used in place of id on endpoints".</summary>
    public const string AuditSrnPrefix = "srn:scale:avcv:audit:";

    /// <summary>The timestamp form of the vendors' examples, such as <c>2024-01-03T03:08:58.162Z</c> (a .NET format string).</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    /// <summary>The largest (and default) page of <c>GET /v1/tasks</c>.</summary>
    public const int MaxTaskPageSize = 100;

    private static FrozenSet<string> Set(params string[] values) => values.ToFrozenSet(StringComparer.Ordinal);
}
