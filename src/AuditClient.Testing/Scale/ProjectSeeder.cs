using System.Globalization;
using System.Text.Json.Nodes;
using AuditClient.Core.Wire;
using AuditClient.Testing.Http;

namespace AuditClient.Testing;

/// <summary>
/// Generates the project of <see cref="FakeProjectSeed"/>: tasks, their task audits, and graded fixless audits, all
/// in the vendors' wire shapes. Quality is drawn from a small model, so that a report has differences to show: each
/// labeling vendor has a base error rate, a trend per week and the categories it errs in; each worker a skill factor;
/// each task type a difficulty; each auditor a share of items the grader will mark (built to break one of the guide's
/// rules, then graded by <see cref="FakeGrader"/> like any other item). Deterministic for a seed.
/// </summary>
internal static class ProjectSeeder
{
    // Category order: missing, extraneous, geometry, position, attribute, label.
    private static readonly string[] Categories =
    [
        ScaleWire.CategoryMissing, ScaleWire.CategoryExtraneous, ScaleWire.CategoryGeometry,
        ScaleWire.CategoryPosition, ScaleWire.CategoryAttribute, ScaleWire.CategoryLabel,
    ];

    private static readonly VendorModel[] Vendors =
    [
        new("northwind_labeling", "northwind.example.com", Share: 40, ErrorsPerTask: 0.9, TrendPerWeek: -0.04, CategoryWeights: [10, 10, 35, 25, 10, 10], Workers: 8),
        new("bluepeak_annotation", "bluepeak.example.com", Share: 35, ErrorsPerTask: 1.5, TrendPerWeek: 0.0, CategoryWeights: [40, 15, 15, 10, 10, 10], Workers: 10),
        new("redfern_data", "redfern.example.com", Share: 25, ErrorsPerTask: 2.2, TrendPerWeek: 0.05, CategoryWeights: [10, 10, 10, 10, 30, 30], Workers: 6),
    ];

    private static readonly (string Type, int Weight, double Difficulty)[] TaskTypes =
    [
        ("imageannotation", 45, 1.0), ("videoannotation", 25, 1.3), ("sensorfusion", 20, 1.5), ("lidarannotation", 10, 1.2),
    ];

    // The customer's auditors: user id (fixless audits), e-mail (task audits), share of items built to conflict.
    private static readonly (string UserId, string Email, double ConflictShare)[] Auditors =
    [
        ("user_auditor_000001", "ana.auditor@customer.example.com", 0.03),
        ("user_auditor_000002", "ben.auditor@customer.example.com", 0.05),
        ("user_auditor_000003", "chloe.auditor@customer.example.com", 0.04),
        ("user_auditor_000004", "dev.auditor@customer.example.com", 0.25),
    ];

    private static readonly string[] TagPool = ["urban", "highway", "night", "rain", "snow", "parking_lot"];
    private static readonly string[] Labels = ["car", "truck", "pedestrian", "cyclist", "bus", "traffic_sign"];
    private static readonly string[] Attributes = ["occlusion", "truncation", "is_parked", "color"];
    private static readonly string[] TaskErrorTypes = ["class", "geometry", "attribute", "extraneous", "missing", "other"];

    public static (List<JsonObject> Tasks, List<JsonObject> Audits) Generate(FakeProjectSeed project, int seed)
    {
        var random = new Random(unchecked((seed * 397) ^ StableHash(project.Name)));
        var workerSkill = Vendors.Select(v => Enumerable.Range(0, v.Workers).Select(w => Skill(w, random)).ToArray()).ToArray();
        var tasks = new List<JsonObject>(project.TaskCount);
        var audits = new List<JsonObject>(project.TaskCount * 2 / 3);
        for (var i = 0; i < project.TaskCount; i++)
        {
            var generator = new TaskGenerator(project, random, i);
            tasks.Add(generator.Task(workerSkill, audits));
        }

        return (tasks, audits);
    }

    // Two workers of each vendor stand out: the first is careful, the second careless; the rest vary around 1.
    private static double Skill(int worker, Random random) => worker switch
    {
        0 => 0.45,
        1 => 2.1,
        _ => 0.7 + (random.NextDouble() * 0.7),
    };

