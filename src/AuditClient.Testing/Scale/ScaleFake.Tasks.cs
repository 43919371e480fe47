using System.Text.Json.Nodes;
using AuditClient.Testing.Http;

namespace AuditClient.Testing;

/// <summary>Tasks: <c>GET /v1/task/{task_id}</c>, <c>GET /v1/tasks</c> and <c>POST /v1/task/{task_id}/audit</c>.</summary>
public sealed partial class ScaleFake
{
    internal FakeResponse ServeTask(FakeRequest request)
    {
        if (Deny(request) is { } denied)
        {
            return denied;
        }

        lock (_gate)
        {
            return _tasks.TryGetValue(request.ResourceId!, out var task) ? FakeResponse.Json(200, task) : TaskNotFound(request.ResourceId!);
        }
    }

    internal FakeResponse ListTasks(FakeRequest request)
    {
        if (Deny(request) is { } denied)
        {
            return denied;
        }

        // Not in specs/: the task listing (its parameters, limit and next_token) and any error it answers are not in the
        // vendor documents this project holds, so the fake never answers 400 here; TaskQuery.Parse says how each
        // parameter it cannot read is taken instead (clamped, ignored, or an empty last page).
        var query = TaskQuery.Parse(request.Query, _settings.DefaultTaskPageSize);

        lock (_gate)
        {
            var matching = _tasks.Values
                .Where(query.Matches)
                .Select(task => (Key: PageKey.Of(task), Task: task))
                .Order(Comparer<(PageKey Key, JsonObject Task)>.Create((a, b) => PageKey.Compare(a.Key, b.Key)))
                .ToList();
            var rest = query.UnknownToken ? []
                : query.After is { } after ? matching.Where(m => PageKey.Compare(m.Key, after) > 0).ToList()
                : matching;
            var page = rest.Take(query.Limit).ToList();
            var hasMore = rest.Count > page.Count;
            var answer = new JsonObject
            {
                ["docs"] = new JsonArray(page.Select(p => (JsonNode?)p.Task.DeepClone()).ToArray()),
                ["total"] = matching.Count,
                ["limit"] = query.Limit,
                ["has_more"] = hasMore,
                ["next_token"] = hasMore ? page[^1].Key.Encode() : null,
            };
            return FakeResponse.Json(200, answer);
        }
    }

    /// <summary>
    /// Accepts or rejects a completed task: a customer audit record goes first in <c>audits</c> (most recent first),
    /// <c>customer_review_status</c> takes the result and <c>customer_review_comments</c> the comments of this audit.
    /// </summary>
    internal FakeResponse AuditTask(FakeRequest request)
    {
        if (Deny(request) is { } denied)
        {
            return denied;
        }

        var taskId = request.ResourceId!;
        lock (_gate)
        {
            if (!_tasks.TryGetValue(taskId, out var task))
            {
                return TaskNotFound(taskId);
            }

            // specs/scale-task-audits.txt line 3: "When a task has been completed, it can be audited." The fake's one 400 here.
            if (FakeJson.String(task, "status") != "completed")
            {
                return Error(400, $"Task {taskId} is {FakeJson.String(task, "status")}: only a completed task can be audited.");
            }

            // Not in specs/: the accept/reject call and its body ({"accepted": bool, "comments"?: string}) are not in the
            // vendor documents this project holds, so a body the fake cannot read is not refused. A body that is not a
            // JSON object, or whose "accepted" is not a JSON boolean, carries no outcome: nothing is recorded and the
            // task is answered unchanged (200), rather than the fake inventing an accept or a reject. A "comments" that
            // is not a string is taken as absent (customer_review_comments is documented as a string).
            var body = FakeJson.TryParseObject(request.Body, out var parsed, out _) ? parsed : new JsonObject();
            if (!FakeJson.IsBoolean(body["accepted"]))
            {
                return FakeResponse.Json(200, task);
            }

            var now = FakeJson.Timestamp(_settings.Time.GetUtcNow());
            var result = body["accepted"]!.GetValue<bool>() ? "accepted" : "rejected";
            var record = new JsonObject
            {
                ["audited_by"] = _settings.ScaleUserEmail,
                ["audited_at"] = now,
                ["audit_time_secs"] = 0,
                ["audit_active_time_secs"] = 0,
                ["audit_result"] = result,
                ["audit_source"] = "customer",
            };
            var audits = new JsonArray(record);
            if (task["audits"] is JsonArray earlier)
            {
                foreach (var old in earlier)
                {
                    audits.Add(old?.DeepClone());
                }
            }

            task["audits"] = audits;
            task["customer_review_status"] = result;
            if (FakeJson.String(body, "comments") is { } text)
            {
                task["customer_review_comments"] = text;
            }
            else
            {
                task.Remove("customer_review_comments");
            }

            task["updated_at"] = now;
            Changed();
            return FakeResponse.Json(200, task);
        }
    }
}
