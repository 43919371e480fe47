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

        // Not backed by specs/: the task listing (its parameters, limit and next_token) is not in the vendor documents
        // this project holds. Kept because a fake cannot serve a page for a limit out of range, a date it cannot read
        // or a token it never issued; see TaskQuery.
        if (!TaskQuery.TryParse(request.Query, _settings.DefaultTaskPageSize, out var query, out var error))
        {
            return Error(400, error);
        }

        lock (_gate)
        {
            var matching = _tasks.Values
                .Where(query.Matches)
                .Select(task => (Key: PageKey.Of(task), Task: task))
                .Order(Comparer<(PageKey Key, JsonObject Task)>.Create((a, b) => PageKey.Compare(a.Key, b.Key)))
                .ToList();
            var rest = query.After is { } after ? matching.Where(m => PageKey.Compare(m.Key, after) > 0).ToList() : matching;
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

            // Not backed by specs/: the accept/reject call and its body ({"accepted": bool, "comments"?: string}) are
            // not in the vendor documents this project holds; these three 400s refuse only a body the fake cannot read.
            if (!FakeJson.TryParseObject(request.Body, out var body, out var parseError))
            {
                return Error(400, parseError);
            }

            if (!FakeJson.IsBoolean(body["accepted"]))
            {
                return Error(400, "accepted is required and must be a boolean.");
            }

            if (body["comments"] is { } comments && comments.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                return Error(400, "comments must be a string.");
            }

            // specs/scale-task-audits.txt line 1: "When a task has been completed, it can be audited."
            if (FakeJson.String(task, "status") != "completed")
            {
                return Error(400, $"Task {taskId} is {FakeJson.String(task, "status")}: only a completed task can be audited.");
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
            return FakeResponse.Json(200, task);
        }
    }
}
