using System.Text;
using System.Text.Json;
using AuditClient.RawHttp;

namespace AuditClient.Cli.Tests.Support;

/// <summary>
/// A CloudFactory <c>task_reviewed</c> endpoint on a <see cref="RawHttpServer"/> that answers the first
/// <c>answerFirst</c> reviews at once and holds every later one unanswered until <see cref="Open"/>, so that a test
/// knows exactly which sends the server answered when it signals or kills the client. It logs each review's
/// <c>unique_id</c> when received and when its answer has been written.
/// </summary>
internal sealed class GatedServer : IAsyncDisposable
{
    private const string Answer = "{\"message\":\"Data successfully received.\"}";

    private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _lock = new();
    private readonly List<string> _received = [];
    private readonly List<string> _answered = [];
    private readonly int _answerFirst;
    private readonly RawHttpServer _server;
    private int _admitted;

    private GatedServer(int answerFirst)
    {
        _answerFirst = answerFirst;
        _server = RawHttpServer.Start(AnswerAsync);
    }

    public Uri BaseAddress => _server.Url;

    /// <summary>The distinct <c>unique_id</c>s received, in order (a retry of one is not counted twice).</summary>
    public IReadOnlyList<string> Received
    {
        get
        {
            lock (_lock)
            {
                return _received.ToList();
            }
        }
    }

    /// <summary>The <c>unique_id</c>s whose answer was written to the socket.</summary>
    public IReadOnlyList<string> Answered
    {
        get
        {
            lock (_lock)
            {
                return _answered.ToList();
            }
        }
    }

    public static GatedServer Start(int answerFirst) => new(answerFirst);

    /// <summary>The settings that point the tool's CloudFactory client here, with timeouts long enough that nothing is retried while held.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["AuditClients__CloudFactory__ApiKey"] = "gated-server-test-key",
        ["AuditClients__CloudFactory__BaseAddress"] = BaseAddress.ToString(),
        ["AuditClients__CloudFactory__Resilience__AttemptTimeout"] = "00:10:00",
        ["AuditClients__CloudFactory__Resilience__TotalTimeout"] = "00:20:00",
    };

    /// <summary>Answers the reviews held so far and every later one at once.</summary>
    public void Open() => _open.TrySetResult();

    public ValueTask DisposeAsync() => _server.DisposeAsync();

    private async Task AnswerAsync(RawRequest request, Stream stream, CancellationToken cancellationToken)
    {
        if (!request.Target.EndsWith("/task_reviewed", StringComparison.Ordinal))
        {
            await RawHttpServer.WriteAsync(stream, 404, "Not Found", "{\"error\":\"not found\"}"u8.ToArray(), cancellationToken);
            return;
        }

        var key = JsonDocument.Parse(request.Body).RootElement.GetProperty("unique_id").GetString()!;
        bool now;
        lock (_lock)
        {
            if (!_received.Contains(key))
            {
                _received.Add(key);
            }

            now = _admitted++ < _answerFirst;
        }

        if (!now)
        {
            await _open.Task.WaitAsync(cancellationToken);
        }

        await RawHttpServer.WriteAsync(stream, 202, "Accepted", Encoding.UTF8.GetBytes(Answer), cancellationToken);
        await stream.FlushAsync(cancellationToken);
        lock (_lock)
        {
            _answered.Add(key);
        }
    }
}
