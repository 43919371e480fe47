using System.Text.Json;
using System.Text.Json.Nodes;
using AuditClient.Core.Serialization;
using AuditClient.Scale;
using FsCheck;
using FsCheck.Fluent;
using AuditClient.Tests.Support;

namespace AuditClient.Tests.Scale;

/// <summary>
/// Over random valid audits (every scope shape, unknown scopes and enum values, every sensor_id form, any metadata):
/// reading what the SDK wrote gives the same audit back, and writing that again gives an equal JSON tree: nothing is
/// lost or altered on the way.
/// </summary>
public sealed class FixlessAuditRoundTripProperties
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(200);

    [Test]
    public void A_created_audit_reads_back_equal_to_itself()
    {
        Check.One(Runs, Prop.ForAll(Generators.AuditCreate.ToArbitrary(), audit => RoundTrips(audit, Same)));
    }

    [Test]
    public void A_returned_audit_reads_back_equal_to_itself()
    {
        Check.One(Runs, Prop.ForAll(Generators.Audit.ToArbitrary(), audit => RoundTrips(audit, Same)));
    }

    /// <summary>read(write(x)) equals x, and writing it again gives an equal JSON tree.</summary>
    private static bool RoundTrips<T>(T value, Func<T, T, bool> same)
    {
        var written = ScaleJson.Write(value);
        var read = ScaleJson.Read<T>(written);
        var again = ScaleJson.Write(read);
        if (!same(value, read))
        {
            throw new AssertionException($"Read back as a different value at {ModelEquality.FirstDifference(value, read)}.\nwritten: {written}\nread:    {again}");
        }

        return JsonNode.DeepEquals(JsonNode.Parse(written), JsonNode.Parse(again))
            ? true
            : throw new AssertionException($"Not the same tree.\nfirst:  {written}\nsecond: {again}");
    }

    // The models compare by reference; the property is about content.
    private static bool Same<T>(T a, T b) => ModelEquality.Same(a, b);

    private static class Generators
    {
        private static readonly Gen<string> Text = Gen.Elements("", "a", "abc123", "with \"quotes\" and \\", "été 😀", "line\nbreak", "<tag>&amp;");

        private static readonly Gen<string?> OptionalText = OrNull(Text);

        private static readonly Gen<long> Whole = Gen.Choose(int.MinValue, int.MaxValue).Zip(Gen.Choose(0, int.MaxValue))
            .Select(p => ((long)p.Item1 << 31) ^ p.Item2);

        private static readonly Gen<double> Coordinate = Gen.OneOf(
            Gen.Choose(-100_000, 100_000).Select(i => (double)i),
            Gen.Choose(int.MinValue, int.MaxValue).Zip(Gen.Choose(1, int.MaxValue)).Select(p => (double)p.Item1 / p.Item2),
            Gen.Elements(0.1, -0.0, 1e-300, 1.7976931348623157e308, double.Epsilon));

        private static readonly Gen<Point2D> Point = Coordinate.Zip(Coordinate).Select(p => new Point2D(p.Item1, p.Item2));

        private static readonly Gen<SensorId> Sensor = Gen.OneOf(
            Text.Select(s => (SensorId)s),
            Whole.Select(n => (SensorId)n),
            Gen.Elements("12345678901234567890", "99999999999999999999999", "-18446744073709551616").Select(SensorId.FromNumber));

        private static readonly Gen<FeedbackItemInterval?> Interval = OrNull(
            from type in Gen.Elements<string?>("frame_range", "timestamp_range", null)
            from start in OrNullValue(Gen.Choose(0, 10_000).Select(i => (long)i))
            from end in OrNullValue(Whole)
            // The type is not settable: set here as a read would set it.
            select new FeedbackItemInterval { TypeJson = type, Start = start, End = end });

        private static readonly Gen<string> MetadataText = Gen.Elements(
            """{}""",
            """{ "test": true }""",
            """{ "is_verified_by_human": true, "confidence_level": 0.83 }""",
            """{ "type": "annotation", "nested": { "type": "polygon", "list": [1, "two", null, [], {}] } }""",
            """{ "big": 123456789012345678901234567890, "small": -1.5e-7, "unicode": "\u00e9\ud83d\ude00" }""");

        private static readonly Gen<JsonObject?> Metadata = OrNull(MetadataText.Select(json => JsonNode.Parse(json)!.AsObject()));

        private static readonly Gen<FeedbackItemScope> Annotation =
            from id in OptionalText
            from sensor in OrNullValue(Sensor)
            from attribute in OptionalText
            from interval in Interval
            select (FeedbackItemScope)new FeedbackItemScopeAnnotation { AnnotationId = id, SensorId = sensor, Attribute = attribute, Interval = interval };

        private static readonly Gen<FeedbackItemScope> Polygon =
            from vertices in OrNull(Gen.ArrayOf(Point).Select(a => (IReadOnlyList<Point2D>)a))
            from missing in MissingAnnotation
            from sensor in OrNullValue(Sensor)
            from interval in Interval
            select (FeedbackItemScope)new FeedbackItemScopePolygon
            {
                Vertices = vertices,
                MissingAnnotationType = missing.Type,
                Stationary = missing.Stationary,
                MissingAnnotationClass = missing.Class,
                SensorId = sensor,
                Interval = interval,
            };

        private static readonly Gen<FeedbackItemScope> PointScope =
            from coordinates in OrNullValue(Point)
            from missing in MissingAnnotation
            from sensor in OrNullValue(Sensor)
            from interval in Interval
            select (FeedbackItemScope)new FeedbackItemScopePoint
            {
                Coordinates = coordinates,
                MissingAnnotationType = missing.Type,
                Stationary = missing.Stationary,
                MissingAnnotationClass = missing.Class,
                SensorId = sensor,
                Interval = interval,
            };

        private static readonly Gen<FeedbackItemScope> Scene =
            from attribute in OptionalText
            from interval in Interval
            select (FeedbackItemScope)new FeedbackItemScopeScene { Attribute = attribute, Interval = interval };

        private static readonly Gen<FeedbackItemScope> Unknown = Gen.Elements(
                """{ "type": "cuboid_3d", "box": { "type": "nested" }, "interval": { "type": "frame_range", "start": 0, "end": 1 } }""",
                """{ "lanes": [{ "type": "annotation" }], "type": "lane_graph", "n": 12345678901234567890123 }""",
                """{ "type": "" }""")
            .Select(json => (FeedbackItemScope)new FeedbackItemScopeUnknown(JsonDocument.Parse(json).RootElement));

        private static readonly Gen<FeedbackItemScope?> Scope = OrNull(Gen.OneOf(Annotation, Polygon, PointScope, Scene, Unknown));

        private static readonly Gen<FeedbackItemCreate> ItemCreate =
            from type in OrNullValue(Extensible<FeedbackItemType>(FeedbackItemType.Error, FeedbackItemType.Flag, FeedbackItemType.Confirmation, FeedbackItemType.Comment))
            from scope in Scope
            from category in OrNullValue(Categories)
            from severity in OrNullValue(Severities)
            from description in OptionalText
            from metadata in Metadata
            select new FeedbackItemCreate { Type = type, Scope = scope, Category = category, Severity = severity, Description = description, Metadata = metadata };

        private static readonly Gen<FeedbackItem> Item =
            from created in ItemCreate
            from id in OptionalText
            from state in OrNullValue(Extensible<FeedbackItemState>(FeedbackItemState.Open, FeedbackItemState.Resolved, FeedbackItemState.Disputed, FeedbackItemState.Escalated, FeedbackItemState.Rejected))
            from updatedAt in OrNullValue(Timestamp)
            from updatedBy in OptionalText
            from grader in OrNull(
                from conflict in OrNullValue(Gen.Elements(true, false))
                from explanation in OptionalText
                select new FeedbackItemGraderOutput { Conflict = conflict, Explanation = explanation })
            select new FeedbackItem
            {
                Id = id,
                Type = created.Type,
                State = state,
                Scope = created.Scope,
                Category = created.Category,
                Severity = created.Severity,
                Description = created.Description,
                Metadata = created.Metadata,
                UpdatedAt = updatedAt,
                UpdatedBy = updatedBy,
                GraderOutput = grader,
            };

        public static readonly Gen<FixlessAuditCreate> AuditCreate =
            from result in Results
            from taskId in Text
            from comments in OptionalText
            from url in Text
            from items in OrNull(Gen.ListOf(ItemCreate).Select(l => (IReadOnlyList<FeedbackItemCreate>)l.ToArray()))
            from metadata in Metadata
            select new FixlessAuditCreate
            {
                Result = result,
                TaskId = "t" + taskId,
                Comments = comments,
                TargetResponseUrl = "https://example.com/" + url,
                FeedbackItems = items,
                Metadata = metadata,
            };

        public static readonly Gen<FixlessAudit> Audit =
            from created in AuditCreate
            from ids in OptionalText.Zip(OrNull(Text.Select(t => "srn:scale:avcv:audit:" + t)))
            from type in OrNull(Gen.Elements("fixless", "future_value"))
            from taskType in OrNull(Gen.Elements("sensorfusion", "videoannotation", "lidartopdown"))
            from items in OrNull(Gen.ListOf(Item).Select(l => (IReadOnlyList<FeedbackItem>)l.ToArray()))
            from active in OrNullValue(Gen.Elements(true, false))
            from source in OrNullValue(Extensible<FixlessAuditSource>(FixlessAuditSource.Api, FixlessAuditSource.LidarLite, FixlessAuditSource.Classic))
            from createdBy in OptionalText
            from times in OrNullValue(Timestamp).Zip(OrNullValue(Timestamp))
            select new FixlessAudit
            {
                Id = ids.Item1,
                Srn = ids.Item2,
                Type = type,
                TaskId = created.TaskId,
                TaskType = taskType,
                Result = created.Result,
                Comments = created.Comments,
                TargetResponse = new FixlessAuditTargetResponse { Url = created.TargetResponseUrl },
                FeedbackItems = items,
                Metadata = created.Metadata,
                Active = active,
                Source = source,
                CreatedBy = createdBy,
                CreatedAt = times.Item1,
                UpdatedAt = times.Item2,
            };

        private static Gen<(AnnotationType? Type, bool? Stationary, string? Class)> MissingAnnotation =>
            from type in OrNullValue(Extensible<AnnotationType>(
                AnnotationType.Cuboid, AnnotationType.Box2D, AnnotationType.Polygon2D, AnnotationType.Polyline2D, AnnotationType.Point2D,
                AnnotationType.Event, AnnotationType.PolygonTopdown, AnnotationType.Polyline, AnnotationType.PointTopdown))
            from stationary in OrNullValue(Gen.Elements(true, false))
            from annotationClass in OptionalText
            select (type, stationary, annotationClass);

        private static Gen<FeedbackItemCategory> Categories => Extensible<FeedbackItemCategory>(
            FeedbackItemCategory.Missing, FeedbackItemCategory.Extraneous, FeedbackItemCategory.Geometry,
            FeedbackItemCategory.Position, FeedbackItemCategory.Attribute, FeedbackItemCategory.Label);

        private static Gen<FeedbackItemSeverity> Severities => Extensible<FeedbackItemSeverity>(
            FeedbackItemSeverity.Mild, FeedbackItemSeverity.Standard, FeedbackItemSeverity.Severe);

        private static Gen<FixlessAuditResult> Results => Extensible<FixlessAuditResult>(FixlessAuditResult.Accepted, FixlessAuditResult.Rejected);

        // Scale's timestamps have millisecond precision and are UTC; other offsets are read but not what Scale sends.
        private static Gen<DateTimeOffset> Timestamp =>
            Gen.Choose(0, 2_000_000_000).Zip(Gen.Choose(0, 999))
                .Select(p => DateTimeOffset.FromUnixTimeSeconds(p.Item1).AddMilliseconds(p.Item2));

        /// <summary>Mostly known values, sometimes one Scale might add later.</summary>
        private static Gen<T> Extensible<T>(params T[] known)
            where T : struct, IExtensibleEnum<T> =>
            Gen.Frequency((4, Gen.Elements(known)), (1, Gen.Elements("future_value", "UPPER", "").Select(T.FromWire)));

        private static Gen<T?> OrNull<T>(Gen<T> gen)
            where T : class =>
            Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(v => (T?)v)));

        private static Gen<T?> OrNullValue<T>(Gen<T> gen)
            where T : struct =>
            Gen.Frequency((1, Gen.Constant<T?>(null)), (3, gen.Select(v => (T?)v)));
    }
}
