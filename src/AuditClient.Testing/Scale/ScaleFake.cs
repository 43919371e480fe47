using System.Text;
using System.Text.Json.Nodes;
using AuditClient.Testing.Http;
using Microsoft.Net.Http.Headers;

namespace AuditClient.Testing;

/// <summary>
/// The fake Scale API: tasks with their audit fields and fixless audits, kept in memory. Seed tasks with
/// <see cref="AddTask(JsonObject)"/>; read what the code under test stored with <see cref="Audits"/> and
/// <see cref="GetTask(string)"/>. Everything returned is a copy. Thread-safe.
/// </summary>
public sealed partial class ScaleFake
{
    /// <summary>The id of the task of Scale's task-audit documentation, seeded unless <see cref="AuditFakesOptions.SeedExampleTask"/> is off.</summary>
    public const string ExampleTaskId = "576ba74eec471ff9b01557cc";

    private const string BasicScheme = "Basic ";

    private readonly object _gate = new();
    private readonly Dictionary<string, JsonObject> _tasks = new(StringComparer.Ordinal);
    private readonly List<string> _taskOrder = [];
    private readonly List<JsonObject> _audits = [];

    // The audits of each task, oldest first: a listing by task_id must not scan every audit of a large project.
    private readonly Dictionary<string, List<JsonObject>> _auditsByTask = new(StringComparer.Ordinal);
    private readonly FakeSettings _settings;
    private readonly FakeIds _ids;
    private long _version;

    internal ScaleFake(FakeSettings settings)
    {
        _settings = settings;
        _ids = new FakeIds(settings.Time);
    }

    /// <summary>Every task, in the order added (seeded ones first).</summary>
    public IReadOnlyList<JsonObject> Tasks
    {
        get
        {
            lock (_gate)
            {
                return FakeJson.CloneAll(_taskOrder.Select(id => _tasks[id]));
            }
        }
    }

    /// <summary>
    /// Every fixless audit created, oldest first, as <c>GET /v1/audits</c> returns them (those whose
    /// <see cref="AuditFakesOptions.GradingDelay"/> has passed processed first).
    /// </summary>
    public IReadOnlyList<JsonObject> Audits
    {
        get
        {
            lock (_gate)
            {
                ProcessDue();
                return FakeJson.CloneAll(_audits);
            }
        }
    }

    /// <summary>
    /// Adds a task, or replaces the task with the same <c>task_id</c>. Fields left out get defaults: a generated
    /// <c>task_id</c>, <c>status</c> <c>completed</c>, <c>type</c> <c>imageannotation</c>, <c>created_at</c> now,
    /// <c>completed_at</c> now for a completed task, <c>updated_at</c> the latest of those. Any other field (audits,
    /// <c>customer_review_status</c>, <c>project</c>, <c>tags</c>...) is served as given.
    /// </summary>
    /// <param name="task">The task as Scale would return it; copied, so later changes to it change nothing.</param>
    /// <returns>The task id.</returns>
    /// <exception cref="ArgumentException"><c>task_id</c> is not a non-empty string, or a timestamp is not ISO 8601.</exception>
    public string AddTask(JsonObject task)
    {
        ArgumentNullException.ThrowIfNull(task);
        var prepared = PrepareTask(task, _settings.Time.GetUtcNow());
        lock (_gate)
        {
            Upsert(prepared);
        }

        return FakeJson.String(prepared, "task_id")!;
    }

    /// <summary>The task with this id, or <see langword="null"/>.</summary>
    /// <param name="taskId">The task id.</param>
    /// <returns>A copy of the task.</returns>
    public JsonObject? GetTask(string taskId)
    {
        lock (_gate)
        {
            return _tasks.TryGetValue(taskId, out var task) ? task.DeepClone().AsObject() : null;
        }
    }

    /// <summary>The fixless audits of a task, oldest first, as <see cref="Audits"/>.</summary>
    /// <param name="taskId">The task id.</param>
    /// <returns>Copies of the audits; empty when there are none.</returns>
    public IReadOnlyList<JsonObject> AuditsOf(string taskId)
    {
        lock (_gate)
        {
            ProcessDue();
            return FakeJson.CloneAll(AuditsOfTask(taskId));
        }
    }

    /// <summary>
    /// How many changes the stored state has had (tasks, audits, grading, item states): a saver compares it with the
    /// value it last saved.
    /// </summary>
    internal long Version => Interlocked.Read(ref _version);

