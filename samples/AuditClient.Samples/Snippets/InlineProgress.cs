namespace AuditClient.Samples.Snippets;

/// <summary>
/// Reports progress at once, one report at a time. <see cref="Progress{T}"/> would post each report to the thread pool
/// in a console app, so lines could come out after the summary, or two at once.
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    private readonly Lock _lock = new();

    public void Report(T value)
    {
        lock (_lock)
        {
            report(value);
        }
    }
}
