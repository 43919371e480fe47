using AuditClient.Core.Errors;
using AuditClient.Core.Telemetry;
using Microsoft.Extensions.Logging;

namespace AuditClient.Tests.Core;

/// <summary>
/// The app's loggers as a vendor's pipeline writes to them: a line that holds the key (in its message, a structured
/// value or its exception) reaches the app's logger with the key replaced and all else kept; any other line reaches it
/// exactly as it was written.
/// </summary>
public sealed class RedactingLoggerTests
{
    private const string Key = "sk/live+key=9f3a";

    [Test]
    public void A_line_without_the_key_reaches_the_apps_logger_as_it_was_written()
    {
        var (app, logger) = Loggers();
        var state = new List<KeyValuePair<string, object?>> { new("Attempt", 2), new("{OriginalFormat}", "attempt {Attempt}") };
        var exception = new InvalidOperationException("no key here");

        logger.Log(LogLevel.Warning, new EventId(7, "Retry"), state, exception, (_, _) => "attempt 2");

        var line = app.Lines.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(line.State, Is.SameAs(state));
            Assert.That(line.Exception, Is.SameAs(exception));
            Assert.That(line.Message, Is.EqualTo("attempt 2"));
            Assert.That((line.Level, line.EventId), Is.EqualTo((LogLevel.Warning, new EventId(7, "Retry"))));
        }
    }

    [Test]
    public void A_key_in_the_message_is_replaced_in_the_message_and_the_values_and_the_rest_is_kept()
    {
        var (app, logger) = Loggers();
        var exception = new InvalidOperationException("no key here");
        var at = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero);

        logger.Log(LogLevel.Error, new EventId(3), Values(("Header", "X-Echo: " + Key), ("Status", 401), ("At", at), ("Missing", null), ("{OriginalFormat}", "{Header} {Status}")), exception, (_, _) => $"X-Echo: {Key} 401");

        var line = app.Lines.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(line.Message, Is.EqualTo("X-Echo: [redacted] 401"));
            Assert.That(line.State!.ToString(), Is.EqualTo("X-Echo: [redacted] 401"));
            Assert.That(line.Values, Is.EqualTo(new[]
            {
                new KeyValuePair<string, object?>("Header", "X-Echo: [redacted]"), new("Status", 401), new("At", at), new("Missing", null), new("{OriginalFormat}", "{Header} {Status}"),
            }));
            Assert.That(line.Exception, Is.SameAs(exception), "an exception without the key is the app's to see as it is");
            Assert.That((line.Level, line.EventId), Is.EqualTo((LogLevel.Error, new EventId(3))));
        }
    }

    [Test]
    public void A_key_only_in_the_exception_is_replaced_in_its_text_and_the_message_is_kept()
    {
        var (app, logger) = Loggers();
        var exception = Thrown(new HttpRequestException($"Received an invalid header line: 'X-Request-Id {Key}'."));

        logger.Log(LogLevel.Debug, default, Values(("{OriginalFormat}", "attempt failed")), exception, (_, _) => "attempt failed");

        var line = app.Lines.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(line.Message, Is.EqualTo("attempt failed"));
            Assert.That(line.Exception!.ToString(), Is.EqualTo(exception.ToString().Replace(Key, "[redacted]", StringComparison.Ordinal)));
            Assert.That(line.Exception.ToString(), Does.Contain("X-Request-Id [redacted]").And.Contain(nameof(Thrown)));
            Assert.That(line.Exception.Message, Does.Not.Contain(Key));
        }
    }

    [Test]
    public void A_key_only_in_a_value_the_message_does_not_show_is_replaced_in_that_value()
    {
        var (app, logger) = Loggers();
        var echo = new System.Text.StringBuilder("https://example.test/echo?key=").Append(Uri.EscapeDataString(Key));
        var plain = new System.Text.StringBuilder("https://example.test/plain");

        logger.Log(LogLevel.Information, default, Values(("Echo", echo), ("Plain", plain), ("Text", Key)), null, (_, _) => "request sent");

        var line = app.Lines.Single();
        using (Assert.EnterMultipleScope())
        {
            Assert.That(line.Message, Is.EqualTo("request sent"));
            Assert.That(line.Values.Select(v => v.Value), Is.EqualTo(new object[] { "https://example.test/echo?key=[redacted]", plain, "[redacted]" }));
            Assert.That(line.Values[1].Value, Is.SameAs(plain), "a value without the key is kept as the object it is");
            Assert.That(line.Exception, Is.Null);
        }
    }

    [Test]
    public void A_key_in_an_address_logged_as_a_value_is_replaced_in_it()
    {
        var (app, logger) = Loggers();
        var echo = new Uri("https://example.test/next?key=" + Uri.EscapeDataString(Key));
        var plain = new Uri("https://example.test/plain");

        logger.Log(LogLevel.Information, default, Values(("Uri", echo), ("Plain", plain)), null, (_, _) => "Sending HTTP request");

        var values = app.Lines.Single().Values;
        Assert.That(values[0].Value, Is.EqualTo("https://example.test/next?key=[redacted]"));
        Assert.That(values[1].Value, Is.SameAs(plain));
    }

    [Test]
    public void A_key_in_a_line_whose_state_is_not_structured_is_replaced_in_the_message()
    {
        var (app, logger) = Loggers();

        logger.Log(LogLevel.Information, default, "raw " + Key, null, (s, _) => s);

        var line = app.Lines.Single();
        Assert.That(line.Message, Is.EqualTo("raw [redacted]"));
        Assert.That(line.Values, Is.Empty);
    }

    [Test]
    public void Scopes_levels_and_providers_are_the_apps()
    {
        var app = new RecordingProvider { MinLevel = LogLevel.Warning };
        using var loggers = new LoggerFactory([app]);
        using var redacting = new RedactingLoggerFactory(loggers, new Redactor([Key]));
        var added = new RecordingProvider { MinLevel = LogLevel.Warning };

        redacting.AddProvider(added);
        var logger = redacting.CreateLogger("AuditClient");
        using (logger.BeginScope("operation {Name}", "GetTask"))
        {
            logger.LogWarning("in scope");
        }

        using (Assert.EnterMultipleScope())
        {
            Assert.That(logger.IsEnabled(LogLevel.Information), Is.False);
            Assert.That(logger.IsEnabled(LogLevel.Warning), Is.True);
            Assert.That(app.Scopes, Has.Count.EqualTo(1));
            Assert.That(app.Lines.Select(l => (l.Category, l.Message)), Is.EqualTo(new[] { ("AuditClient", "in scope") }));
            Assert.That(added.Lines.Select(l => l.Message), Is.EqualTo(new[] { "in scope" }), "a provider added through it is the app's");
        }

        redacting.Dispose();
        loggers.CreateLogger("app").LogWarning("after");
        Assert.That(app.Lines.Select(l => l.Message), Does.Contain("after"), "the app's loggers are not disposed with it");
    }

    private static (RecordingProvider App, ILogger Logger) Loggers()
    {
        var app = new RecordingProvider();
        var loggers = new LoggerFactory([app]);
        return (app, new RedactingLoggerFactory(loggers, new Redactor([Key])).CreateLogger("Polly"));
    }

    private static List<KeyValuePair<string, object?>> Values(params (string Name, object? Value)[] values) =>
        values.Select(v => new KeyValuePair<string, object?>(v.Name, v.Value)).ToList();

    private static Exception Thrown(Exception exception)
    {
        try
        {
            throw exception;
        }
        catch (Exception e)
        {
            return e;
        }
    }

    private sealed record Line(string Category, LogLevel Level, EventId EventId, object? State, string Message, Exception? Exception, IReadOnlyList<KeyValuePair<string, object?>> Values);

    /// <summary>Keeps every line with the very state and exception objects it was given.</summary>
    private sealed class RecordingProvider : ILoggerProvider
    {
        private readonly List<Line> _lines = [];
        private readonly List<object> _scopes = [];

        public LogLevel MinLevel { get; init; } = LogLevel.Trace;

        public IReadOnlyList<Line> Lines
        {
            get
            {
                lock (_lines)
                {
                    return [.. _lines];
                }
            }
        }

        public IReadOnlyList<object> Scopes
        {
            get
            {
                lock (_lines)
                {
                    return [.. _scopes];
                }
            }
        }

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(RecordingProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                lock (provider._lines)
                {
                    provider._scopes.Add(state);
                }

                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => logLevel >= provider.MinLevel;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IReadOnlyList<KeyValuePair<string, object?>> list ? list.ToList() : [];
                lock (provider._lines)
                {
                    provider._lines.Add(new Line(category, logLevel, eventId, state, formatter(state, exception), exception, values));
                }
            }
        }
    }
}
