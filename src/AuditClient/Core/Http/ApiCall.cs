using System.Diagnostics;
using System.Runtime.ExceptionServices;
using AuditClient.Core.Errors;
using AuditClient.Core.Telemetry;

namespace AuditClient.Core.Http;

/// <summary>
/// The one place a call through a generated Refit client goes: telemetry, and the mapping of every failure into the
/// SDK's exception family. Refit wraps whatever the handler chain throws (even cancellation), so the mapping has to
/// happen here, above Refit.
/// </summary>
internal static class ApiCall
{
    /// <summary>
    /// Sends through <paramref name="send"/>, which gets <paramref name="state"/>: with a <see langword="static"/>
    /// lambda, a call allocates no closure and no delegate (a lambda capturing the arguments allocates both per call).
    /// </summary>
    public static async Task<T> SendAsync<TState, T>(
        ApiOperation operation, TState state, Func<TState, CancellationToken, Task<T?>> send, CancellationToken cancellationToken)
        where T : class
    {
        using var activity = AuditTelemetry.Source.StartActivity(operation.Name, ActivityKind.Client);
        activity?.SetTag("auditclient.vendor", operation.VendorTag);
        var started = Stopwatch.GetTimestamp();
        var status = "ok";
        try
        {
            var result = await send(state, cancellationToken).ConfigureAwait(false);
            return result ?? throw ErrorMapper.NullBody(Context(operation));
        }
        catch (Exception exception)
        {
            var mapped = exception is AuditApiException { } known ? known : ErrorMapper.FromException(Context(operation), exception, cancellationToken);
            status = mapped switch
            {
                OperationCanceledException => "canceled",
                AuditApiException { StatusCode: { } code } => ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
                AuditTimeoutException => "timeout",
                AuditTransportException => "transport_error",
                AuditRateLimitedException => "rate_limited",
                _ => "error",
            };
            activity?.SetStatus(ActivityStatusCode.Error, mapped.GetType().Name);
            if (mapped is not OperationCanceledException)
            {
                AuditTelemetry.Failures.Add(1, Tags(operation, status));
            }

            if (ReferenceEquals(mapped, exception))
            {
                throw;
            }

            // A cancellation unwrapped from Refit's wrapper keeps the stack trace of where it was thrown.
            ExceptionDispatchInfo.Throw(mapped);
            throw;
        }
        finally
        {
            var tags = Tags(operation, status);
            AuditTelemetry.Calls.Add(1, tags);
            AuditTelemetry.CallDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, tags);
        }
    }

    /// <summary>For a call that needs a closure anyway; prefer the state overload on hot paths.</summary>
    public static Task<T> SendAsync<T>(ApiOperation operation, Func<CancellationToken, Task<T?>> send, CancellationToken cancellationToken)
        where T : class =>
        SendAsync(operation, send, static (closure, ct) => closure(ct), cancellationToken);

    private static ErrorContext Context(ApiOperation operation) => new(operation.Vendor, operation.Method, operation.PathTemplate);

    private static TagList Tags(ApiOperation operation, string status) => new()
    {
        { "vendor", operation.VendorTag },
        { "operation", operation.Name },
        { "status", status },
    };
}
