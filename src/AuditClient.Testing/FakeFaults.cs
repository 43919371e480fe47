namespace AuditClient.Testing;

/// <summary>
/// The faults armed on each endpoint of the fakes. Each request to an endpoint takes the next armed fault, if any,
/// in the order armed. Thread-safe.
/// </summary>
public sealed class FakeFaults
{
    private readonly object _gate = new();
    private readonly Dictionary<FakeEndpoint, Queue<FakeFault>> _armed = [];

    internal FakeFaults()
    {
    }

    /// <summary>Makes the next <paramref name="times"/> requests to <paramref name="endpoint"/> fail with <paramref name="fault"/>, after any faults already armed there.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="fault">The fault, such as <see cref="FakeFault.TooManyRequests(TimeSpan)"/>.</param>
    /// <param name="times">How many requests in a row get the fault; at least 1.</param>
    public void Arm(FakeEndpoint endpoint, FakeFault fault, int times = 1)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        if (!Enum.IsDefined(endpoint))
        {
            throw new ArgumentOutOfRangeException(nameof(endpoint), endpoint, "Unknown endpoint.");
        }

        lock (_gate)
        {
            if (!_armed.TryGetValue(endpoint, out var queue))
            {
                _armed[endpoint] = queue = new Queue<FakeFault>();
            }

            for (var i = 0; i < times; i++)
            {
                queue.Enqueue(fault);
            }
        }
    }

    /// <summary>How many requests to <paramref name="endpoint"/> will still get a fault.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <returns>The number of faults armed and not yet taken.</returns>
    public int Pending(FakeEndpoint endpoint)
    {
        lock (_gate)
        {
            return _armed.TryGetValue(endpoint, out var queue) ? queue.Count : 0;
        }
    }

    /// <summary>Disarms every fault of every endpoint.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _armed.Clear();
        }
    }

    internal FakeFault? Take(FakeEndpoint endpoint)
    {
        lock (_gate)
        {
            return _armed.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
        }
    }
}
