using System.Text.Json.Nodes;
using AuditClient.Core.Wire;
using AuditClient.Testing.Http;

namespace AuditClient.Testing;

/// <summary>
/// Fixless audits: <c>PUT /v1/audits</c> and <c>GET /v1/audits</c>, and the processing Scale does after a creation.
/// A new audit is answered and stored as the guide's example shows it (<c>active: false</c>, items <c>open</c> without
/// <c>grader_output</c>); <see cref="AuditFakesOptions.GradingDelay"/> later, or at <see cref="GradePending"/>, the
/// fake's grader marks its items and the audit becomes its task's active one (the newest processed audit of a task is
/// the active one: "Only the latest Fixless Audit is considered", <c>active: whether this is the latest audit</c>).
/// </summary>
public sealed partial class ScaleFake
{
    // Audits not processed yet, oldest first, with when they are due (DateTimeOffset.MaxValue: only on demand).
    private readonly List<(JsonObject Audit, DateTimeOffset Due)> _pending = [];
    private readonly HashSet<string> _processed = new(StringComparer.Ordinal);

    /// <summary>
    /// Processes at once every fixless audit still waiting for Scale's processing, oldest first, whatever
    /// <see cref="AuditFakesOptions.GradingDelay"/> says: the grader marks its <c>error</c> items
    /// (<c>grader_output</c>), its <c>updated_at</c> becomes now, and the newest processed audit of each task becomes
    /// <c>active</c> (the task's other audits inactive).
    /// </summary>
    /// <returns>How many audits were processed.</returns>
    public int GradePending()
    {
        lock (_gate)
        {
            var now = _settings.Time.GetUtcNow();
            var due = _pending.ToList();
            _pending.Clear();
            foreach (var (audit, _) in due)
            {
                Process(audit, now);
            }

            return due.Count;
        }
    }

    /// <summary>
    /// Sets a fixless audit's <c>active</c> flag, as Scale may (an audit edited in LidarLite, a newer audit made the
    /// latest). True also makes the task's other audits inactive; false leaves them as they are, so a task can have no
    /// active audit. A later processed audit of the task becomes active again, as on Scale.
    /// </summary>
    /// <param name="auditId">The audit id, or its SRN.</param>
    /// <param name="active">The new value.</param>
    /// <exception cref="ArgumentException">No audit has this id.</exception>
    public void SetActive(string auditId, bool active)
    {
        ArgumentNullException.ThrowIfNull(auditId);
        lock (_gate)
        {
            ProcessDue();
            var audit = FindAudit(auditId);
            if (active)
            {
                foreach (var other in AuditsOfTask(FakeJson.String(audit, "task_id")))
                {
                    other["active"] = false;
                }
            }

            audit["active"] = active;
            Changed();
        }
    }

