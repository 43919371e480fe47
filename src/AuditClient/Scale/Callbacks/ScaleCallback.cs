using System.Text.Json;

namespace AuditClient.Scale;

/// <summary>A callback Scale posted to the task's <c>callback_url</c>, parsed by <see cref="ScaleCallbackReceiver"/>.</summary>
public sealed class ScaleCallback
{
    /// <summary>What happened: the task completed, or an audit accepted, rejected or fixed it.</summary>
    public required ScaleCallbackKind Kind { get; init; }

    /// <summary>The task, with its audit fields (<c>task</c> in the body). Its id is never null.</summary>
    public required ScaleTask Task { get; init; }

    /// <summary>The task's response (<c>response</c> in the body, else the task's own).</summary>
    public JsonElement? Response { get; init; }

    /// <summary>The task id.</summary>
    public string TaskId => Task.TaskId ?? string.Empty;

    /// <summary>The most recent audit of the task, when it has been audited.</summary>
    public TaskAudit? LatestAudit => Task.LatestAudit;
}
