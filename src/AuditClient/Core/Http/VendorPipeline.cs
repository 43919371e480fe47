using System.Diagnostics;
using AuditClient.Core.Telemetry;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.RateLimiting;
using Polly.Retry;

namespace AuditClient.Core.Http;

/// <summary>
/// The resilience pipeline of one vendor, outermost first: total timeout, retry, rate limiter (so every attempt takes
/// a permit), attempt timeout. Waiting for the rate limiter counts against the total timeout, not the attempt's.
/// </summary>
internal static class VendorPipeline
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> builder, VendorRuntime vendor, TimeProvider time)
    {
        var options = vendor.Resilience;
        var vendorTag = vendor.Profile.Tag;

        // Backoff waits and timeouts run on the same clock that turns an HTTP-date Retry-After into a wait.
        builder.TimeProvider = time;
        builder.AddTimeout(options.TotalTimeout);

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
                    AuditTelemetry.Retries.Add(1, new TagList { { "vendor", vendorTag }, { "status", RetryRules.StatusTag(args.Outcome) } });
                    return default;
                },
            });
        }

        if (vendor.RateLimiter is { } limiter)
        {
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                RateLimiter = async args =>
                {
                    var started = Stopwatch.GetTimestamp();
                    var lease = await limiter.AcquireAsync(1, args.Context.CancellationToken).ConfigureAwait(false);
                    AuditTelemetry.RateLimiterWait.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new TagList { { "vendor", vendorTag } });
                    return lease;
                },
            });
        }

        builder.AddTimeout(options.AttemptTimeout);
    }
}