    /// <summary>
    /// Moves a feedback item to another <c>state</c>, as Scale's review does: <c>resolved</c> (fixed),
    /// <c>disputed</c> (Scale disagrees), <c>escalated</c> (the customer disagrees with the dispute), <c>rejected</c>
    /// (terminal), back to <c>open</c>, or any other value (Scale may add states). The item's and the audit's
    /// <c>updated_at</c> become now.
    /// </summary>
    /// <param name="auditId">The audit id, or its SRN.</param>
    /// <param name="itemId">The feedback item's <c>id</c>.</param>
    /// <param name="state">The new state, such as <c>resolved</c>; not empty.</param>
    /// <exception cref="ArgumentException">No audit or item has this id, or <paramref name="state"/> is empty.</exception>
    public void SetItemState(string auditId, string itemId, string state)
    {
        ArgumentNullException.ThrowIfNull(auditId);
        ArgumentNullException.ThrowIfNull(itemId);
        ArgumentException.ThrowIfNullOrWhiteSpace(state);
        lock (_gate)
        {
            ProcessDue();
            var audit = FindAudit(auditId);
            var item = (audit["feedback_items"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(i => FakeJson.String(i, "id") == itemId)
                ?? throw new ArgumentException($"Audit {auditId} has no feedback item with id {itemId}.", nameof(itemId));
            var now = FakeJson.Timestamp(_settings.Time.GetUtcNow());
            item["state"] = state;
            item["updated_at"] = now;
            audit["updated_at"] = now;
            Changed();
        }
    }

    internal FakeResponse CreateAudit(FakeRequest request)
    {
        if (Deny(request) is { } denied)
        {
            return denied;
        }

        // No error answer is documented for this call; a body that is not the JSON object of the documented
        // creation payload (FixlessAuditCreate, specs/scale-fixless-audits.txt line 218) is the one kind Scale cannot take.
        if (!FakeJson.TryParseObject(request.Body, out var body, out var parseError))
        {
            return Error(400, parseError);
        }

        // Absent required fields, closed sets and JSON types of the documented payload; see FixlessAuditSchema for each line.
        var problems = FixlessAuditSchema.Check(body);
        if (problems.Count > 0)
        {
            return Error(400, string.Join("; ", problems));
        }

        var taskId = FakeJson.String(body, "task_id")!;
        lock (_gate)
        {
            ProcessDue();
            var created = _settings.Time.GetUtcNow();
            if (!_tasks.TryGetValue(taskId, out var task))
            {
                if (!_settings.CreateMissingTasks || FakeJson.NonBlank(body, "task_id") is null)
                {
                    return TaskNotFound(taskId);
                }

                task = MissingTask(taskId, FakeJson.String(body, "target_response_url"), created);
            }

            var now = FakeJson.Timestamp(created);
            var id = _ids.Next();
            var audit = new JsonObject
            {
                ["id"] = id,
                ["srn"] = ScaleWire.AuditSrnPrefix + id,
                ["type"] = ScaleWire.FixlessAuditType,
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

            // As in the guide's create answer: not active until processed (see the class summary).
            audit["active"] = false;
            audit["source"] = ScaleWire.SourceApi;
            audit["created_by"] = _settings.ScaleUserId;
            audit["created_at"] = now;
            audit["updated_at"] = now;

            StoreAudit(audit);
            _pending.Add((audit, DueAt(created)));
            return FakeResponse.Json(201, audit);
        }
    }

    internal FakeResponse ListAudits(FakeRequest request)
    {
        if (Deny(request) is { } denied)
        {
            return denied;
        }

        // Line 215: "https://api.scale.com/v1/audits/?task_id=xxx&id=yyy" # provide task id or audit id.
        var taskId = NonBlank(request.Query["task_id"].ToString());
        var auditId = NonBlank(request.Query["id"].ToString());
        if (taskId is null && auditId is null)
        {
            return Error(400, "task_id or id is required.");
        }

        if (auditId is not null && auditId.StartsWith(ScaleWire.AuditSrnPrefix, StringComparison.Ordinal))
        {
            auditId = auditId[ScaleWire.AuditSrnPrefix.Length..];
        }

        lock (_gate)
        {
            ProcessDue();
            var found = (taskId is null ? _audits : AuditsOfTask(taskId))
                .Where(a => auditId is null || FakeJson.String(a, "id") == auditId)
                .Select(a => (JsonNode?)a.DeepClone());
            return FakeResponse.Json(200, new JsonArray(found.ToArray()));
        }
    }

    /// <summary>Processes the audits whose delay has passed, each as of its due time. Call holding the lock.</summary>
    private void ProcessDue()
    {
        if (_pending.Count == 0)
        {
            return;
        }

        var now = _settings.Time.GetUtcNow();
        var due = _pending.Where(p => p.Due <= now).ToList();
        _pending.RemoveAll(p => p.Due <= now);
        foreach (var (audit, at) in due)
        {
            Process(audit, at);
        }
    }

    private void Process(JsonObject audit, DateTimeOffset at)
    {
        foreach (var item in (audit["feedback_items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            item["grader_output"] = FakeGrader.Grade(item);
        }

        audit["updated_at"] = FakeJson.Timestamp(at);
        _processed.Add(FakeJson.String(audit, "id")!);

        // The newest processed audit of the task is the latest, hence the active one; the others are not.
        var ofTask = AuditsOfTask(FakeJson.String(audit, "task_id"));
        var latest = ofTask.Last(a => _processed.Contains(FakeJson.String(a, "id")!));
        foreach (var other in ofTask)
        {
            other["active"] = ReferenceEquals(other, latest);
        }

        Changed();
    }

    /// <summary>
    /// The task <see cref="AuditFakesOptions.CreateMissingTasks"/> creates for an audit of an unknown task: completed
    /// now, its response the one the audit names (the guide: <c>target_response_url</c> is "from
    /// task.response.annotations.url"). Call holding the lock.
    /// </summary>
    private JsonObject MissingTask(string taskId, string? responseUrl, DateTimeOffset now)
    {
        var task = new JsonObject { ["task_id"] = taskId, ["status"] = "completed" };
        if (responseUrl is not null)
        {
            task["response"] = new JsonObject { ["annotations"] = new JsonObject { ["url"] = responseUrl } };
        }

        var prepared = PrepareTask(task, now);
        Upsert(prepared);
        return prepared;
    }

    private DateTimeOffset DueAt(DateTimeOffset created)
    {
        var delay = _settings.GradingDelay;
        return delay == Timeout.InfiniteTimeSpan || DateTimeOffset.MaxValue - created < delay ? DateTimeOffset.MaxValue : created + delay;
    }

    private JsonObject FindAudit(string auditId)
    {
        var id = auditId.StartsWith(ScaleWire.AuditSrnPrefix, StringComparison.Ordinal) ? auditId[ScaleWire.AuditSrnPrefix.Length..] : auditId;
        return _audits.FirstOrDefault(a => FakeJson.String(a, "id") == id)
            ?? throw new ArgumentException($"No fixless audit has the id {auditId}.", nameof(auditId));
    }

    private JsonObject StoreFeedbackItem(JsonObject item, string now)
    {
        var stored = new JsonObject
        {
            ["id"] = _ids.Next(),
            ["type"] = FakeJson.String(item, "type"),

            // "state does not need to be included in the Fixless Audit creation payload. Newly created Feedback Items
            // are defaulted to state: open": whatever a payload carries, a new item starts open.
            ["state"] = ScaleWire.StateOpen,
            ["scope"] = item["scope"]!.DeepClone(),
        };
        FakeJson.CopyIfPresent(item, stored, "category");
        FakeJson.CopyIfPresent(item, stored, "severity");
        FakeJson.CopyIfPresent(item, stored, "description");
        FakeJson.CopyIfPresent(item, stored, "metadata");

        // No grader_output yet: "computed after the Fixless Audit is submitted and may not be available for a few minutes".
        stored["updated_at"] = now;
        stored["updated_by"] = _settings.ScaleUserId;
        return stored;
    }

    private static string? NonBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
