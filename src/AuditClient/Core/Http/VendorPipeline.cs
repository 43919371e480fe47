using System.Diagnostics;
using AuditClient.Core.Telemetry;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Telemetry;

namespace AuditClient.Core.Http;

/// <summary>
/// The resilience pipeline of one vendor: Polly's retry. <see cref="VendorPipelineHandler"/> runs it under the call's
/// total deadline, and inside it each attempt takes a rate-limiter permit and then runs under its own deadline
/// (<see cref="Deadline"/>): waiting for the rate limiter counts against the total timeout, not the attempt's.
/// </summary>
internal static class VendorPipeline
{
    /// <summary>
    /// The pipeline of one vendor and account, built once and run by <see cref="VendorPipelineHandler"/> for every call.
    /// </summary>
    /// <param name="vendor">The vendor's runtime: its resilience settings and rate limiter.</param>
    /// <param name="name">Polly's <c>pipeline.name</c> in logs and metrics: the client's name and <c>-resilience</c>.</param>
    /// <param name="time">The clock of backoffs, timeouts and <c>Retry-After</c> dates.</param>
    /// <param name="telemetry">Polly's telemetry (the app's loggers, listeners and severities); <see langword="null"/> for none.</param>
    public static ResiliencePipeline<HttpResponseMessage> Build(VendorRuntime vendor, string name, TimeProvider time, TelemetryOptions? telemetry)
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { Name = name };
        if (telemetry is not null)
        {
            builder.ConfigureTelemetry(telemetry);
        }

        Configure(builder, vendor, time);
        return builder.Build();
    }

    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, VendorRuntime vendor, TimeProvider time)
    {
        var options = vendor.Resilience;
        var vendorTag = vendor.Profile.Tag;

        // Backoff waits run on the same clock that turns an HTTP-date Retry-After into a wait.
        builder.TimeProvider = time;

        if (options.RetryEnabled && options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                MaxDelay = options.RetryMaxDelay,

                // Polly's own Retry-After support ignores MaxDelay and the HTTP-date form; RetryRules handles both.
                ShouldRetryAfterHeader = false,
                ShouldHandle = args => new ValueTask<bool>(RetryRules.ShouldRetry(args.Outcome, args.Context, vendor, time)),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryRules.DelayFromRetryAfter(args.Outcome, time)),
                OnRetry = args =>
                {
                    var status = RetryRules.StatusTag(args.Outcome);
                    var operation = CallRecord.Of(args.Outcome.Result?.RequestMessage ?? args.Context.GetRequestMessage())?.Operation.Name ?? vendorTag;
                    AuditTelemetry.Retries.Add(1, new TagList
                    {
                        { AuditTelemetry.VendorTag, vendorTag },
                        { AuditTelemetry.OperationTag, operation },
                        { AuditTelemetry.ErrorTypeTag, status },
                    });
                    AuditLog.Retrying(vendor.Log, operation, args.AttemptNumber + 1, status, args.RetryDelay);
                    return default;
                },
            });
        }

        // The total timeout around the retry, and each attempt's permit and deadline inside it, are
        // VendorPipelineHandler's own steps: as Polly strategies each would add async steps to every call over a socket
        // (RESULTS.md, "Levers taken").
    }
}