    // FNV-1a: string.GetHashCode differs between processes, and the project must not.
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash);
    }

    private sealed record VendorModel(string Name, string Domain, int Share, double ErrorsPerTask, double TrendPerWeek, int[] CategoryWeights, int Workers);

    /// <summary>One task and what its auditors did with it.</summary>
    private sealed class TaskGenerator(FakeProjectSeed project, Random random, int index)
    {
        public JsonObject Task(double[][] workerSkill, List<JsonObject> audits)
        {
            var week = (int)((long)index * project.Weeks / Math.Max(1, project.TaskCount));
            var created = project.Start.AddDays(week * 7).AddSeconds(random.Next(7 * 24 * 3600)).AddMilliseconds(random.Next(1000));
            var batch = (week * project.BatchesPerWeek) + random.Next(project.BatchesPerWeek) + 1;
            var (type, difficulty) = PickType();

            // Every seventh batch is of night scenes, harder for everyone: a report by batch has outliers to show.
            var night = batch % 7 == 3;
            if (night)
            {
                difficulty *= 1.8;
            }

            var vendorIndex = PickVendor();
            var vendor = Vendors[vendorIndex];
            var worker = random.Next(vendor.Workers);
            var id = Hex(12);
            var status = random.Next(100) switch
            {
                < 93 => "completed",
                < 96 => "pending",
                < 98 => "canceled",
                _ => "error",
            };

            var task = new JsonObject
            {
                ["task_id"] = id,
                ["type"] = type,
                ["status"] = status,
                ["project"] = project.Name,
                ["batch"] = string.Create(CultureInfo.InvariantCulture, $"{project.Name}_batch_{batch:D3}"),
                ["created_at"] = FakeJson.Timestamp(created),
                ["unique_id"] = string.Create(CultureInfo.InvariantCulture, $"{project.Name}-{index + 1:D6}"),
                ["params"] = new JsonObject { ["attachment"] = $"https://example.com/fake-assets/{project.Name}/{id}.jpg" },
                ["metadata"] = new JsonObject
                {
                    ["vendor"] = vendor.Name,
                    ["worker_id"] = string.Create(CultureInfo.InvariantCulture, $"worker{worker + 1:D2}@{vendor.Domain}"),
                },
                ["tags"] = new JsonArray(TagPool.Where(t => night ? t == "night" : t != "night" && random.Next(4) == 0).Select(t => (JsonNode?)t).ToArray()),
            };

            var updated = created.AddMinutes(5 + random.Next(120));
            if (status == "completed")
            {
                var completed = created.AddMinutes(30 + random.Next(72 * 60));
                task["completed_at"] = FakeJson.Timestamp(completed);
                task["response"] = Response(id, 1);

                // The errors this task holds: the vendor's rate, its trend over the weeks, the worker, the task type.
                var trend = Math.Max(0.2, 1 + (vendor.TrendPerWeek * week));
                var expected = vendor.ErrorsPerTask * trend * workerSkill[vendorIndex][worker] * difficulty;
                updated = completed;
                if (random.Next(100) < 60)
                {
                    updated = Max(updated, FixlessAudits(task, vendor, expected, completed, audits));
                }

                if (random.Next(100) < 50)
                {
                    updated = Max(updated, TaskAudits(task, vendor, expected, completed));
                }
            }

            task["updated_at"] = FakeJson.Timestamp(updated);
            return task;
        }

        private (string Type, double Difficulty) PickType()
        {
            var roll = random.Next(TaskTypes.Sum(t => t.Weight));
            foreach (var (type, weight, difficulty) in TaskTypes)
            {
                if ((roll -= weight) < 0)
                {
                    return (type, difficulty);
                }
            }

            return (TaskTypes[0].Type, TaskTypes[0].Difficulty);
        }

        private int PickVendor()
        {
            var roll = random.Next(Vendors.Sum(v => v.Share));
            for (var v = 0; v < Vendors.Length; v++)
            {
                if ((roll -= Vendors[v].Share) < 0)
                {
                    return v;
                }
            }

            return 0;
        }

        /// <summary>One graded fixless audit, active; for some tasks an older one before it. Returns the latest change.</summary>
        private DateTimeOffset FixlessAudits(JsonObject task, VendorModel vendor, double expected, DateTimeOffset completed, List<JsonObject> audits)
        {
            var first = completed.AddMinutes(60 + random.Next(96 * 60));
            var reaudited = random.Next(100) < 10;
            if (reaudited)
            {
                // The first audit found more; the task was reworked and audited again.
                audits.Add(FixlessAudit(task, vendor, expected * 1.6, first, active: false));
                first = first.AddHours(4 + random.Next(72));
            }

            var latest = FixlessAudit(task, vendor, expected, first, active: true);
            audits.Add(latest);
            FakeJson.TryParseTimestamp(FakeJson.String(latest, "updated_at"), out var updated);
            return updated;
        }

        private JsonObject FixlessAudit(JsonObject task, VendorModel vendor, double expected, DateTimeOffset created, bool active)
        {
            var auditor = Auditors[random.Next(Auditors.Length)];
            var taskType = FakeJson.String(task, "type")!;
            var items = new JsonArray();
            var counted = 0;
            var errors = Poisson(expected);
            for (var e = 0; e < errors; e++)
            {
                var item = ErrorItem(vendor, taskType, auditor.ConflictShare, created, auditor.UserId);
                if (FakeJson.String(item, "severity") != ScaleWire.SeverityMild && item["grader_output"]?["conflict"]?.GetValue<bool>() == false)
                {
                    counted++;
                }

                items.Add((JsonNode)item);
            }

            // Items that do not count toward quality: comments, confirmations, flags.
            var others = random.Next(100) < 30 ? 1 + random.Next(2) : 0;
            for (var o = 0; o < others; o++)
            {
                items.Add((JsonNode)OtherItem(created, auditor.UserId));
            }

            var graded = created.AddMinutes(2 + random.Next(30));
            var id = Hex(12);
            var audit = new JsonObject
            {
                ["id"] = id,
                ["srn"] = ScaleWire.AuditSrnPrefix + id,
                ["type"] = ScaleWire.FixlessAuditType,
                ["task_id"] = FakeJson.String(task, "task_id"),
                ["task_type"] = taskType,
                ["result"] = counted > 0 ? "rejected" : "accepted",
                ["target_response"] = new JsonObject { ["url"] = task["response"]!["annotations"]!["url"]!.DeepClone() },
            };
            if (counted > 0)
            {
                audit["comments"] = string.Create(CultureInfo.InvariantCulture, $"{counted} error(s) above the SLA threshold.");
            }

            audit["feedback_items"] = items;
            audit["metadata"] = new JsonObject { ["audit_round"] = active ? 2 : 1 };
            audit["active"] = active;
            audit["source"] = random.Next(100) < 85 ? ScaleWire.SourceApi : "lidarlite";
            audit["created_by"] = auditor.UserId;
            audit["created_at"] = FakeJson.Timestamp(created);
            audit["updated_at"] = FakeJson.Timestamp(graded);
            return audit;
        }

        private JsonObject ErrorItem(VendorModel vendor, string taskType, double conflictShare, DateTimeOffset at, string by)
        {
            var category = Categories[Weighted(vendor.CategoryWeights)];
            var conflict = random.NextDouble() < conflictShare;
            var severity = random.Next(100) switch
            {
                < 25 => ScaleWire.SeverityMild,
                < 85 => ScaleWire.SeverityStandard,
                _ => ScaleWire.SeveritySevere,
            };
            var item = new JsonObject
            {
                ["id"] = Hex(12),
                ["type"] = ScaleWire.ItemError,
                ["state"] = random.Next(100) switch
                {
                    < 45 => ScaleWire.StateOpen,
                    < 80 => ScaleWire.StateResolved,
                    < 90 => ScaleWire.StateDisputed,
                    < 95 => ScaleWire.StateEscalated,
                    _ => ScaleWire.StateRejected,
                },
                ["scope"] = Scope(category, taskType, conflict),
                ["category"] = category,
                ["severity"] = severity,
                ["description"] = $"{category} error",
                ["updated_at"] = FakeJson.Timestamp(at),
                ["updated_by"] = by,
            };
            item["grader_output"] = FakeGrader.Grade(item);
            return item;
        }

        private JsonObject OtherItem(DateTimeOffset at, string by)
        {
            var type = random.Next(3) switch
            {
                0 => ScaleWire.ItemComment,
                1 => ScaleWire.ItemConfirmation,
                _ => ScaleWire.ItemFlag,
            };
            var item = new JsonObject
            {
                ["id"] = Hex(12),
                ["type"] = type,
                ["state"] = ScaleWire.StateOpen,
                ["scope"] = new JsonObject
                {
                    ["type"] = ScaleWire.ScopeAnnotation,
                    ["annotation_id"] = "ann_" + Hex(4),
                    ["interval"] = Interval(),
                },
                ["description"] = type == ScaleWire.ItemFlag ? "please double-check" : "looks fine",
                ["updated_at"] = FakeJson.Timestamp(at),
                ["updated_by"] = by,
            };
            item["grader_output"] = FakeGrader.Grade(item);
            return item;
        }

        /// <summary>The scope the guide asks of the category; when <paramref name="conflict"/>, one that breaks its rule.</summary>
        private JsonObject Scope(string category, string taskType, bool conflict)
        {
            if (category == ScaleWire.CategoryMissing)
            {
                var missingType = taskType switch
                {
                    "sensorfusion" => "cuboid",
                    "lidarannotation" => "polygon_topdown",
                    _ => "box_2d",
                };
                var point = random.Next(2) == 0;
                var scope = point
                    ? new JsonObject { ["type"] = ScaleWire.ScopePoint, ["coordinates"] = new JsonArray(random.Next(1920), random.Next(1080)) }
                    : new JsonObject
                    {
                        ["type"] = ScaleWire.ScopePolygon,
                        ["vertices"] = new JsonArray(new JsonArray(10, 10), new JsonArray(60, 10), new JsonArray(60, 50), new JsonArray(10, 50)),
                    };
                if (!conflict)
                {
                    // Lines 76-81: a missing error names the type of the missing annotation.
                    scope["missing_annotation_type"] = missingType;
                }

                scope["stationary"] = random.Next(2) == 0;
                scope["missing_annotation_class"] = Labels[random.Next(Labels.Length)];
                scope["interval"] = Interval();
                return scope;
            }

            var annotation = new JsonObject { ["type"] = ScaleWire.ScopeAnnotation };
            if (!conflict || category == ScaleWire.CategoryAttribute)
            {
                // Line 189: without a valid annotation id an annotation error is invalid.
                annotation["annotation_id"] = "ann_" + Hex(4);
            }

            if (category == ScaleWire.CategoryAttribute && !conflict)
            {
                // Line 191: an attribute error names an attribute of the annotation.
                annotation["attribute"] = Attributes[random.Next(Attributes.Length)];
            }

            annotation["interval"] = Interval();
            return annotation;
        }

        private JsonObject Interval()
        {
            var start = random.Next(100);
            return new JsonObject { ["type"] = ScaleWire.IntervalFrameRange, ["start"] = start, ["end"] = start + random.Next(20) };
        }

        /// <summary>Customer task audits (<c>audits[]</c>), most recent first, and the review fields. Returns the latest change.</summary>
        private DateTimeOffset TaskAudits(JsonObject task, VendorModel vendor, double expected, DateTimeOffset completed)
        {
            var taskId = FakeJson.String(task, "task_id")!;
            var video = FakeJson.String(task, "type") == "videoannotation";
            var auditor = Auditors[random.Next(Auditors.Length)];
            var at = completed.AddMinutes(30 + random.Next(5 * 24 * 60));
            var records = new JsonArray();
            var errors = Poisson(expected * 0.8);
            string result;
            if (errors == 0)
            {
                result = "accepted";
                task["customer_review_comments"] = "Looks good.";
            }
            else if (random.Next(100) < 55)
            {
                result = "rejected";
                task["customer_review_comments"] = string.Create(CultureInfo.InvariantCulture, $"Rejected: {errors} annotation error(s).");
            }
            else
            {
                result = "fixed";
                task["customer_review_comments"] = string.Create(CultureInfo.InvariantCulture, $"Fixed {errors} annotation(s).");
                task["prior_responses"] = new JsonArray(Response(taskId, 0));
                task["is_customer_fix"] = true;
                task["response"] = Response(taskId, 2);
            }

            records.Add((JsonNode)SeedTasks.Audit(auditor.Email, at, result, "customer", random, errors == 0 ? null : Errors(vendor, errors, result == "fixed", video), longest: 900));
            if (random.Next(100) < 20)
            {
                // Scale's own QA looked first.
                records.Add((JsonNode)SeedTasks.Audit("qa@scale.example.com", completed.AddMinutes(10 + random.Next(20)), "accepted", "scale", random, null, longest: 900));
            }

            task["customer_review_status"] = result;
            task["audits"] = records;
            return at;
        }

        private JsonArray Errors(VendorModel vendor, int count, bool fixedIt, bool video)
        {
            // The task audit's error types follow the vendor's categories: missing, extraneous, geometry (and position),
            // attribute, class (label); a few "other".
            var errors = new JsonArray();
            for (var i = 0; i < count; i++)
            {
                var errorType = random.Next(10) == 0 ? "other" : Categories[Weighted(vendor.CategoryWeights)] switch
                {
                    ScaleWire.CategoryMissing => "missing",
                    ScaleWire.CategoryExtraneous => "extraneous",
                    ScaleWire.CategoryAttribute => "attribute",
                    ScaleWire.CategoryLabel => "class",
                    _ => "geometry",
                };
                var error = new JsonObject
                {
                    ["uuid"] = Uuid(),
                    ["severity"] = random.Next(5) == 0 ? "critical" : "default",
                    ["error_type"] = errorType,
                    ["comment"] = $"{errorType} error",
                };
                switch (errorType)
                {
                    case "class":
                        error["original_label"] = Labels[random.Next(Labels.Length)];
                        error["audit_label"] = Labels[random.Next(Labels.Length)];
                        break;
                    case "geometry":
                        error["original_box"] = Box();
                        error["audit_box"] = Box();
                        break;
                    case "attribute":
                        error["attribute"] = Attributes[random.Next(Attributes.Length)];
                        break;
                    case "missing":
                        error["is_without_annotation"] = true;
                        break;
                }

                if (fixedIt)
                {
                    error["is_fixed"] = true;
                }

                if (video)
                {
                    error["frame_num"] = random.Next(300);
                }

                if (random.Next(3) == 0)
                {
                    error["tagged_reasons"] = new JsonArray("loose_fit");
                }

                errors.Add((JsonNode)error);
            }

            return errors;
        }

        private JsonObject Box() => new()
        {
            ["left"] = random.Next(1800),
            ["top"] = random.Next(1000),
            ["width"] = 10 + random.Next(300),
            ["height"] = 10 + random.Next(300),
            ["rotation"] = 0,
        };

        private int Weighted(int[] weights)
        {
            var roll = random.Next(weights.Sum());
            for (var i = 0; i < weights.Length; i++)
            {
                if ((roll -= weights[i]) < 0)
                {
                    return i;
                }
            }

            return 0;
        }

        // Knuth's method: fine for the small means used here.
        private int Poisson(double mean)
        {
            var limit = Math.Exp(-mean);
            var count = 0;
            for (var product = random.NextDouble(); product > limit && count < 50; product *= random.NextDouble())
            {
                count++;
            }

            return count;
        }

        private string Hex(int bytes)
        {
            Span<byte> buffer = stackalloc byte[bytes];
            random.NextBytes(buffer);
            return Convert.ToHexString(buffer).ToLowerInvariant();
        }

        private string Uuid()
        {
            Span<byte> bytes = stackalloc byte[16];
            random.NextBytes(bytes);
            return new Guid(bytes).ToString();
        }

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

        private static JsonObject Response(string id, int version) =>
            new() { ["annotations"] = new JsonObject { ["url"] = $"https://example.com/fake-responses/{id}/annotations-v{version}.json" } };
    }
}
