namespace AuditClient.Testing;

/// <summary>The endpoints the fakes serve, for fault injection and request inspection.</summary>
public enum FakeEndpoint
{
    /// <summary>Scale <c>PUT /v1/audits</c>: create a fixless audit.</summary>
    ScaleCreateAudit,

    /// <summary>Scale <c>GET /v1/audits</c>: list fixless audits by task id and/or audit id.</summary>
    ScaleListAudits,

    /// <summary>Scale <c>GET /v1/task/{task_id}</c>: one task with its audit fields.</summary>
    ScaleGetTask,

    /// <summary>Scale <c>GET /v1/tasks</c>: the paged, filtered task listing.</summary>
    ScaleListTasks,

    /// <summary>Scale <c>POST /v1/task/{task_id}/audit</c>: accept or reject a task.</summary>
    ScaleAuditTask,

    /// <summary>CloudFactory <c>POST /v1/workstreams/{workstream_id}/task_reviewed</c>: submit a reviewed task.</summary>
    CloudFactoryTaskReviewed,
}
