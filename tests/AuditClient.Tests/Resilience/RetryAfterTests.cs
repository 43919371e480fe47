using System.Globalization;
using System.Net;
using AuditClient.Core.Http;
using AuditClient.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Polly;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// The vendor pipeline waits exactly as long as <c>Retry-After</c> asks, on a fake clock: the second attempt leaves
/// once, and only once, the clock has moved by that much.
/// </summary>
public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(250);

    [Test]
    public async Task The_next_attempt_waits_for_a_Retry_After_in_seconds_even_beyond_the_longest_backoff()
    {
        var waited = await ClockTimeBeforeSecondAttempt(_ => "7");

        Assert.That(waited, Is.InRange(TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7) + Step + Step));
    }

    [Test]
    public async Task The_next_attempt_waits_until_a_Retry_After_date()
    {
        var waited = await ClockTimeBeforeSecondAttempt(now => now.AddSeconds(30).ToString("r", CultureInfo.InvariantCulture));

        Assert.That(waited, Is.InRange(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30) + Step + Step));
    }

    private static async Task<TimeSpan> ClockTimeBeforeSecondAttempt(Func<DateTimeOffset, string> retryAfter)
    {
        var time = new FakeTimeProvider(Start);
        var options = new ScaleOptions { ApiKey = "k" };
        FastRetries.Apply(options.Resilience);
        using var runtime = new VendorRuntime(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        VendorPipeline.Configure(builder, runtime, time);
        var pipeline = builder.Build();

        var attempts = 0;
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = pipeline.ExecuteAsync(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "https://api.example.test/v1/task/t");
            if (Interlocked.Increment(ref attempts) == 1)
            {
                var limited = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request };
                limited.Headers.TryAddWithoutValidation("Retry-After", retryAfter(time.GetUtcNow()));
                return ValueTask.FromResult(limited);
            }

            second.TrySetResult();
            return ValueTask.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { RequestMessage = request });
        }).AsTask();

        while (!second.Task.IsCompleted)
        {
            Assert.That(time.GetUtcNow() - Start, Is.LessThan(TimeSpan.FromMinutes(2)), "the second attempt never left");
            time.Advance(Step);
            await Task.WhenAny(second.Task, Task.Delay(5));
        }

        using var response = await call;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return time.GetUtcNow() - Start;
    }
}
