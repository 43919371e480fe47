namespace AuditClient.Testing.Http;

/// <summary>The options, copied and checked once when the fakes start.</summary>
internal sealed record FakeSettings(
    string ScaleApiKey,
    string CloudFactoryApiKey,
    int DefaultTaskPageSize,
    TimeProvider Time,
    string ScaleUserId,
    string ScaleUserEmail,
    TimeSpan GradingDelay,
    int Port,
    bool CreateMissingTasks)
{
    public const int MaxTaskPageSize = AuditClient.Core.Wire.ScaleWire.MaxTaskPageSize;

    public static FakeSettings From(AuditFakesOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ScaleApiKey))
        {
            throw new ArgumentException("AuditFakesOptions.ScaleApiKey must not be empty.", nameof(options));
        }

        if (string.IsNullOrWhiteSpace(options.CloudFactoryApiKey))
        {
            throw new ArgumentException("AuditFakesOptions.CloudFactoryApiKey must not be empty.", nameof(options));
        }

        if (options.DefaultTaskPageSize is < 1 or > MaxTaskPageSize)
        {
            throw new ArgumentException($"AuditFakesOptions.DefaultTaskPageSize must be between 1 and {MaxTaskPageSize} (was {options.DefaultTaskPageSize}).", nameof(options));
        }

        if (options.GeneratedTaskCount < 0)
        {
            throw new ArgumentException($"AuditFakesOptions.GeneratedTaskCount must not be negative (was {options.GeneratedTaskCount}).", nameof(options));
        }

        if (options.GradingDelay < TimeSpan.Zero && options.GradingDelay != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentException($"AuditFakesOptions.GradingDelay must be zero or more, or Timeout.InfiniteTimeSpan (was {options.GradingDelay}).", nameof(options));
        }

        if (options.Port is < 0 or > 65535)
        {
            throw new ArgumentException($"AuditFakesOptions.Port must be between 0 (a free port) and 65535 (was {options.Port}).", nameof(options));
        }

        if (options.StatePath is { } statePath && string.IsNullOrWhiteSpace(statePath))
        {
            throw new ArgumentException("AuditFakesOptions.StatePath must be null or a file path, not blank.", nameof(options));
        }

        options.SeedProject?.Check();
        ArgumentNullException.ThrowIfNull(options.TimeProvider, "AuditFakesOptions.TimeProvider");
        ArgumentNullException.ThrowIfNull(options.ScaleUserId, "AuditFakesOptions.ScaleUserId");
        ArgumentNullException.ThrowIfNull(options.ScaleUserEmail, "AuditFakesOptions.ScaleUserEmail");
        return new FakeSettings(
            options.ScaleApiKey, options.CloudFactoryApiKey, options.DefaultTaskPageSize, options.TimeProvider, options.ScaleUserId, options.ScaleUserEmail,
            options.GradingDelay, options.Port, options.CreateMissingTasks);
    }
}
