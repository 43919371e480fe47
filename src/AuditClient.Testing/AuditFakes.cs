using AuditClient.Testing.Http;

namespace AuditClient.Testing;

/// <summary>
/// In-process fakes of the Scale and CloudFactory APIs on 127.0.0.1, behaving as the vendors' documents describe
/// (never as the SDK's own checks): what is created is stored and listed back, Scale's grader marks fixless-audit items
/// some minutes later (<see cref="AuditFakesOptions.GradingDelay"/>, <see cref="ScaleFake.GradePending"/>), a body the
/// documented schema refuses gets a 400, wrong credentials a 401/403, unknown tasks a 404.
/// One call starts them and gives SDK clients pointed at them:
/// <code>
/// await using var fakes = await AuditFakes.StartAsync(cancellationToken);
/// var task = await fakes.Clients.ScaleTasks.GetTaskAsync(ScaleFake.ExampleTaskId, cancellationToken);
/// </code>
/// Thread-safe; dispose to stop the server.
/// </summary>
public sealed class AuditFakes : IAsyncDisposable
{
    private readonly FakeServer _server;
    private readonly RequestLog _log;
    private readonly Lazy<AuditClients> _clients;
    private readonly FakeStateFile? _state;
    private int _disposed;

    private AuditFakes(FakeServer server, FakeSettings settings, ScaleFake scale, CloudFactoryFake cloudFactory, FakeFaults faults, RequestLog log, FakeStateFile? state)
    {
        _state = state;
        _server = server;
        _log = log;
        Scale = scale;
        CloudFactory = cloudFactory;
        Faults = faults;
        ScaleApiKey = settings.ScaleApiKey;
        CloudFactoryApiKey = settings.CloudFactoryApiKey;
        _clients = new Lazy<AuditClients>(() => CreateClients(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The address of both fakes, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress => _server.BaseAddress;

    /// <summary>The Scale API key the fake accepts.</summary>
    public string ScaleApiKey { get; }

    /// <summary>The CloudFactory API key the fake accepts.</summary>
    public string CloudFactoryApiKey { get; }

    /// <summary>
    /// SDK clients for both vendors, pointed at the fakes with their keys and fast retries (see
    /// <see cref="CreateClients(Action{AuditClientOptions}?)"/>). Created on first use; disposed with the fakes.
    /// </summary>
    public AuditClients Clients
    {
        get
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            return _clients.Value;
        }
    }

    /// <summary>The fake Scale API: seed tasks, read the audits stored.</summary>
    public ScaleFake Scale { get; }

    /// <summary>The fake CloudFactory Quality API: read the reviews stored.</summary>
    public CloudFactoryFake CloudFactory { get; }

    /// <summary>Faults to arm per endpoint: 429s, 5xx, delays, connection resets.</summary>
    public FakeFaults Faults { get; }

    /// <summary>Every request received, in arrival order (faulted and refused ones included), credentials redacted.</summary>
    public IReadOnlyList<RecordedRequest> Requests => _log.Snapshot();

    /// <summary>Starts the fakes with the default options.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running fakes; dispose them when done.</returns>
    public static Task<AuditFakes> StartAsync(CancellationToken cancellationToken) => StartAsync(null, cancellationToken);

    /// <summary>Starts the fakes.</summary>
    /// <param name="configure">Sets the options: API keys, seeded tasks, page size, clock. Optional.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running fakes; dispose them when done.</returns>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    /// <exception cref="IOException">
    /// The state file (<see cref="AuditFakesOptions.StatePath"/>) is in use by other fakes, or cannot be read or written;
    /// or the port (<see cref="AuditFakesOptions.Port"/>) is in use.
    /// </exception>
    /// <exception cref="InvalidDataException">The state file is not a state of the fakes; it is left as it is.</exception>
    public static async Task<AuditFakes> StartAsync(Action<AuditFakesOptions>? configure = null, CancellationToken cancellationToken = default)
    {
        var options = new AuditFakesOptions();
        configure?.Invoke(options);
        var settings = FakeSettings.From(options);

        var scale = new ScaleFake(settings);
        var cloudFactory = new CloudFactoryFake(settings);
        var faults = new FakeFaults();
        var log = new RequestLog(options.RecordRequests);
        var state = options.StatePath is { } path ? FakeStateFile.Open(path) : null;
        FakeServer? server = null;
        try
        {
            var saved = state?.Load();
            if (saved is not null)
            {
                scale.Restore(saved.Tasks, saved.Audits, saved.PendingDue);
                cloudFactory.Restore(saved.Reviews);
            }
            else
            {
                Seed(scale, options);
            }

            server = await FakeServer.StartAsync(settings, scale, cloudFactory, faults, log, cancellationToken).ConfigureAwait(false);
            if (state is not null)
            {
                await state.AttachAsync(scale, cloudFactory, settings.Time, loaded: saved is not null, cancellationToken).ConfigureAwait(false);
            }

            return new AuditFakes(server, settings, scale, cloudFactory, faults, log, state);
        }
        catch
        {
            if (server is not null)
            {
                await server.DisposeAsync().ConfigureAwait(false);
            }

            if (state is not null)
            {
                // The fakes did not start: the file is left as it is, and only the lock is released.
                await state.ReleaseAsync().ConfigureAwait(false);
            }

            throw;
        }
    }

    /// <summary>
    /// Saves the state to <see cref="AuditFakesOptions.StatePath"/> now, when it changed since the last save (the fakes
    /// also save about every second after a change, and when disposed). Does nothing without a state file.
    /// </summary>
    /// <param name="cancellationToken">Cancels the wait for a save in progress.</param>
    /// <returns>A task that completes when the state file holds the state as it was at the call.</returns>
    /// <exception cref="IOException">The state file cannot be written; the previous one is left as it was.</exception>
    public Task SaveStateAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return _state?.SaveAsync(cancellationToken) ?? Task.CompletedTask;
    }

    /// <summary>The requests received by one endpoint, in arrival order.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>A snapshot of the requests.</returns>
    public IReadOnlyList<RecordedRequest> RequestsTo(FakeEndpoint endpoint) => _log.Snapshot(endpoint);

    /// <summary>Forgets the requests received so far (stored tasks, audits and reviews stay).</summary>
    public void ClearRequests() => _log.Clear();

    /// <summary>
    /// Creates SDK clients for both vendors pointed at the fakes with their keys, retrying fast (10 ms first backoff,
    /// 50 ms at most, 1,000 requests per second), then applies <paramref name="configure"/>.
    /// </summary>
    /// <param name="configure">Changes the options further, such as a wrong key or no retries; optional.</param>
    /// <returns>New clients; the caller disposes them.</returns>
    public AuditClients CreateClients(Action<AuditClientOptions>? configure = null)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        return AuditClients.Create(o =>
        {
            o.Scale.ApiKey = ScaleApiKey;
            o.Scale.BaseAddress = BaseAddress;
            o.CloudFactory.ApiKey = CloudFactoryApiKey;
            o.CloudFactory.BaseAddress = BaseAddress;
            Fast(o.Scale.Resilience);
            Fast(o.CloudFactory.Resilience);
            configure?.Invoke(o);
        });
    }

