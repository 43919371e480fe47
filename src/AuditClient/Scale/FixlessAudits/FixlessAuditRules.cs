using System.Globalization;
using System.Text.Json;
using AuditClient.Core.Serialization;
using AuditClient.Core.Validation;
using AuditClient.Core.Wire;

namespace AuditClient.Scale;

/// <summary>
/// The rules of a fixless audit creation, checked before anything is sent, at two levels. Errors
/// (<see cref="Violations.Add"/>): what Scale's payload schema refuses (a missing required field, a value outside a
/// closed set, a scope shape it does not have) or what cannot be written at all (a default enum, an infinite number).
/// Grader rules (<see cref="Violations.Warn"/>): what Scale stores but its grader marks invalid and leaves out of quality
/// scores (the guide's examples: an annotation error without a valid annotation id, an attribute error without the
/// attribute, a missing error without a point or polygon), refused or only reported as the
/// <see cref="GraderRulePolicy"/> says. A value outside a set the payload schema closes (item type, category, severity,
/// missing annotation type) is refused, or only reported for the sets the app allows (<see cref="ScaleValueSets"/>).
/// Every rule lives here, once: the client runs it before each creation, and
/// <see cref="FixlessAuditCreate.Validate()"/> and <see cref="FeedbackItemCreate.Validate()"/> expose it.
/// </summary>
internal static class FixlessAuditRules
{
    /// <summary>
    /// Reads a creation from its wire JSON (a line of a user's file) and checks it: every value of the wrong JSON kind,
    /// then every other broken rule, all at once (malformed JSON is one problem).
    /// </summary>
    public static CheckedRecord<FixlessAuditCreate> Read(string json, GraderRulePolicy policy, ScaleValueSets allowUnlisted) =>
        CheckedRecords.Read(json, FixlessAuditShape.Audit, AuditClientJsonContext.Wire.FixlessAuditCreate, (audit, violations) => Collect(audit, violations, policy, allowUnlisted));

