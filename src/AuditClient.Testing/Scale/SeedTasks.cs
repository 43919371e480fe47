using System.Globalization;
using System.Text.Json.Nodes;
using AuditClient.Testing.Http;

namespace AuditClient.Testing;

/// <summary>
/// The tasks the fake starts with: the example of Scale's task-audit documentation, and generated tasks covering
/// every status, several types, projects, batches and tags, and each review state (none, accepted, rejected with a
/// Scale audit before it, fixed once, fixed twice with the comments as an array). Deterministic for a seed.
/// </summary>
internal static class SeedTasks
{
    private static readonly string[] Types = ["imageannotation", "videoannotation", "sensorfusion", "lidarannotation"];
    private static readonly string[] Projects = ["fake_project_alpha", "fake_project_beta", "fake_project_gamma"];
    private static readonly string[] TagPool = ["urban", "highway", "night", "rain"];
    private static readonly string[] ErrorTypes = ["class", "geometry", "attribute", "extraneous", "missing", "other"];
    private static readonly DateTimeOffset Start = new(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The spec's example, field for field (its redacted e-mail addresses replaced with example.com ones).</summary>
    public static JsonObject Example() => JsonNode.Parse(
        """
        {
          "task_id": "576ba74eec471ff9b01557cc",
          "created_at": "2021-06-22T09:09:34.752Z",
          "completed_at": "2021-06-23T09:10:02.798Z",
          "updated_at": "2021-06-24T15:32:03.585Z",
          "type": "imageannotation",
          "status": "completed",
          "params": {},
          "response": { "category": "big" },
          "customer_review_status": "fixed",
          "customer_review_comments": "Was small, actually is big",
          "prior_responses": [ { "category": "small" } ],
          "is_customer_fix": true,
          "audits": [
            {
              "audited_by": "customer@example.com",
              "audited_at": "2021-06-24T15:32:03.585Z",
              "audit_time_secs": 120,
              "audit_result": "accepted",
              "audit_source": "customer"
            },
            {
              "audited_by": "customer@example.com",
              "audited_at": "2021-06-23T10:01:02.352Z",
              "audit_time_secs": 511,
              "audit_result": "fixed",
              "audit_source": "customer"
            }
          ]
        }
        """)!.AsObject();

    public static IEnumerable<JsonObject> Generate(int count, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return Generate(i, random);
        }
    }

    private static JsonObject Generate(int index, Random random)
    {
        var id = Hex(random, 12);
        var type = Types[index % Types.Length];
        var project = Projects[index % Projects.Length];
        var created = Start.AddHours(index * 7).AddMinutes(random.Next(60)).AddMilliseconds(random.Next(1000));
        var status = (index % 8) switch
        {
            5 => "pending",
            6 => "canceled",
            7 => "error",
            _ => "completed",
        };

        var task = new JsonObject
        {
            ["task_id"] = id,
            ["type"] = type,
            ["status"] = status,
            ["project"] = project,
            ["batch"] = $"{project}_batch_{(index / Projects.Length % 2) + 1}",
            ["created_at"] = FakeJson.Timestamp(created),
            ["params"] = new JsonObject { ["attachment"] = $"https://example.com/fake-assets/{id}.jpg" },
            ["metadata"] = new JsonObject { ["generated_index"] = index },
            ["tags"] = new JsonArray(TagPool.Where((_, t) => ((index >> t) & 1) == 1).Select(t => (JsonNode?)t).ToArray()),
        };
        if (index % 2 == 0)
        {
            task["unique_id"] = $"fake-unique-{index.ToString("D4", CultureInfo.InvariantCulture)}";
        }

        var updated = created.AddMinutes(5 + random.Next(600));
        if (status == "completed")
        {
            var completed = created.AddHours(1 + random.Next(48));
            task["completed_at"] = FakeJson.Timestamp(completed);
            task["response"] = Response(id, 1);
            updated = Review(task, index % 8, id, type, completed, random);
        }

        task["updated_at"] = FakeJson.Timestamp(updated);
        return task;
    }