    /// <summary>
    /// Disposes <see cref="Clients"/> and stops the server; with <see cref="AuditFakesOptions.StatePath"/>, then saves the
    /// state a last time and releases the state file's lock.
    /// </summary>
    /// <returns>A task that completes when the server has stopped and the state is saved.</returns>
    /// <exception cref="IOException">The state file cannot be written; the previous one is left as it was.</exception>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_clients.IsValueCreated)
        {
            await _clients.Value.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            await _server.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            // After the server: no request can change the state once it is saved for the last time.
            if (_state is not null)
            {
                await _state.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static void Seed(ScaleFake scale, AuditFakesOptions options)
    {
        var seed = SeedTasks.Generate(options.GeneratedTaskCount, options.RandomSeed);
        scale.Seed(options.SeedExampleTask ? seed.Prepend(SeedTasks.Example()) : seed);
        if (options.SeedProject is { } project)
        {
            var (tasks, audits) = ProjectSeeder.Generate(project, options.RandomSeed);
            scale.SeedPrepared(tasks);
            scale.SeedAudits(audits);
        }
    }

    private static void Fast(VendorResilienceOptions resilience)
    {
        resilience.RetryBaseDelay = TimeSpan.FromMilliseconds(10);
        resilience.RetryMaxDelay = TimeSpan.FromMilliseconds(50);
        resilience.RequestsPerSecond = 1000;
    }
}
