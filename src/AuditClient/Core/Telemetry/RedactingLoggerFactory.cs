using AuditClient.Core.Errors;
using Microsoft.Extensions.Logging;

namespace AuditClient.Core.Telemetry;

/// <summary>
/// The app's loggers as a vendor's pipeline writes to them (the SDK's own lines, HttpClientFactory's request lines,
/// Polly's resilience events): every message, structured value and exception text passes the vendor's
/// <see cref="Redactor"/> first, so that a key the vendor echoes (in a header, or in a line an exception of the runtime
/// quotes) reaches no log.
/// </summary>
internal sealed class RedactingLoggerFactory(ILoggerFactory loggers, Redactor redactor) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Logger(loggers.CreateLogger(categoryName), redactor);

    public void AddProvider(ILoggerProvider provider) => loggers.AddProvider(provider);

    public void Dispose()
    {
        // The app's loggers are the app's to dispose.
    }

    private sealed class Logger(ILogger logger, Redactor redactor) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => logger.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => logger.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var redacted = redactor.Redact(message)!;
            var exceptionText = exception?.ToString();
            var redactedException = redactor.Redact(exceptionText);
            var changed = message != redacted || exceptionText != redactedException;
            var values = new List<KeyValuePair<string, object?>>();
            if (state is IReadOnlyList<KeyValuePair<string, object?>> structured)
            {
                foreach (var (key, value) in structured)
                {
                    var shown = Redacted(value);
                    changed |= !ReferenceEquals(shown, value);
                    values.Add(new(key, shown));
                }
            }

            if (!changed)
            {
                logger.Log(logLevel, eventId, state, exception, formatter);
                return;
            }

            logger.Log(
                logLevel,
                eventId,
                new RedactedState(redacted, values),
                exceptionText == redactedException ? exception : new RedactedException(redactedException!),
                static (s, _) => s.Message);
        }

        // A value whose text holds a secret becomes its redacted text; any other stays as it is. Numbers, times and
        // other formattable values carry no text of the vendor's, except a Uri (formattable since .NET 8), which is
        // any text an address can hold, such as a request's URI in HttpClientFactory's lines.
        private object? Redacted(object? value)
        {
            var text = value switch
            {
                string s => s,
                null or (IFormattable and not Uri) => null,
                _ => value.ToString(),
            };
            var redacted = redactor.Redact(text);
            return text == redacted ? value : redacted;
        }
    }

    /// <summary>A line's redacted message and structured values.</summary>
    private sealed class RedactedState(string message, IReadOnlyList<KeyValuePair<string, object?>> values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public string Message => message;

        public int Count => values.Count;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => values.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }

    /// <summary>Stands in for an exception whose text held a secret: that text, redacted, as a logger shows it.</summary>
    private sealed class RedactedException(string text) : Exception(text)
    {
        public override string ToString() => Message;
    }
}
