using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AuditClient.Core.Errors;
using AuditClient.Core.Telemetry;

namespace AuditClient.Core.Http;

/// <summary>
/// The one place where a call's end is classified. The Refit methods return the raw answer and Refit wraps no
/// exception (<c>TransportExceptionFactory</c> passes them through), so everything a call can end in arrives here:
/// an exception (transport, timeout, rate limiter, caller cancellation), an error status, a redirect, an empty body, a
/// JSON <c>null</c>, a body that is not the expected JSON, or the value. Each becomes the value or one exception of the
/// family (<see cref="ErrorMapper"/> builds it), is counted and traced once, and is logged when a write may have
/// taken effect. The handlers below only record what each attempt did (<see cref="CallRecord"/>).
/// </summary>
internal static class ApiCall
{
    /// <summary>Reads a success body as <typeparamref name="T"/> with the package's JSON context.</summary>
    public static AnswerReader<T> Json<T>(JsonTypeInfo<T> type)
        where T : class => AnswerReader.Json(type);

    /// <summary>Reads a success body as text, for an endpoint whose answer is only an acknowledgement.</summary>
    public static AnswerReader<string> Text => AnswerReader.Text;

    /// <summary>
    /// Sends through <paramref name="send"/>, which gets <paramref name="state"/> to pass to the Refit method (with a
    /// <see langword="static"/> lambda, a call allocates no closure and no delegate), in the flow of the call's
    /// <see cref="CallRecord"/>.
    /// </summary>
    /// <returns>The body read by <paramref name="read"/>; <see langword="null"/> only for an operation that
    /// accepts an empty body and got none.</returns>
    public static async Task<T?> SendAsync<TState, T>(
        ApiOperation operation,
        TState state,
        Func<TState, CancellationToken, Task<HttpResponseMessage>> send,
        AnswerReader<T> read,
        CancellationToken cancellationToken)
        where T : class
    {
        using var activity = AuditTelemetry.Source.StartActivity(operation.Name, ActivityKind.Internal);
        var started = Stopwatch.GetTimestamp();
        var call = CallRecord.Begin(operation);

        // For the attempt, which reads a body too large to hold in memory with it as the body arrives.
        call.Reader = read;
        HttpResponseMessage? response = null;
        T? result = null;
        Exception? failure;
        try
        {
            response = await send(state, cancellationToken).ConfigureAwait(false);
            (result, failure) = await ReadAsync(call, response, read, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectDisposedException disposed) when (call.Runtime is not { IsDisposed: false })
        {
            // The clients were disposed (the handler says what the call did, or the container would not give it out):
            // the .NET convention for use after disposal, whatever the caller's token.
            failure = disposed;
        }
        catch (Exception exception)
        {
            failure = ErrorMapper.FromException(Context(call), exception, call.Redactor, cancellationToken);
        }
        finally
        {
            response?.Dispose();
        }

        Record(call, activity, started, (int?)response?.StatusCode, failure);
        if (failure is not null)
        {
            // Rethrown as is when nothing was mapped (a cancellation keeps the stack trace of where it was thrown).
            ExceptionDispatchInfo.Throw(failure);
        }

        return result;
    }

    private static async ValueTask<(T? Result, Exception? Failure)> ReadAsync<T>(
        CallRecord call, HttpResponseMessage response, AnswerReader<T> read, CancellationToken cancellationToken)
        where T : class
    {
        var operation = call.Operation;
        if (!response.IsSuccessStatusCode)
        {
            var context = Context(call) with { RetryAfter = RetryAfterHeader.Of(response, call.Time) };
            return (null, await ErrorMapper.FromResponseAsync(context, operation.Profile, call.Redactor, response, OriginalContentHeaders(response), cancellationToken).ConfigureAwait(false));
        }

        var empty = response.Content switch
        {
            PooledContent { Streamed: { } streamed } => streamed.Length == 0,
            PooledContent pooled => pooled.Json.IsEmpty,
            var content => content.Headers.ContentLength == 0,
        };
        if (response.StatusCode == HttpStatusCode.NoContent || empty)
        {
            return operation.EmptyBodyAccepted ? (null, null) : (null, ErrorMapper.EmptySuccessBody(SuccessContext(call, response)));
        }

        T? result = null;
        JsonException? unreadable = null;
        if (response.Content is PooledContent { Streamed: { } arrived })
        {
            // The attempt read it as it arrived, with this call's reader.
            (result, unreadable) = ((T?)arrived.Value, arrived.Failure);
        }
        else
        {
            try
            {
                result = await read.ReadAsync(response.Content, cancellationToken).ConfigureAwait(false);
            }
            catch (JsonException json)
            {
                unreadable = json;
            }
        }

        if (unreadable is not null)
        {
            var context = SuccessContext(call, response);
            return (null, await ErrorMapper.UnreadableSuccessAsync(context, call.Redactor, response, unreadable, cancellationToken).ConfigureAwait(false));
        }

        return result is null && !operation.EmptyBodyAccepted ? (null, ErrorMapper.NullBody(SuccessContext(call, response))) : (result, null);
    }

    // A success that cannot be read was still a success at the vendor: a write may have taken effect. Built only on
    // failure: a call that succeeds reads no header it does not need.
    private static ErrorContext SuccessContext(CallRecord call, HttpResponseMessage response) =>
        ErrorMapper.WithAnswer(Context(call), response, OriginalContentHeaders(response), call.Redactor) with
        {
            RetryAfter = RetryAfterHeader.Of(response, call.Time),
            MayHaveTakenEffect = !call.Operation.IsRead,
        };

    // The body's headers as the vendor sent them: a pooled body keeps them aside instead of copying them.
    private static System.Net.Http.Headers.HttpContentHeaders? OriginalContentHeaders(HttpResponseMessage response) =>
        (response.Content as PooledContent)?.OriginalHeaders;

    private static ErrorContext Context(CallRecord call) => new(
        call.Operation.Vendor,
        call.Request?.Method.Method ?? call.Operation.Method,
        PathOf(call.Request?.RequestUri) ?? call.Operation.PathTemplate,
        MayHaveTakenEffect: call.MayHaveTakenEffect);

    private static string? PathOf(Uri? uri) => uri switch
    {
        null => null,
        { IsAbsoluteUri: true } => uri.AbsolutePath,
        _ => uri.OriginalString.Split('?', 2)[0],
    };

    private static void Record(CallRecord call, Activity? activity, long started, int? status, Exception? failure)
    {
        var operation = call.Operation;
        if (failure is null && activity is null && !AuditTelemetry.Calls.Enabled && !AuditTelemetry.CallDuration.Enabled)
        {
            // Nobody listens: no tags to build (a boxed status code and a tag list per call).
            return;
        }

        var tags = new TagList
        {
            { AuditTelemetry.VendorTag, operation.VendorTag },
            { AuditTelemetry.OperationTag, operation.Name },
            { AuditTelemetry.MethodTag, operation.Method },
        };
        if (call.Runtime is { } runtime)
        {
            tags.Add(AuditTelemetry.ServerAddressTag, runtime.BaseAddress.Host);
        }

        if (status is { } code)
        {
            tags.Add(AuditTelemetry.StatusCodeTag, code);
        }

        if (failure is not null)
        {
            var errorType = ErrorType(failure);
            tags.Add(AuditTelemetry.ErrorTypeTag, errorType);
            if (failure is AuditApiException { MayHaveTakenEffect: true } doubtful && call.Runtime is { } logged)
            {
                AuditLog.MayHaveTakenEffect(logged.Log, operation.Name, doubtful.RequestMethod ?? operation.Method, doubtful.RequestPath ?? operation.PathTemplate, errorType);
            }
        }

        if (activity is not null)
        {
            foreach (var tag in tags)
            {
                activity.SetTag(tag.Key, tag.Value);
            }

            if (failure is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, failure.GetType().Name);
            }
        }

        AuditTelemetry.Calls.Add(1, tags);
        AuditTelemetry.CallDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
    }

    private static string ErrorType(Exception failure) => failure switch
    {
        OperationCanceledException => "canceled",
        AuditApiException { StatusCode: { } code } when (int)code is < 200 or >= 300 => ((int)code).ToString(CultureInfo.InvariantCulture),
        AuditApiException { StatusCode: not null } => "invalid_response",
        AuditTimeoutException => "timeout",
        AuditRateLimitedException => "rate_limited",
        AuditTransportException => "transport_error",
        _ => "_OTHER",
    };
}
