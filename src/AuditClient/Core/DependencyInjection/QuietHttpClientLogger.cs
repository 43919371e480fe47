using Microsoft.Extensions.Http.Logging;
using Microsoft.Extensions.Logging;

namespace AuditClient.Core.DependencyInjection;

/// <summary>
/// HttpClientFactory's request lines, under its own categories (<c>System.Net.Http.HttpClient.{client}.LogicalHandler</c>
/// around the whole pipeline, <c>.ClientHandler</c> around each attempt) but at Debug: the factory's default logger
/// writes four lines at Information for every successful call. At Trace, each attempt's headers are logged as the
/// factory does, every value outside <see cref="LoggableHeaders"/> replaced by <c>*</c>, so that credentials never
/// reach a log; a query string is shown as <c>?*</c>, as .NET does by default since version 9.
/// </summary>
internal sealed partial class QuietHttpClientLogger(ILogger logger, bool logical) : IHttpClientLogger
{
    // Headers whose values may appear in the logs; every other value is redacted.
    private static readonly HashSet<string> LoggableHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Accept", "Content-Type", "Content-Length", "User-Agent", "Retry-After", "Date", "x-request-id", "Server",
    };

    public static QuietHttpClientLogger Create(IServiceProvider services, string clientName, bool logical)
    {
        var factory = services.GetService(typeof(ILoggerFactory)) as ILoggerFactory;
        var category = $"System.Net.Http.HttpClient.{clientName}.{(logical ? "LogicalHandler" : "ClientHandler")}";
        return new(factory?.CreateLogger(category) ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, logical);
    }

    public object? LogRequestStart(HttpRequestMessage request)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            if (logical)
            {
                Starting(logger, request.Method, Redacted(request.RequestUri));
            }
            else
            {
                Sending(logger, request.Method, Redacted(request.RequestUri));
                if (logger.IsEnabled(LogLevel.Trace))
                {
                    RequestHeaders(logger, Headers(request.Headers, request.Content?.Headers));
                }
            }
        }

        return null;
    }

    public void LogRequestStop(object? context, HttpRequestMessage request, HttpResponseMessage response, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            if (logical)
            {
                Ended(logger, elapsed.TotalMilliseconds, (int)response.StatusCode);
            }
            else
            {
                Received(logger, elapsed.TotalMilliseconds, (int)response.StatusCode);
                if (logger.IsEnabled(LogLevel.Trace))
                {
                    ResponseHeaders(logger, Headers(response.Headers, response.Content?.Headers));
                }
            }
        }
    }

    public void LogRequestFailed(object? context, HttpRequestMessage request, HttpResponseMessage? response, Exception exception, TimeSpan elapsed)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            Failed(logger, request.Method, Redacted(request.RequestUri), elapsed.TotalMilliseconds, exception);
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
    private static partial void Failed(ILogger logger, HttpMethod httpMethod, string? uri, double elapsedMilliseconds, Exception exception);
}
