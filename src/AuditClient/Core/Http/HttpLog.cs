using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace AuditClient.Core.Http;

/// <summary>
/// HttpClientFactory's request lines, under its own categories (<c>System.Net.Http.HttpClient.{client}.LogicalHandler</c>
/// around the whole pipeline, <c>.ClientHandler</c> around each attempt) and event ids, but at Debug (the factory's
/// default logger writes four lines at Information for every successful call), written by the SDK's handler
/// (<see cref="VendorPipelineHandler"/>) instead of by two logging handlers of the factory's: a layer each that every call went through, with its own async
/// step and task, for lines that are off unless the app enables Debug. At Trace, each attempt's headers are logged as
/// the factory does, every value outside <see cref="LoggableHeaders"/> replaced by <c>*</c>, so that credentials never
/// reach a log; a query string is shown as <c>?*</c>, as .NET does by default since version 9.
/// </summary>
internal sealed partial class HttpLog
{
    /// <summary>For a client built without the app's loggers (<c>AuditClients.Create</c>): writes nothing.</summary>
    public static readonly HttpLog None = new(Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    // Headers whose values may appear in the logs; every other value is redacted.
    private static readonly HashSet<string> LoggableHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Content-Type", "Content-Length", "User-Agent", "Retry-After", "Date", "x-request-id", "Server",
    };

    private readonly ILogger _logical;
    private readonly ILogger _attempt;

    private HttpLog(ILogger logical, ILogger attempt) => (_logical, _attempt) = (logical, attempt);

    public static HttpLog Create(ILoggerFactory? loggers, string clientName) =>
        loggers is null
            ? None
            : new(loggers.CreateLogger($"System.Net.Http.HttpClient.{clientName}.LogicalHandler"), loggers.CreateLogger($"System.Net.Http.HttpClient.{clientName}.ClientHandler"));

    /// <summary>Before the pipeline: the start line; returns the timestamp to give to <see cref="CallEnded"/>, 0 when off.</summary>
    public long CallStarting(HttpRequestMessage request)
    {
        if (!_logical.IsEnabled(LogLevel.Debug))
        {
            return 0;
        }

        Starting(_logical, request.Method, Redacted(request.RequestUri));
        return Stopwatch.GetTimestamp();
    }

    public void CallEnded(long started, HttpRequestMessage request, HttpResponseMessage? response, Exception? exception)
    {
        if (started == 0 || !_logical.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        if (response is not null)
        {
            Ended(_logical, elapsed, (int)response.StatusCode);
        }
        else
        {
            Failed(_logical, request.Method, Redacted(request.RequestUri), elapsed, exception);
        }
    }

    /// <summary>Before an attempt leaves: the sending line (and headers at Trace); the timestamp, 0 when off.</summary>
    public long AttemptStarting(HttpRequestMessage request)
    {
        if (!_attempt.IsEnabled(LogLevel.Debug))
        {
            return 0;
        }

        Sending(_attempt, request.Method, Redacted(request.RequestUri));
        if (_attempt.IsEnabled(LogLevel.Trace))
        {
            RequestHeaders(_attempt, Headers(request.Headers, request.Content?.Headers));
        }

        return Stopwatch.GetTimestamp();
    }

    /// <summary>When an attempt's headers arrived (its body is read after).</summary>
    public void AttemptAnswered(long started, HttpResponseMessage response)
    {
        if (started == 0 || !_attempt.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        Received(_attempt, Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)response.StatusCode);
        if (_attempt.IsEnabled(LogLevel.Trace))
        {
            ResponseHeaders(_attempt, Headers(response.Headers, response.Content?.Headers));
        }
    }

    public void AttemptFailed(long started, HttpRequestMessage request, Exception exception)
    {
        if (started != 0 && _attempt.IsEnabled(LogLevel.Debug))
        {
            Failed(_attempt, request.Method, Redacted(request.RequestUri), Stopwatch.GetElapsedTime(started).TotalMilliseconds, exception);
        }
    }

    private static string Headers(System.Net.Http.Headers.HttpHeaders headers, System.Net.Http.Headers.HttpHeaders? content) =>
        string.Join(Environment.NewLine, headers.Concat(content ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .Select(h => $"{h.Key}: {(LoggableHeaders.Contains(h.Key) ? string.Join(", ", h.Value) : "*")}"));

    private static string? Redacted(Uri? uri) =>
        uri is null ? null
        : !uri.IsAbsoluteUri ? uri.OriginalString.Split('?')[0]
        : uri.GetLeftPart(UriPartial.Path) + (uri.Query.Length > 0 ? "?*" : string.Empty);

    [LoggerMessage(EventId = 100, EventName = "RequestPipelineStart", Level = LogLevel.Debug, Message = "Start processing HTTP request {HttpMethod} {Uri}")]
    private static partial void Starting(ILogger logger, HttpMethod httpMethod, string? uri);

    [LoggerMessage(EventId = 101, EventName = "RequestPipelineEnd", Level = LogLevel.Debug, Message = "End processing HTTP request after {ElapsedMilliseconds}ms - {StatusCode}")]
    private static partial void Ended(ILogger logger, double elapsedMilliseconds, int statusCode);

    [LoggerMessage(EventId = 102, EventName = "RequestStart", Level = LogLevel.Debug, Message = "Sending HTTP request {HttpMethod} {Uri}")]
    private static partial void Sending(ILogger logger, HttpMethod httpMethod, string? uri);

    [LoggerMessage(EventId = 103, EventName = "RequestEnd", Level = LogLevel.Debug, Message = "Received HTTP response headers after {ElapsedMilliseconds}ms - {StatusCode}")]
    private static partial void Received(ILogger logger, double elapsedMilliseconds, int statusCode);

    [LoggerMessage(EventId = 105, EventName = "RequestHeader", Level = LogLevel.Trace, Message = "Request Headers:{NewLine}{Headers}", SkipEnabledCheck = true)]
    private static partial void RequestHeadersCore(ILogger logger, string newLine, string headers);

    [LoggerMessage(EventId = 106, EventName = "ResponseHeader", Level = LogLevel.Trace, Message = "Response Headers:{NewLine}{Headers}", SkipEnabledCheck = true)]
    private static partial void ResponseHeadersCore(ILogger logger, string newLine, string headers);

    private static void RequestHeaders(ILogger logger, string headers) => RequestHeadersCore(logger, Environment.NewLine, headers);

    private static void ResponseHeaders(ILogger logger, string headers) => ResponseHeadersCore(logger, Environment.NewLine, headers);

    [LoggerMessage(EventId = 104, EventName = "RequestFailed", Level = LogLevel.Debug, Message = "HTTP request {HttpMethod} {Uri} failed after {ElapsedMilliseconds}ms")]
    private static partial void Failed(ILogger logger, HttpMethod httpMethod, string? uri, double elapsedMilliseconds, Exception? exception);
}
