using System.Text.Json.Nodes;
using AuditClient.Testing.Http;

namespace AuditClient.Testing;

/// <summary>Fixless audits: <c>PUT /v1/audits</c> and <c>GET /v1/audits</c>.</summary>
public sealed partial class ScaleFake
{
    private const string SrnPrefix = "srn:scale:avcv:audit:";

    internal FakeResponse CreateAudit(FakeRequest request)
    {
        if (Deny(request) is { } denied)
        {
            return denied;
        }

        if (!FakeJson.TryParseObject(request.Body, out var body, out var parseError))
        {
            return Error(400, parseError);
        }

        var problems = FixlessAuditRules.Check(body);
        if (problems.Count > 0)
        {
            return Error(400, string.Join("; ", problems));
        }

        var taskId = FakeJson.String(body, "task_id")!;
        lock (_gate)
        {
            if (!_tasks.TryGetValue(taskId, out var task))
            {
                return TaskNotFound(taskId);
            }

            var now = FakeJson.Timestamp(_settings.Time.GetUtcNow());
            var id = _ids.Next();
            var audit = new JsonObject
            {
                ["id"] = id,
                ["srn"] = SrnPrefix + id,
                ["type"] = "fixless",
                ["task_id"] = taskId,
            };
            if (FakeJson.String(task, "type") is { } taskType)
            {
                audit["task_type"] = taskType;
            }

            audit["result"] = FakeJson.String(body, "result");
            audit["target_response"] = new JsonObject { ["url"] = FakeJson.String(body, "target_response_url") };
            FakeJson.CopyIfPresent(body, audit, "comments");
            if (body["feedback_items"] is JsonArray items)
            {
                audit["feedback_items"] = new JsonArray(items.Select(item => (JsonNode?)StoreFeedbackItem(item!.AsObject(), now)).ToArray());
            }

            FakeJson.CopyIfPresent(body, audit, "metadata");
            audit["active"] = true;
            audit["source"] = "api";
            audit["created_by"] = _settings.ScaleUserId;
            audit["created_at"] = now;
            audit["updated_at"] = now;

            // Only the latest audit of a task counts (for quality scores): the earlier ones stop being active.
            foreach (var earlier in _audits.Where(a => FakeJson.String(a, "task_id") == taskId))
            {
                earlier["active"] = false;
            }

            _audits.Add(audit);
            return FakeResponse.Json(201, audit);
        }
    }

    internal FakeResponse ListAudits(FakeRequest request)
    {
        if (Deny(request) is { } denied)
        {
            return denied;
        }

        var taskId = NonBlank(request.Query["task_id"].ToString());
        var auditId = NonBlank(request.Query["id"].ToString());
        if (taskId is null && auditId is null)
        {
            return Error(400, "task_id or id is required.");
        }

        if (auditId is not null && auditId.StartsWith(SrnPrefix, StringComparison.Ordinal))
        {
            auditId = auditId[SrnPrefix.Length..];
        }

        lock (_gate)
        {
            var found = _audits
                .Where(a => taskId is null || FakeJson.String(a, "task_id") == taskId)
                .Where(a => auditId is null || FakeJson.String(a, "id") == auditId)
                .Select(a => (JsonNode?)a.DeepClone());
            return FakeResponse.Json(200, new JsonArray(found.ToArray()));
        }
    }

    private JsonObject StoreFeedbackItem(JsonObject item, string now)
    {
        var stored = new JsonObject
        {
            ["id"] = _ids.Next(),
            ["type"] = FakeJson.String(item, "type"),

            // Whatever state a creation payload carries, a new item starts open.
            ["state"] = "open",
            ["scope"] = item["scope"]!.DeepClone(),
        };
        FakeJson.CopyIfPresent(item, stored, "category");
        FakeJson.CopyIfPresent(item, stored, "severity");
        FakeJson.CopyIfPresent(item, stored, "description");
        FakeJson.CopyIfPresent(item, stored, "metadata");
        // The fake grades at once, so every item carries the grader's verdict, as Scale's do once graded.
        stored["grader_output"] = FakeGrader.FindConflict(item) is { } explanation
            ? new JsonObject { ["conflict"] = true, ["explanation"] = explanation }
            : new JsonObject { ["conflict"] = false };

        stored["updated_at"] = now;
        stored["updated_by"] = _settings.ScaleUserId;
        return stored;
    }

    private static string? NonBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
