namespace AuditClient.Testing;

/// <summary>
/// Settings of the fakes, read once by <see cref="AuditFakes.StartAsync(Action{AuditFakesOptions}?, CancellationToken)"/>:
/// changing them afterwards changes nothing.
/// </summary>
public sealed class AuditFakesOptions
{
    /// <summary>The only Scale API key the fake accepts (HTTP Basic, the key as user name). Default <c>scale_fake_test_key</c>.</summary>
    public string ScaleApiKey { get; set; } = "scale_fake_test_key";

    /// <summary>The only CloudFactory API key the fake accepts (<c>x-api-key</c>). Default <c>cloudfactory_fake_test_key</c>.</summary>
    public string CloudFactoryApiKey { get; set; } = "cloudfactory_fake_test_key";

    /// <summary>
    /// The page size of <c>GET /v1/tasks</c> when a request gives no <c>limit</c>. Between 1 and 100; default 100, as Scale.
    /// </summary>
    public int DefaultTaskPageSize { get; set; } = 100;

    /// <summary>
    /// Whether the task of Scale's task-audit documentation (<see cref="ScaleFake.ExampleTaskId"/>, completed, fixed by
    /// the customer, two audits) is seeded. Default <see langword="true"/>.
    /// </summary>
    public bool SeedExampleTask { get; set; } = true;

    /// <summary>
    /// How many generated tasks are seeded besides the example: various statuses, types, projects, batches, dates,
    /// tags and review states, with audits and per-annotation errors. Default 24.
    /// </summary>
    public int GeneratedTaskCount { get; set; } = 24;

    /// <summary>The seed of the task generator: the same seed gives the same tasks. Default 1.</summary>
    public int RandomSeed { get; set; } = 1;

    /// <summary>
    /// The clock of the timestamps the fakes write (<c>created_at</c>, <c>audited_at</c>...) and of
    /// <see cref="RecordedRequest.ReceivedAt"/>. Default <see cref="TimeProvider.System"/>. Injected delays
    /// (<see cref="FakeFault.Delay(TimeSpan)"/>) always use real time.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>
    /// How long after its creation a fixless audit is processed, on <see cref="TimeProvider"/>: its <c>error</c> items
    /// get <c>grader_output</c> and it becomes its task's <c>active</c> audit. Until then (and in the 201 answer) the
    /// audit is <c>active: false</c> and its items have no <c>grader_output</c>, as Scale's guide describes ("Grader
    /// outputs are computed after the Fixless Audit is submitted and may not be available for a few minutes").
    /// Default 2 minutes; <see cref="TimeSpan.Zero"/> processes an audit at the first request or read after its
    /// creation; <see cref="Timeout.InfiniteTimeSpan"/> only when a test calls <see cref="ScaleFake.GradePending"/>.
    /// With a <c>FakeTimeProvider</c>, advancing the clock past the delay processes the audit.
    /// </summary>
    public TimeSpan GradingDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>The Scale user the fake acts as: <c>created_by</c> of audits, <c>updated_by</c> of feedback items. Default <c>fake_user_000001</c>.</summary>
    public string ScaleUserId { get; set; } = "fake_user_000001";

    /// <summary>The e-mail address written as <c>audited_by</c> when a task is accepted or rejected. Default <c>auditor@example.com</c>.</summary>
    public string ScaleUserEmail { get; set; } = "auditor@example.com";

    /// <summary>
    /// The loopback port the fakes listen on: 0 (the default) takes a free one, which <see cref="AuditFakes.BaseAddress"/>
    /// then names. A port in use makes <see cref="AuditFakes.StartAsync(Action{AuditFakesOptions}?, CancellationToken)"/>
    /// throw <see cref="IOException"/>.
    /// </summary>
    public int Port { get; set; }

    /// <summary>
    /// A file that keeps the fakes' state (tasks, fixless audits with their grading, CloudFactory reviews) across
    /// restarts; <see langword="null"/> (the default) keeps it in memory only. When the file exists (and is not empty) the
    /// state is loaded from it and nothing is seeded; otherwise the seeded state is written to it at start. It is saved
    /// about every second after a change (less often for a state that takes long to write), at <see cref="AuditFakes.SaveStateAsync(CancellationToken)"/>, and when the
    /// fakes are disposed, each time whole to <c>FILE.tmp</c> and renamed over <c>FILE</c> (never a torn file). The fakes
    /// hold an exclusive lock on <c>FILE.lock</c> while they run: a second fakes server on the same file is refused with
    /// <see cref="IOException"/>. A file that is not such a state (another format, corrupt JSON) is refused with
    /// <see cref="InvalidDataException"/> and left as it is.
    /// </summary>
    public string? StatePath { get; set; }

    /// <summary>
    /// Whether a fixless audit (<c>PUT /v1/audits</c>) for a task the fakes do not have creates that task (completed,
    /// with the audit's <c>target_response_url</c> as its response) instead of answering 404, so that audits of your own
    /// task ids can be tried. Default <see langword="false"/>, as Scale.
    /// </summary>
    public bool CreateMissingTasks { get; set; }

    /// <summary>
    /// A realistic project to seed besides the other tasks: thousands of tasks over batches and weeks, with task audits,
    /// customer review states and graded fixless audits whose quality differs by vendor, worker, category and week.
    /// Deterministic for <see cref="RandomSeed"/>. Default <see langword="null"/> (none).
    /// </summary>
    public FakeProjectSeed? SeedProject { get; set; }

    /// <summary>
    /// Whether every request is kept for <see cref="AuditFakes.Requests"/> and <see cref="AuditFakes.RequestsTo(FakeEndpoint)"/>.
    /// Default <see langword="true"/>; a long-running server (such as <c>auditclient fakes serve</c>) turns it off so that
    /// its memory does not grow with every request. Off, those lists stay empty.
    /// </summary>
    public bool RecordRequests { get; set; } = true;
}