    /// <summary>Adds the audit fields of one review state; returns the time of the latest change.</summary>
    private static DateTimeOffset Review(JsonObject task, int state, string id, string type, DateTimeOffset completed, Random random)
    {
        var first = completed.AddHours(2 + random.Next(24));
        var second = first.AddHours(1 + random.Next(24));
        var video = type == "videoannotation";
        switch (state)
        {
            case 1:
                task["customer_review_status"] = "accepted";
                task["customer_review_comments"] = "Looks good.";
                task["audits"] = new JsonArray(Audit("reviewer.one@example.com", first, "accepted", "customer", random, null));
                return first;
            case 2:
                task["customer_review_status"] = "rejected";
                task["customer_review_comments"] = "Boxes are loose and one label is wrong.";
                task["audits"] = new JsonArray(
                    Audit("reviewer.two@example.com", second, "rejected", "customer", random, Errors(random, 2 + random.Next(2), fixedIt: false, video)),
                    Audit("qa@scale.example.com", first, "accepted", "scale", random, null));
                return second;
            case 3:
                task["customer_review_status"] = "fixed";
                task["customer_review_comments"] = "Fixed the class of one object.";
                task["prior_responses"] = new JsonArray(Response(id, 0));
                task["is_customer_fix"] = true;
                task["response"] = Response(id, 2);
                task["audits"] = new JsonArray(Audit("reviewer.one@example.com", first, "fixed", "customer", random, Errors(random, 1, fixedIt: true, video)));
                return first;
            case 4:
                // Fixed through two audits: the comments become an array, the prior responses accumulate.
                task["customer_review_status"] = "fixed";
                task["customer_review_comments"] = new JsonArray("Fixed two boxes.", "Fixed a missing pedestrian.");
                task["prior_responses"] = new JsonArray(Response(id, 0), Response(id, 2));
                task["is_customer_fix"] = true;
                task["response"] = Response(id, 3);
                task["audits"] = new JsonArray(
                    Audit("reviewer.two@example.com", second, "fixed", "customer", random, Errors(random, 1, fixedIt: true, video)),
                    Audit("reviewer.one@example.com", first, "fixed", "customer", random, Errors(random, 2, fixedIt: true, video)));
                return second;
            default:
                return completed;
        }
    }

    /// <summary>One record of a task's <c>audits</c>, its audit time between 30 s and 30 s plus <paramref name="longest"/>.</summary>
    internal static JsonObject Audit(string by, DateTimeOffset at, string result, string source, Random random, JsonArray? errors, int longest = 600)
    {
        var seconds = 30 + random.Next(longest);
        var audit = new JsonObject
        {
            ["audited_by"] = by,
            ["audited_at"] = FakeJson.Timestamp(at),
            ["audit_time_secs"] = seconds,
            ["audit_active_time_secs"] = seconds - random.Next(Math.Min(seconds, 60)),
            ["audit_result"] = result,
            ["audit_source"] = source,
        };
        if (errors is not null)
        {
            audit["audit_per_annotation_errors"] = errors;
        }

        return audit;
    }

    private static JsonArray Errors(Random random, int count, bool fixedIt, bool video)
    {
        var errors = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var errorType = ErrorTypes[random.Next(ErrorTypes.Length)];
            var error = new JsonObject
            {
                ["uuid"] = Uuid(random),
                ["severity"] = random.Next(3) == 0 ? "critical" : "default",
                ["error_type"] = errorType,
                ["comment"] = $"{errorType} error found during the audit",
            };
            switch (errorType)
            {
                case "class":
                    error["original_label"] = "car";
                    error["audit_label"] = "truck";
                    break;
                case "geometry":
                    error["original_box"] = Box(random);
                    error["audit_box"] = Box(random);
                    break;
                case "attribute":
                    error["attribute"] = "occlusion";
                    break;
                case "missing":
                    error["is_without_annotation"] = true;
                    break;
                case "other":
                    error["label_index"] = random.Next(20);
                    error["pixel_location"] = new JsonArray(new JsonArray(random.Next(640), random.Next(480)), new JsonArray(random.Next(640), random.Next(480)));
                    break;
            }

            if (fixedIt)
            {
                error["is_fixed"] = true;
            }

            if (video)
            {
                error["frame_num"] = random.Next(120);
            }

            if (random.Next(2) == 0)
            {
                error["tagged_reasons"] = new JsonArray("loose_fit", "wrong_class");
            }

            errors.Add((JsonNode)error);
        }

        return errors;
    }

    private static JsonObject Box(Random random) => new()
    {
        ["left"] = random.Next(600),
        ["top"] = random.Next(400),
        ["width"] = 10 + random.Next(200),
        ["height"] = 10 + random.Next(200),
        ["rotation"] = Math.Round(random.NextDouble() * 0.5, 3),
    };

    private static JsonObject Response(string id, int version) =>
        new() { ["annotations"] = new JsonObject { ["url"] = $"https://example.com/fake-responses/{id}/annotations-v{version}.json" } };

    private static string Uuid(Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private static string Hex(Random random, int bytes)
    {
        var buffer = new byte[bytes];
        random.NextBytes(buffer);
        return Convert.ToHexString(buffer).ToLowerInvariant();
    }
}