    internal void Seed(IEnumerable<JsonObject> tasks)
    {
        var now = _settings.Time.GetUtcNow();
        lock (_gate)
        {
            foreach (var task in tasks)
            {
                Upsert(PrepareTask(task, now));
            }
        }
    }

    private JsonObject PrepareTask(JsonObject task, DateTimeOffset now)
    {
        string id;
        if (task.ContainsKey("task_id"))
        {
            id = FakeJson.NonBlank(task, "task_id") ?? throw new ArgumentException("task_id must be a non-empty string.", nameof(task));
        }
        else
        {
            id = _ids.Next();
        }

        // task_id first, as Scale writes it, then the fields as given.
        var prepared = new JsonObject { ["task_id"] = id };
        foreach (var (name, value) in task)
        {
            if (name != "task_id")
            {
                prepared[name] = value?.DeepClone();
            }
        }

        prepared["status"] ??= "completed";
        prepared["type"] ??= "imageannotation";
        var created = TimestampOrDefault(prepared, "created_at", now);
        var latest = created;
        if (FakeJson.String(prepared, "status") == "completed" || prepared.ContainsKey("completed_at"))
        {
            var completed = TimestampOrDefault(prepared, "completed_at", now > created ? now : created);
            latest = completed > latest ? completed : latest;
        }

        TimestampOrDefault(prepared, "updated_at", latest);
        return prepared;
    }

    private static DateTimeOffset TimestampOrDefault(JsonObject task, string name, DateTimeOffset fallback)
    {
        if (!task.ContainsKey(name))
        {
            task[name] = FakeJson.Timestamp(fallback);
            return fallback;
        }

        return FakeJson.TryParseTimestamp(FakeJson.String(task, name), out var time)
            ? time
            : throw new ArgumentException($"{name} must be an ISO 8601 timestamp string.", nameof(task));
    }

    private void Upsert(JsonObject task)
    {
        var id = FakeJson.String(task, "task_id")!;
        if (!_tasks.ContainsKey(id))
        {
            _taskOrder.Add(id);
        }

        _tasks[id] = task;
        Changed();
    }

    private void Changed() => Interlocked.Increment(ref _version);

    private List<JsonObject> AuditsOfTask(string? taskId) =>
        taskId is not null && _auditsByTask.TryGetValue(taskId, out var audits) ? audits : [];

    /// <summary>Stores an audit, last of its task's. Call holding the lock.</summary>
    private void StoreAudit(JsonObject audit)
    {
        var taskId = FakeJson.String(audit, "task_id")!;
        _audits.Add(audit);
        if (!_auditsByTask.TryGetValue(taskId, out var ofTask))
        {
            _auditsByTask[taskId] = ofTask = [];
        }

        ofTask.Add(audit);
        Changed();
    }

    /// <summary>
    /// Scale's authentication, checked exactly as documented: HTTP Basic with the API key as user name and an empty
    /// password (specs/scale-fixless-audits.txt line 211 <c>auth=(API_KEY, '')</c>, line 339 <c>HTTPBasicAuth('{{ApiKey}}', '') # No password</c>).
    /// A wrong key and a non-empty password are both 401, as a wrong key.
    /// </summary>
    private FakeResponse? Deny(FakeRequest request)
    {
        var header = request.Headers[HeaderNames.Authorization].ToString();
        if (!header.StartsWith(BasicScheme, StringComparison.OrdinalIgnoreCase)
            || !TryDecodeCredentials(header[BasicScheme.Length..].Trim(), out var user, out var password))
        {
            return Error(401, "Please provide your API key with HTTP Basic authentication: the key as user name, an empty password.");
        }

        if (!string.Equals(user, _settings.ScaleApiKey, StringComparison.Ordinal))
        {
            return Error(401, "Invalid API key.");
        }

        return password.Length == 0 ? null : Error(401, "Invalid API key: the password must be empty (the key is the user name).");
    }

    // RFC 7617: base64 of "user-id:password"; without the colon the credentials are malformed.
    private static bool TryDecodeCredentials(string encoded, out string user, out string password)
    {
        user = password = string.Empty;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return false;
            }

            user = text[..colon];
            password = text[(colon + 1)..];
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static FakeResponse Error(int status, string message) => FakeResponse.Error(FakeVendor.Scale, status, message);

    private static FakeResponse TaskNotFound(string taskId) => Error(404, $"No task found with id {taskId}");
}
