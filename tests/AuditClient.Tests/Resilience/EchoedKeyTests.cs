using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using AuditClient.CloudFactory;
using AuditClient.Echoes;
using AuditClient.Scale;
using AuditClient.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// A hostile vendor on a raw socket echoes the API key in every form it can come back in (as is, JSON-escaped by
/// different encoders, percent-encoded, as HTML character references, and Scale's as the Base64 of its Basic
/// credential, padded or not), in the error body and in response headers. No text the SDK hands out holds it: the
/// exception's message, vendor message, excerpt, request id, headers and ToString(), every log line at Trace, and the
/// tags of spans and metrics.
/// </summary>
[NonParallelizable]
public sealed class EchoedKeyTests
{
    // '/', '+', '&', '<' and '"' are what JSON and percent-encoding change; the Basic credential of this key holds a
    // '+' and padding.
    private const string ScaleKey = "sk/live+Sc&le<9f\"3a>>";
    private const string CloudFactoryKey = "cf/test+key=91bd&<>";
    private static readonly string Basic = Convert.ToBase64String(Encoding.UTF8.GetBytes(ScaleKey + ":"));
    private static readonly string[] Secrets = [ScaleKey, CloudFactoryKey, Basic, Basic.TrimEnd('=')];

    public static IEnumerable<TestCaseData> Echoes() =>
        from vendor in new[] { "Scale", "CloudFactory" }
        from form in EchoForms.All.Keys
        select new TestCaseData(vendor, form).SetArgDisplayNames(vendor, form);

    [TestCaseSource(nameof(Echoes))]
    public async Task A_key_echoed_in_an_error_body_and_headers_reaches_no_exception_log_or_tag(string vendor, string formName)
    {
        var form = EchoForms.All[formName];
        var key = vendor == "Scale" ? ScaleKey : CloudFactoryKey;
        var credential = vendor == "Scale" ? $", Basic {form(Basic)} ({form(Basic.TrimEnd('='))})" : string.Empty;
        using var server = EchoingServer.Start((_, _) => new EchoAnswer(
            401,
            $$"""{"error":"invalid key {{form(key)}}{{credential}}","message":"invalid key {{form(key)}}{{credential}}","code":"{{form(key)}}"}""",
            $"X-Request-Id: {form(key)}",
            $"Via: 1.1 proxy {form(key)}{credential}"));
        using var capture = new Capture();
        await using var provider = Clients(server.Url, capture.Logs);

        var error = await Assert.ThrowsAsync<AuditAuthenticationException>(() => vendor == "Scale"
            ? provider.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId)
            : provider.GetRequiredService<ICloudFactoryQualityApi>().SubmitTaskReviewedAsync(Requests.ValidReview(repeatSafe: false)));

        string?[] texts =
        [
            error!.Message, error.VendorMessage, error.ToString(), error.ResponseExcerpt, error.RequestId, error.ErrorCode,
            .. error.ResponseHeaders.Select(h => $"{h.Key}: {h.Value}"), .. capture.Logs.Lines, .. capture.Telemetry,
        ];
        using (Assert.EnterMultipleScope())
        {
            Assert.That(EchoForms.Leaks(Secrets, texts), Is.Empty);

            // The echo was read, and the headers were logged, with the key replaced.
            Assert.That(error.VendorMessage, Does.StartWith("invalid key [redacted]"));
            Assert.That(error.RequestId, Is.EqualTo("[redacted]"));
            Assert.That(capture.Logs.Lines, Has.Some.Contains("X-Request-Id: [redacted]").IgnoreCase);
            Assert.That(capture.Telemetry, Is.Not.Empty);
        }
    }

    [Test]
    public async Task A_key_quoted_by_a_runtime_exception_reaches_neither_the_exceptions_text_nor_the_logs()
    {
        // A header line without a colon: HttpClient refuses it with an exception that quotes the line.
        using var server = EchoingServer.Start((_, _) => new EchoAnswer(200, "{}", $"X-Request-Id {ScaleKey}"));
        using var capture = new Capture();
        await using var provider = Clients(server.Url, capture.Logs);

        var error = await Assert.ThrowsAsync<AuditTransportException>(() => provider.GetRequiredService<IScaleTasksApi>().GetTaskAsync(Requests.TaskId));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(EchoForms.Leaks(Secrets, [error!.Message, error.ToString(), .. capture.Logs.Lines]), Is.Empty);
            Assert.That(error.InnerException?.Message, Does.Contain(ScaleKey), "the runtime's own exception is kept as it is, for its type and fields");
            Assert.That(error.ToString(), Does.Contain("[redacted]"));
        }
    }

    private static ServiceProvider Clients(Uri server, CapturedLogs logs)
    {
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddAuditClients(o =>
        {
            o.Scale.ApiKey = ScaleKey;
            o.Scale.BaseAddress = server;
            o.CloudFactory.ApiKey = CloudFactoryKey;
            o.CloudFactory.BaseAddress = server;
            o.Scale.ReconcileWrites = false;
            FastRetries.Apply(o);
        });
        var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();
        return provider;
    }

    /// <summary>Every log line at Trace, and the text of every span (name, status, tags, events) and metric tag recorded meanwhile.</summary>
    private sealed class Capture : IDisposable
    {
        private readonly ConcurrentQueue<string> _telemetry = new();
        private readonly ActivityListener _activities;
        private readonly MeterListener _meters = new();

        public Capture()
        {
            _activities = new ActivityListener
            {
                ShouldListenTo = _ => true,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a =>
                {
                    _telemetry.Enqueue($"{a.Source.Name} {a.OperationName} {a.DisplayName} {a.Status} {a.StatusDescription}");
                    foreach (var tag in a.TagObjects)
                    {
                        _telemetry.Enqueue($"{tag.Key}={tag.Value}");
                    }

                    foreach (var e in a.Events)
                    {
                        _telemetry.Enqueue($"{e.Name}: {string.Join("; ", e.Tags.Select(t => $"{t.Key}={t.Value}"))}");
                    }
                },
            };
            ActivitySource.AddActivityListener(_activities);
            _meters.InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument);
            _meters.SetMeasurementEventCallback<long>((instrument, _, tags, _) => Record(instrument, tags));
            _meters.SetMeasurementEventCallback<double>((instrument, _, tags, _) => Record(instrument, tags));
            _meters.SetMeasurementEventCallback<int>((instrument, _, tags, _) => Record(instrument, tags));
            _meters.Start();
        }

        public CapturedLogs Logs { get; } = new();

        public IReadOnlyCollection<string> Telemetry => _telemetry;

        public void Dispose()
        {
            _activities.Dispose();
            _meters.Dispose();
        }

        private void Record(Instrument instrument, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var text = new StringBuilder(instrument.Name);
            foreach (var tag in tags)
            {
                text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
            }

            _telemetry.Enqueue(text.ToString());
        }
    }
}