    public static void Collect(FixlessAuditCreate audit, Violations violations, GraderRulePolicy policy, ScaleValueSets allowUnlisted)
    {
        // Only a creation read from JSON can carry another type: the property is not settable.
        if (audit.Type != ScaleWire.FixlessAuditType)
        {
            violations.Add("type", "must be 'fixless'");
        }

        if (string.IsNullOrWhiteSpace(audit.Result?.ToString()))
        {
            violations.Add("result", "is required");
        }
        else if (audit.Result?.ToString() is { } result && !ValueSet.Contains(ScaleWire.FixlessAuditResults, result))
        {
            violations.Add("result", ValueSet.MustBe(ScaleWire.FixlessAuditResults, result));
        }

        violations.Required(audit.TaskId, "task_id");

        // A create in doubt is looked up by its task id (GET /v1/audits/?task_id=), and the task by its path
        // (/v1/task/{task_id}): an id that path cannot hold names no task.
        violations.PathId(audit.TaskId, "task_id");
        violations.Required(audit.TargetResponseUrl, "target_response_url");
        violations.Text(audit.TaskId, "task_id");
        violations.Text(audit.Comments, "comments");
        violations.Text(audit.TargetResponseUrl, "target_response_url");
        violations.Json(audit.Metadata, "metadata");
        violations.Json(audit.AdditionalProperties, string.Empty);

        // Advice, not Scale's rule: the guide's own example sends a placeholder ("value from
        // task.response.annotations.url") and is answered 201.
        if (!string.IsNullOrWhiteSpace(audit.TargetResponseUrl) && !Violations.IsAbsoluteUrl(audit.TargetResponseUrl))
        {
            violations.Warn("target_response_url", "should be the task's response URL (task.response.annotations.url), an absolute URL", policy == GraderRulePolicy.Refuse);
        }

        var items = audit.FeedbackItems ?? [];
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is { } item)
            {
                CollectItem(item, new ItemPath(i), violations, policy, allowUnlisted);
            }
            else
            {
                violations.Add(new ItemPath(i).Of(null), "must not be null");
            }
        }
    }

    /// <summary>The rules of one feedback item; paths are relative to the item when <paramref name="at"/> is <see cref="ItemPath.Alone"/>.</summary>
    public static void CollectItem(FeedbackItemCreate item, ItemPath at, Violations violations, GraderRulePolicy policy, ScaleValueSets allowUnlisted)
    {
        Required(item.Type?.ToString(), "type", at, violations);
        Listed(item.Type?.ToString(), ScaleWire.ItemTypes, ScaleValueSets.FeedbackItemType, "type", at, violations, allowUnlisted);

        // Only error items count toward quality scores: the grader dropping one of them is the silent loss to prevent.
        var grader = new Grader(at, violations, policy == GraderRulePolicy.Refuse
            || (policy == GraderRulePolicy.RefuseErrorItems && item.Type == FeedbackItemType.Error));

        // Required by the field list, yet the guide's own example leaves it out of both items and is answered 201.
        var category = string.IsNullOrWhiteSpace(item.Category?.ToString()) ? (FeedbackItemCategory?)null : item.Category;
        if (category is null)
        {
            grader.Add("category", "is required");
        }
        else if (!Listed(category.Value.ToString(), ScaleWire.Categories, ScaleValueSets.FeedbackItemCategory, "category", at, violations, allowUnlisted))
        {
            // A refused category (most often a typo) says nothing of the scope the item needs: the scope is checked
            // against the category once it is one Scale documents or one the app allows.
            category = null;
        }

        // Extensible enums carry any text the caller gave them, and it is sent as is.
        Text(item.Type?.ToString(), "type", at, violations);
        Text(item.Category?.ToString(), "category", at, violations);
        Text(item.Severity?.ToString(), "severity", at, violations);
        Text(item.Description, "description", at, violations);
        if (item.Metadata is not null || item.AdditionalProperties is { Count: > 0 })
        {
            violations.Json(item.Metadata, at.Of("metadata"));
            violations.Json(item.AdditionalProperties, at.Of(null));
        }

        // Absent means standard (Scale's default) and is left absent on the wire; a default struct has nothing to write.
        if (item.Severity is { } severity && string.IsNullOrWhiteSpace(severity.ToString()))
        {
            violations.Add(at.Of("severity"), "must have a value when given");
        }
        else
        {
            Listed(item.Severity?.ToString(), ScaleWire.Severities, ScaleValueSets.FeedbackItemSeverity, "severity", at, violations, allowUnlisted);
        }

        switch (item.Scope)
        {
            case null:
                violations.Add(at.Of("scope"), "is required");
                break;
            case FeedbackItemScopeAnnotation annotation:
                WrongKinds(annotation, annotation.AdditionalProperties, at, violations);
                CheckCategory(category, annotation, grader);

                // "Extraneous, attribute, geometry, position, or label error where a valid annotation ID is not
                // provided" is the guide's first example of an item the grader marks invalid.
                if (string.IsNullOrWhiteSpace(annotation.AnnotationId))
                {
                    grader.Add("scope.annotation_id", "is required");
                }

                // "Attribute error where the attribute name does not match an attribute on the annotation".
                if (category == FeedbackItemCategory.Attribute && string.IsNullOrWhiteSpace(annotation.Attribute))
                {
                    grader.Add("scope.attribute", "is required when category is 'attribute'");
                }

                Text(annotation.AnnotationId, "scope.annotation_id", at, violations);
                Text(annotation.Attribute, "scope.attribute", at, violations);
                CheckSensor(annotation.SensorId, at, violations);
                CheckInterval(annotation.Interval, at, violations, grader);
                CheckMembers(annotation.AdditionalProperties, at, violations);
                break;
            case FeedbackItemScopePolygon polygon:
                WrongKinds(polygon, polygon.AdditionalProperties, at, violations);
                CheckCategory(category, polygon, grader);
                CheckVertices(polygon.Vertices, at, violations, grader);
                CheckMissingAnnotation(polygon.MissingAnnotationType, polygon.MissingAnnotationClass, polygon.Stationary, at, violations, allowUnlisted);
                CheckSensor(polygon.SensorId, at, violations);
                CheckInterval(polygon.Interval, at, violations, grader);
                CheckMembers(polygon.AdditionalProperties, at, violations);
                break;
            case FeedbackItemScopePoint point:
                WrongKinds(point, point.AdditionalProperties, at, violations);
                CheckCategory(category, point, grader);
                if (point.Coordinates is { } coordinates)
                {
                    // A Point2D always has exactly two coordinates (the converter reads nothing else from JSON), so
                    // only their values can be wrong; JSON such as 1e999 is read as infinity.
                    Finite(coordinates.X, "scope.coordinates[0]", at, violations);
                    Finite(coordinates.Y, "scope.coordinates[1]", at, violations);
                }
                else
                {
                    violations.Add(at.Of("scope.coordinates"), "is required");
                }

                CheckMissingAnnotation(point.MissingAnnotationType, point.MissingAnnotationClass, point.Stationary, at, violations, allowUnlisted);
                CheckSensor(point.SensorId, at, violations);
                CheckInterval(point.Interval, at, violations, grader);
                CheckMembers(point.AdditionalProperties, at, violations);
                break;
            case FeedbackItemScopeScene scene:
                WrongKinds(scene, scene.AdditionalProperties, at, violations);
                CheckCategory(category, scene, grader);
                Text(scene.Attribute, "scope.attribute", at, violations);
                CheckInterval(scene.Interval, at, violations, grader);
                CheckMembers(scene.AdditionalProperties, at, violations);
                break;
            default:
                // An unknown scope type (read from JSON as FeedbackItemScopeUnknown) is kept when reading audits, but
                // Scale's create payload allows only the four shapes, and the grader could not place the item.
                violations.Add(at.Of("scope.type"), ValueSet.MustBe(ScaleWire.ScopeTypes, item.Scope.Type));
                break;
        }
    }

    // The scope schema follows from the category: missing annotations are placed by a point or polygon ("Missing error
    // where a point or polygon indicating the location of the error is not specified" is marked invalid); every other
    // category is about an existing annotation, except attribute, which may be about the scene.
    private static void CheckCategory(FeedbackItemCategory? category, FeedbackItemScope scope, Grader grader)
    {
        if (category is not { } c || !ScaleWire.Categories.Contains(c.ToString()))
        {
            return;
        }

        var isLocation = scope is FeedbackItemScopePoint or FeedbackItemScopePolygon;
        if (c == FeedbackItemCategory.Missing)
        {
            if (!isLocation)
            {
                grader.Add("scope.type", "must be 'point' or 'polygon' when category is 'missing'");
            }
        }
        else if (c == FeedbackItemCategory.Attribute)
        {
            if (scope is not (FeedbackItemScopeAnnotation or FeedbackItemScopeScene))
            {
                grader.Add("scope.type", "must be 'annotation' or 'scene' when category is 'attribute'");
            }
        }
        else if (scope is not FeedbackItemScopeAnnotation)
        {
            grader.Add("scope.type", $"must be 'annotation' when category is '{c}'");
        }
    }

    private static void CheckVertices(IReadOnlyList<Point2D>? vertices, ItemPath at, Violations violations, Grader grader)
    {
        if (vertices is null)
        {
            violations.Add(at.Of("scope.vertices"), "is required");
            return;
        }

        // The schema shows [[x0, y0], [x1, y1], [x2, y2], ...]: fewer points place no polygon.
        if (vertices.Count < 3)
        {
            grader.Add("scope.vertices", "must have at least 3 vertices");
        }

        for (var i = 0; i < vertices.Count; i++)
        {
            if (!double.IsFinite(vertices[i].X))
            {
                violations.Add(at.Of(Invariant($"scope.vertices[{i}][0]")), "must be a finite number");
            }

            if (!double.IsFinite(vertices[i].Y))
            {
                violations.Add(at.Of(Invariant($"scope.vertices[{i}][1]")), "must be a finite number");
            }
        }
    }

    private static void CheckMissingAnnotation(AnnotationType? type, string? annotationClass, bool? stationary, ItemPath at, Violations violations, ScaleValueSets allowUnlisted)
    {
        Required(type?.ToString(), "scope.missing_annotation_type", at, violations);
        Listed(type?.ToString(), ScaleWire.AnnotationTypes, ScaleValueSets.MissingAnnotationType, "scope.missing_annotation_type", at, violations, allowUnlisted);
        Text(type?.ToString(), "scope.missing_annotation_type", at, violations);
        Text(annotationClass, "scope.missing_annotation_class", at, violations);

        // Not optional in Scale's payload schema, though it only matters for cuboids.
        if (stationary is null)
        {
            violations.Add(at.Of("scope.stationary"), "is required");
        }
    }

    private static void CheckSensor(SensorId? sensorId, ItemPath at, Violations violations)
    {
        if (sensorId is { IsDefault: true })
        {
            violations.Add(at.Of("scope.sensor_id"), "must have a value when given");
        }
        else if (sensorId is { } given)
        {
            Text(given.ToString(), "scope.sensor_id", at, violations);
        }
    }

    // The scope converter keeps a documented member it cannot read ("stationary": "yes") among the scope's additional
    // properties, under its own name: it is refused by its kind, before any rule would call it missing.
    private static void WrongKinds(FeedbackItemScope scope, IDictionary<string, JsonElement>? members, ItemPath at, Violations violations)
    {
        if (members is { Count: > 0 })
        {
            JsonKindCheck.CheckKept(members, FixlessAuditShape.Scope, scope.Type, at.Of("scope"), violations);
        }
    }

    private static void CheckMembers(IDictionary<string, JsonElement>? members, ItemPath at, Violations violations)
    {
        if (members is { Count: > 0 })
        {
            violations.Json(members, at.Of("scope"));
        }
    }

    private static void CheckInterval(FeedbackItemInterval? interval, ItemPath at, Violations violations, Grader grader)
    {
        if (interval is null)
        {
            violations.Add(at.Of("scope.interval"), "is required");
            return;
        }

        // A frame of another kind is kept as it came ("start": "first"), and an interval type of another kind among
        // the interval's additional properties: Scale refuses both.
        if (interval.StartJson is { Number: null })
        {
            violations.WrongKind(at.Of("scope.interval.start"), JsonShape.Number.Rule);
        }

        if (interval.EndJson is { Number: null })
        {
            violations.WrongKind(at.Of("scope.interval.end"), JsonShape.Number.Rule);
        }

        if (interval.AdditionalProperties is { Count: > 0 } kept)
        {
            JsonKindCheck.CheckKept(kept, FixlessAuditShape.Interval, null, at.Of("scope.interval"), violations);
        }

        if (interval.Type != ScaleWire.IntervalFrameRange)
        {
            violations.Add(at.Of("scope.interval.type"), ValueSet.MustBe([ScaleWire.IntervalFrameRange], interval.Type));
        }

        CheckFrame(interval.Start, "scope.interval.start", at, violations, grader);
        CheckFrame(interval.End, "scope.interval.end", at, violations, grader);
        if (interval.AdditionalProperties is { Count: > 0 })
        {
            violations.Json(interval.AdditionalProperties, at.Of("scope.interval"));
        }

        if (interval is { Start: >= 0 and var start, End: >= 0 and var end } && double.IsFinite(start) && double.IsFinite(end) && start > end)
        {
            grader.Add("scope.interval.start", "must not be greater than end");
        }
    }

    // Frames are indexes: the schema says only "number", so a negative one is sent, but it names no frame.
    private static void CheckFrame(double? frame, string path, ItemPath at, Violations violations, Grader grader)
    {
        if (frame is null)
        {
            violations.Add(at.Of(path), "is required");
        }
        else if (!double.IsFinite(frame.Value))
        {
            // JSON has no NaN or infinity: the serializer would refuse it after the call began.
            violations.Add(at.Of(path), "must be a finite number");
        }
        else if (frame < 0)
        {
            grader.Add(path, "must not be negative");
        }
    }

    // These take the field rather than its path, so that a valid item (the common case) builds no path string.
    private static void Required(string? value, string field, ItemPath at, Violations violations)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            violations.Add(at.Of(field), "is required");
        }
    }

    /// <summary>
    /// Reports a value given outside its documented set: refused, or a warning when the app allows the set's unlisted
    /// values (one Scale added after this version). Returns whether the value may be sent; a blank value is left to the
    /// required-field rules.
    /// </summary>
    private static bool Listed(string? value, IReadOnlyList<string> documented, ScaleValueSets set, string field, ItemPath at, Violations violations, ScaleValueSets allowUnlisted)
    {
        if (string.IsNullOrWhiteSpace(value) || ValueSet.Contains(documented, value))
        {
            return true;
        }

        var allowed = (allowUnlisted & set) != 0;
        violations.Warn(at.Of(field), ValueSet.MustBe(documented, value), refuse: !allowed);
        return allowed;
    }

    private static void Text(string? value, string field, ItemPath at, Violations violations)
    {
        if (value is not null && !Violations.IsValidUtf16(value))
        {
            violations.Text(value, at.Of(field));
        }
    }

    private static void Finite(double value, string field, ItemPath at, Violations violations)
    {
        if (!double.IsFinite(value))
        {
            violations.Add(at.Of(field), "must be a finite number");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Reports a grader rule of one item: refused or a warning, as decided once for the item.</summary>
    private readonly struct Grader(ItemPath at, Violations violations, bool refuse)
    {
        public void Add(string field, string rule) => violations.Warn(at.Of(field), rule, refuse);
    }

    /// <summary>
    /// Where an item's fields are reported: under <c>feedback_items[i].</c> inside an audit, or relative to the item when
    /// it is validated alone. The full path is built only when a violation is found.
    /// </summary>
    internal readonly struct ItemPath(int? index)
    {
        public static ItemPath Alone => default;

        public string Of(string? field) => index is not { } i
            ? field ?? string.Empty
            : field is null ? Invariant($"feedback_items[{i}]") : Invariant($"feedback_items[{i}].{field}");
    }
}
