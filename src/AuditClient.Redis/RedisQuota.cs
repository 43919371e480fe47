using System.Globalization;
using AuditClient.Core.Http;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace AuditClient.Redis;

/// <summary>
/// One Redis connection and the settings of a shared quota; connects during startup validation and hands out one
/// <see cref="RedisWindowLimiter"/> per vendor. The connection closes when the last limiter is disposed.
/// </summary>
internal sealed class RedisQuota(string? configuration, string? keyPrefix, double fallbackShare) : ISharedQuota
{
    public const string Section = "RedisQuota";

    private readonly object _lock = new();
    private ConnectionMultiplexer? _connection;
    private int _users;

    public string KeyPrefix { get; } = keyPrefix ?? string.Empty;

    public double FallbackShare { get; } = fallbackShare;

    public void Validate(ICollection<string> failures)
    {
        if (string.IsNullOrWhiteSpace(KeyPrefix))
        {
            failures.Add($"{Section}:KeyPrefix must not be empty: every process of one quota uses the same prefix, and an empty one would share keys with anything else in the database.");
        }

        if (!(FallbackShare > 0 && FallbackShare <= 1))
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{Section}:FallbackShare must be greater than 0 and at most 1 (was {FallbackShare})."));
        }

        ConfigurationOptions? parsed = null;
        if (string.IsNullOrWhiteSpace(configuration))
        {
            failures.Add($"{Section}:Configuration (the Redis configuration string given to UseRedisQuota) must not be empty.");
        }
        else
        {
            try
            {
                parsed = Parse(configuration);
            }
            catch (ArgumentException e)
            {
                failures.Add($"{Section}:Configuration is not a valid StackExchange.Redis configuration string: {e.Message}");
            }
        }

        if (failures.Count > 0 || parsed is null)
        {
            return;
        }

        try
        {
            Connection(parsed);
        }
        catch (RedisConnectionException e)
        {
            // Endpoints only: the configuration string may carry a password.
            failures.Add($"{Section}:Configuration: Redis at {string.Join(", ", parsed.EndPoints)} did not answer within {parsed.ConnectTimeout} ms ({e.FailureType}).");
        }
    }

    public SharedWindowLimiter CreateLimiter(string scope, VendorResilienceOptions resilience, ILoggerFactory? loggers)
    {
        var connection = Connection(Parse(configuration ?? string.Empty));
        lock (_lock)
        {
            _users++;
        }

        return new RedisWindowLimiter(this, connection, scope, resilience, loggers);
    }

    public void Release()
    {
        ConnectionMultiplexer? closing = null;
        lock (_lock)
        {
            if (--_users == 0)
            {
                (closing, _connection) = (_connection, null);
            }
        }

        closing?.Dispose();
    }

    private static ConfigurationOptions Parse(string configuration)
    {
        var options = ConfigurationOptions.Parse(configuration);

        // Startup fails on an unreachable server; afterwards the connection comes back by itself.
        options.AbortOnConnectFail = true;

        // While disconnected, a command fails at once (the limiter falls back) instead of queueing until a timeout.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(500);
        if (!configuration.Contains("asyncTimeout", StringComparison.OrdinalIgnoreCase))
        {
            // A Redis that hangs costs a waiting request at most this long before the local fallback takes over.
            options.AsyncTimeout = 1000;
        }

        options.ClientName ??= "AuditClient";
        return options;
    }

    private ConnectionMultiplexer Connection(ConfigurationOptions options)
    {
        lock (_lock)
        {
            return _connection ??= ConnectionMultiplexer.Connect(options);
        }
    }
}
