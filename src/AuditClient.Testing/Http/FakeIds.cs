using System.Globalization;
using System.Security.Cryptography;

namespace AuditClient.Testing.Http;

/// <summary>
/// Ids shaped like Scale's (24 hex characters, as a MongoDB ObjectId: creation second, a per-server random part, a
/// counter), so code that checks their shape sees real-looking ids. Thread-safe.
/// </summary>
internal sealed class FakeIds(TimeProvider time)
{
    private readonly string _server = Convert.ToHexString(RandomNumberGenerator.GetBytes(5)).ToLowerInvariant();
    private int _counter = RandomNumberGenerator.GetInt32(0, 0x100000);

    public string Next()
    {
        var seconds = (uint)Math.Clamp(time.GetUtcNow().ToUnixTimeSeconds(), 0, uint.MaxValue);
        var count = Interlocked.Increment(ref _counter) & 0xFFFFFF;
        return seconds.ToString("x8", CultureInfo.InvariantCulture) + _server + count.ToString("x6", CultureInfo.InvariantCulture);
    }
}
