using System.Globalization;
using System.Net;
using AuditClient.Core.Http;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.RateLimiting;
using Polly.Timeout;

namespace AuditClient.Tests.Resilience;

/// <summary>The retry rule, one decision at a time: what is repeated, for which requests, and after how long.</summary>
public sealed class RetryRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public enum Sent
    {
        Get,
        Post,
        PostMarkedRepeatSafe,
    }

    [TestCase(HttpStatusCode.TooManyRequests, Sent.Post, true)]
    [TestCase(HttpStatusCode.ServiceUnavailable, Sent.Post, true)]
    [TestCase(HttpStatusCode.InternalServerError, Sent.Get, true)]
    [TestCase(HttpStatusCode.InternalServerError, Sent.Post, false)]
    [TestCase(HttpStatusCode.InternalServerError, Sent.PostMarkedRepeatSafe, true)]
    [TestCase(HttpStatusCode.BadGateway, Sent.Get, true)]
    [TestCase(HttpStatusCode.BadGateway, Sent.Post, false)]
    [TestCase(HttpStatusCode.GatewayTimeout, Sent.Get, true)]
    [TestCase(HttpStatusCode.GatewayTimeout, Sent.Post, false)]
    [TestCase(HttpStatusCode.RequestTimeout, Sent.Post, false)]
    [TestCase(HttpStatusCode.RequestTimeout, Sent.PostMarkedRepeatSafe, true)]
    [TestCase(HttpStatusCode.BadRequest, Sent.Get, false)]
    [TestCase(HttpStatusCode.Unauthorized, Sent.Get, false)]
    [TestCase(HttpStatusCode.NotFound, Sent.Get, false)]
    [TestCase(HttpStatusCode.NotImplemented, Sent.Get, false)]
    [TestCase((HttpStatusCode)519, Sent.Get, false)]
    [TestCase((HttpStatusCode)520, Sent.Get, true)]
    [TestCase((HttpStatusCode)520, Sent.Post, false)]
    [TestCase((HttpStatusCode)524, Sent.PostMarkedRepeatSafe, true)]
    [TestCase((HttpStatusCode)530, Sent.Get, true)]
    [TestCase((HttpStatusCode)530, Sent.Post, false)]
    [TestCase((HttpStatusCode)531, Sent.Get, false)]
    public void An_answer_is_retried_only_where_the_rule_allows(HttpStatusCode status, Sent sent, bool retried)
    {
        using var request = Request(sent);
        using var response = new HttpResponseMessage(status) { RequestMessage = request };

        Assert.That(ShouldRetry(Outcome.FromResult(response), request), Is.EqualTo(retried));
    }

    [TestCase(Sent.Get, HttpRequestError.ConnectionError)]
    [TestCase(Sent.Post, HttpRequestError.ConnectionError)]
    [TestCase(Sent.Get, HttpRequestError.NameResolutionError)]
    [TestCase(Sent.Post, HttpRequestError.NameResolutionError)]
    public void A_connection_that_could_not_be_opened_is_retried_for_every_request(Sent sent, HttpRequestError error)
    {
        using var request = Request(sent);
        var refused = new HttpRequestException(error, "The connection could not be opened.");

        Assert.That(ShouldRetry(Outcome.FromException<HttpResponseMessage>(refused), request), Is.True);
    }

    // A request that did not come through the SDK's call (an app's handler calling out on the same client) has no
    // operation to ask: a GET is read-only, anything else may create a duplicate.
    [TestCase("GET", true)]
    [TestCase("HEAD", false)]
    [TestCase("POST", false)]
    [TestCase("PUT", false)]
    public async Task A_request_sent_outside_an_SDK_call_is_repeat_safe_only_as_a_GET(string method, bool repeatSafe)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "https://api.example.test/v1/x");
        using var response = new HttpResponseMessage(HttpStatusCode.BadGateway) { RequestMessage = request };
        var reset = new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely.");

        var decisions = await OutsideAnyCall(() => new[]
        {
            RetryRules.IsRepeatSafe(request),
            ShouldRetry(Outcome.FromResult(response), request),
            ShouldRetry(Outcome.FromException<HttpResponseMessage>(reset), request),
        });

        Assert.That(decisions, Is.All.EqualTo(repeatSafe));
    }

    [Test]
    public void A_request_of_another_call_is_judged_by_its_method_not_by_the_operation_in_flight()
    {
        // The call in flight is a repeat-safe write whose own request already reached the handlers.
        using var own = Request(Sent.PostMarkedRepeatSafe);
        using var runtime = new VendorRuntime(new ScaleOptions { ApiKey = "k" });
        CallRecord.Of(own)!.Entered(own, runtime, new FakeTimeProvider(Now));
        using var other = new HttpRequestMessage(HttpMethod.Post, "https://hooks.example.test/notify");

        Assert.That(RetryRules.IsRepeatSafe(other), Is.False);
        Assert.That(RetryRules.IsRepeatSafe(own), Is.True);
    }

    [Test]
    public void An_answer_whose_request_is_unknown_is_repeated_only_when_the_vendor_did_nothing()
    {
        using var inDoubt = new HttpResponseMessage(HttpStatusCode.InternalServerError);
        using var refused = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.That(ShouldRetry(Outcome.FromResult(inDoubt), request: null), Is.False);
        Assert.That(ShouldRetry(Outcome.FromResult(refused), request: null), Is.True);
    }

    [Test]
    public void An_answer_is_judged_by_the_request_it_answers()
    {
        using var request = Request(Sent.Get);
        using var response = new HttpResponseMessage(HttpStatusCode.InternalServerError) { RequestMessage = request };

        Assert.That(ShouldRetry(Outcome.FromResult(response), request: null), Is.True);
    }

    [TestCase(Sent.Get, true)]
    [TestCase(Sent.Post, false)]
    [TestCase(Sent.PostMarkedRepeatSafe, true)]
    public void A_failure_after_the_request_was_sent_is_retried_only_where_a_repeat_is_safe(Sent sent, bool retried)
    {
        using var request = Request(sent);
        Exception[] failures =
        [
            new HttpRequestException("An error occurred while sending the request.", new IOException("Connection reset by peer")),
            new HttpRequestException(HttpRequestError.ResponseEnded, "The response ended prematurely."),
            new IOException("Unable to read data from the transport connection"),
            new TimeoutRejectedException(TimeSpan.FromSeconds(1)),
        ];

        Assert.That(failures.Select(f => ShouldRetry(Outcome.FromException<HttpResponseMessage>(f), request)), Is.All.EqualTo(retried));
    }

    [Test]
    public void A_refusal_of_the_client_side_rate_limiter_is_not_retried()
    {
        using var request = Request(Sent.Get);

        Assert.That(ShouldRetry(Outcome.FromException<HttpResponseMessage>(new RateLimiterRejectedException()), request), Is.False);
    }

    [TestCase("60", true)]
    [TestCase("61", false)]
    [TestCase("3600", false)]
    public void A_429_is_retried_only_when_its_Retry_After_is_within_the_cap(string retryAfter, bool retried)
    {
        using var request = Request(Sent.Get);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request };
        response.Headers.TryAddWithoutValidation("Retry-After", retryAfter);

        Assert.That(ShouldRetry(Outcome.FromResult(response), request), Is.EqualTo(retried));
    }

    [Test]
    public void The_cap_applies_to_the_HTTP_date_form_too()
    {
        using var request = Request(Sent.Get);
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { RequestMessage = request };
        response.Headers.TryAddWithoutValidation("Retry-After", Now.AddMinutes(5).ToString("r", CultureInfo.InvariantCulture));

        Assert.That(ShouldRetry(Outcome.FromResult(response), request), Is.False);
    }

    [TestCase("7", 7.0)]
    [TestCase("0", 0.0)]
    public void The_wait_is_the_Retry_After_in_seconds(string header, double seconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", header);

        Assert.That(RetryRules.DelayFromRetryAfter(Outcome.FromResult(response), new FakeTimeProvider(Now)), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase(30, 30.0)]
    [TestCase(-30, 0.0)]
    public void The_wait_is_the_time_until_the_Retry_After_date_and_never_negative(int secondsAhead, double wait)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", Now.AddSeconds(secondsAhead).ToString("r", CultureInfo.InvariantCulture));

        Assert.That(RetryRules.DelayFromRetryAfter(Outcome.FromResult(response), new FakeTimeProvider(Now)), Is.EqualTo(TimeSpan.FromSeconds(wait)));
    }

    [Test]
    public void An_HTTP_date_Retry_After_is_converted_once_per_answer_so_every_reader_sees_the_same_wait()
    {
        using var request = Request(Sent.Get);
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests) { RequestMessage = request };
        response.Headers.TryAddWithoutValidation("Retry-After", Now.AddSeconds(30).ToString("r", CultureInfo.InvariantCulture));
        var time = new FakeTimeProvider(Now);

        var onArrival = RetryAfterHeader.Of(response, time);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.That(RetryRules.DelayFromRetryAfter(Outcome.FromResult(response), time), Is.EqualTo(onArrival).And.EqualTo(TimeSpan.FromSeconds(30)));
    }

    [Test]
    public void Without_Retry_After_the_backoff_decides()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.That(RetryRules.DelayFromRetryAfter(Outcome.FromResult(response), new FakeTimeProvider(Now)), Is.Null);
    }

    private static HttpRequestMessage Request(Sent sent)
    {
        var request = new HttpRequestMessage(sent == Sent.Get ? HttpMethod.Get : HttpMethod.Post, "https://api.example.test/v1/x");

        // As ApiCall sends it: in the flow of its call's record, whose operation says whether a repeat is safe.
        var operation = new ApiOperation(AuditClient.Scale.ScaleProfile.Instance, "test.x", request.Method.Method, "/v1/x")
        {
            RepeatSafe = sent != Sent.Post,
        };
        CallRecord.Begin(operation);
        return request;
    }

    /// <summary>Runs <paramref name="decide"/> in a flow of its own, where no call of the SDK is in flight.</summary>
    private static async Task<T> OutsideAnyCall<T>(Func<T> decide)
    {
        Task<T> decided;
        using (ExecutionContext.SuppressFlow())
        {
            decided = Task.Run(decide);
        }

        return await decided;
    }

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, HttpRequestMessage? request)
    {
        var context = ResilienceContextPool.Shared.Get();
        try
        {
            if (request is not null)
            {
                context.SetRequestMessage(request);
            }

            using var runtime = new VendorRuntime(new ScaleOptions { ApiKey = "k" });
            return RetryRules.ShouldRetry(outcome, context, runtime, new FakeTimeProvider(Now));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
