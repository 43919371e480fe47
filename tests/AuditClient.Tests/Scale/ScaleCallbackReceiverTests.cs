using System.Text;
using AuditClient.Scale;

namespace AuditClient.Tests.Scale;

public sealed class ScaleCallbackReceiverTests
{
    private const string Key = "cb_live_4f9a2c7e1d";

    private static readonly ScaleCallbackReceiver Receiver = new(Key);

    private static Task<ScaleCallback> Parse(string json, ScaleCallbackReceiver? receiver = null) =>
        (receiver ?? Receiver).ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)));

    [Test]
    public void The_right_key_is_verified()
    {
        Assert.That(Receiver.Verify(Key), Is.True);
    }

    [TestCase(null, TestName = "missing header")]
    [TestCase("", TestName = "empty header")]
    [TestCase("cb_live_4f9a2c7e1e", TestName = "wrong last character")]
    [TestCase("CB_LIVE_4F9A2C7E1D", TestName = "differently cased, equal length")]
    [TestCase("cb_live_4f9a2c7e1", TestName = "a prefix of the key")]
    [TestCase("cb_live_4f9a2c7e1dX", TestName = "the key and more")]
    [TestCase(" cb_live_4f9a2c7e1d", TestName = "the key with a leading space")]
    public void Anything_but_the_exact_key_is_not_verified(string? header)
    {
        Assert.That(Receiver.Verify(header), Is.False);
    }

    [Test]
    public void A_very_long_header_is_not_verified_and_does_not_throw()
    {
        Assert.That(Receiver.Verify(new string('k', 100_000)), Is.False);
    }

    [Test]
    public void A_non_ascii_key_is_compared_as_utf8()
    {
        var receiver = new ScaleCallbackReceiver("clé-ünïcode-🔑");

        Assert.That(receiver.Verify("clé-ünïcode-🔑"), Is.True);
        Assert.That(receiver.Verify("cle-unicode-🔑"), Is.False);
    }

    [Test]
    public void The_comparison_is_the_constant_time_one()
    {
        // Timing cannot be asserted on a loaded machine; the source can: the header is compared in one place, by
        // CryptographicOperations.FixedTimeEquals, and never with == or SequenceEqual.
        var source = File.ReadAllText(Path.Combine(AuditClient.Docs.DocSnippets.RepositoryRoot, "src/AuditClient/Scale/Callbacks/ScaleCallbackReceiver.cs"));
        var verify = source[source.IndexOf("public bool Verify(", StringComparison.Ordinal)..source.IndexOf("public async Task<ScaleCallback> ParseAsync(", StringComparison.Ordinal)];

        Assert.That(verify, Does.Contain("CryptographicOperations.FixedTimeEquals("));
        Assert.That(verify, Does.Not.Contain("SequenceEqual").And.Not.Contain("string.Equals").And.Not.Contain("== _key"));
    }

    [Test]
    public void An_empty_key_is_refused_without_echoing_anything()
    {
        var error = Assert.Throws<ArgumentException>(() => _ = new ScaleCallbackReceiver(""));

        Assert.That(error!.ParamName, Is.EqualTo("callbackAuthKey"));
    }

    [Test]
    public void The_receiver_never_shows_its_key()
    {
        Assert.That(Receiver.ToString(), Does.Not.Contain(Key));
    }

    [Test]
    public async Task A_completed_task_is_classified_completed()
    {
        var callback = await Parse("""
            {"task":{"task_id":"t1","status":"completed","type":"imageannotation","response":{"category":"big"}},
             "response":{"category":"big"},"task_id":"t1"}
            """);

        Assert.That(callback.Kind, Is.EqualTo(ScaleCallbackKind.Completed));
        Assert.That(callback.TaskId, Is.EqualTo("t1"));
        Assert.That(callback.Response!.Value.GetProperty("category").GetString(), Is.EqualTo("big"));
        Assert.That(callback.LatestAudit, Is.Null);
    }

    [Test]
    public async Task A_completed_task_whose_review_is_pending_is_classified_completed()
    {
        var callback = await Parse("""{"task":{"task_id":"t1","status":"completed","customer_review_status":"pending"}}""");

        Assert.That(callback.Kind, Is.EqualTo(ScaleCallbackKind.Completed));
    }

    [TestCase("accepted", ScaleCallbackKind.AuditAccepted)]
    [TestCase("rejected", ScaleCallbackKind.AuditRejected)]
    [TestCase("fixed", ScaleCallbackKind.AuditFixed)]
    public async Task An_audit_is_classified_by_its_result_with_the_latest_audit_at_hand(string result, ScaleCallbackKind expected)
    {
        var callback = await Parse($$$"""
            {"task":{"task_id":"t1","status":"completed","customer_review_status":"{{{result}}}",
              "customer_review_comments":"reviewed",
              "audits":[
                {"audited_by":"old@example.com","audited_at":"2024-03-01T10:00:00.000Z","audit_result":"rejected","audit_source":"customer"},
                {"audited_by":"new@example.com","audited_at":"2024-03-02T10:00:00.000Z","audit_result":"{{{result}}}","audit_source":"customer"}
              ]},
             "response":{"category":"big"}}
            """);

        Assert.That(callback.Kind, Is.EqualTo(expected));
        Assert.That(callback.LatestAudit!.AuditedBy, Is.EqualTo("new@example.com"));
        Assert.That(callback.Task.CustomerReviewComments, Is.EqualTo(new[] { "reviewed" }));
    }

    [TestCase("accepted", ScaleCallbackKind.AuditAccepted)]
    [TestCase("rejected", ScaleCallbackKind.AuditRejected)]
    [TestCase("fixed", ScaleCallbackKind.AuditFixed)]
    public async Task Without_a_review_status_the_latest_audit_decides(string result, ScaleCallbackKind expected)
    {
        var callback = await Parse($$$"""
            {"task":{"task_id":"t1","status":"completed","audits":[
              {"audited_at":"2024-03-01T10:00:00.000Z","audit_result":"accepted"},
              {"audited_at":"2024-03-05T10:00:00.000Z","audit_result":"{{{result}}}"}]}}
            """);

        Assert.That(callback.Kind, Is.EqualTo(expected));
    }

    [TestCase("""{"task":{"task_id":"t1","status":"completed","customer_review_status":"commented"}}""", TestName = "a comment only")]
    [TestCase("""{"task":{"task_id":"t1","status":"canceled"}}""", TestName = "a canceled task")]
    [TestCase("""{"task":{"task_id":"t1","status":"completed","customer_review_status":"escalated"}}""", TestName = "an unknown review status")]
    public async Task Anything_else_is_classified_other(string json)
    {
        var callback = await Parse(json);

        Assert.That(callback.Kind, Is.EqualTo(ScaleCallbackKind.Other));
    }

    [Test]
    public async Task An_older_payload_naming_the_id_id_is_read()
    {
        var callback = await Parse("""{"task":{"id":"old-1","status":"completed"},"response":{"ok":true}}""");

        Assert.That(callback.TaskId, Is.EqualTo("old-1"));
        Assert.That(callback.Task.TaskId, Is.EqualTo("old-1"));
        Assert.That(callback.Kind, Is.EqualTo(ScaleCallbackKind.Completed));
    }

    [Test]
    public async Task An_older_payload_with_the_id_beside_the_task_is_read()
    {
        var callback = await Parse("""{"id":"old-2","status":"completed","task":{"status":"completed"},"response":{"ok":true}}""");

        Assert.That(callback.TaskId, Is.EqualTo("old-2"));
        Assert.That(callback.Task.Response!.Value.GetProperty("ok").GetBoolean(), Is.True);
    }

    [Test]
    public async Task Unknown_fields_anywhere_are_ignored()
    {
        var callback = await Parse("""
            {"unknown_top":{"deep":[1,2,3]},"task":{"task_id":"t1","status":"completed","brand_new_field":42,
              "audits":[{"audit_result":"accepted","audited_at":"2024-01-01T00:00:00Z","new_audit_field":"x"}]},
             "response":{"category":"big"},"callback_version":3}
            """);

        Assert.That(callback.Kind, Is.EqualTo(ScaleCallbackKind.AuditAccepted));
    }

    [TestCase("not json", TestName = "not JSON")]
    [TestCase("[1,2]", TestName = "an array")]
    [TestCase("""{"task":{"status":"completed"}}""", TestName = "no task id")]
    [TestCase("""{"task":{"task_id":"t1","audits":"soon"}}""", TestName = "a task of the wrong shape")]
    [TestCase("", TestName = "an empty body")]
    public async Task A_body_that_is_not_a_callback_is_refused_as_malformed(string body)
    {
        var error = await Assert.ThrowsAsync<ScaleCallbackException>(() => Parse(body));

        Assert.That(error!.IsTooLarge, Is.False);
    }

    [Test]
    public async Task A_20_mb_body_is_refused_after_reading_little_more_than_the_limit()
    {
        // Not seekable, so the length is unknown up front: the receiver must stop reading by itself.
        var body = new GeneratedStream(20 * 1024 * 1024);

        var error = await Assert.ThrowsAsync<ScaleCallbackException>(() => Receiver.ParseAsync(body));

        Assert.That(error!.IsTooLarge, Is.True);
        Assert.That(error.Message, Does.Contain(ScaleCallbackReceiver.DefaultMaxBodyBytes.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(body.BytesRead, Is.LessThanOrEqualTo(ScaleCallbackReceiver.DefaultMaxBodyBytes + (64 * 1024)));
    }

    [Test]
    public async Task A_seekable_body_longer_than_the_limit_is_refused_without_reading()
    {
        using var body = new MemoryStream(new byte[2048]);
        var receiver = new ScaleCallbackReceiver(Key, maxBodyBytes: 1024);

        var error = await Assert.ThrowsAsync<ScaleCallbackException>(() => receiver.ParseAsync(body));

        Assert.That(error!.IsTooLarge, Is.True);
        Assert.That(body.Position, Is.Zero);
    }

    [Test]
    public async Task A_body_exactly_at_the_limit_is_accepted()
    {
        var json = """{"task":{"task_id":"t1","status":"completed"}}""";
        var receiver = new ScaleCallbackReceiver(Key, maxBodyBytes: Encoding.UTF8.GetByteCount(json));

        var callback = await Parse(json, receiver);

        Assert.That(callback.TaskId, Is.EqualTo("t1"));
    }

    [Test]
    public async Task Parsing_honours_cancellation()
    {
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();

        await Assert.ThrowsAsync(Is.InstanceOf<OperationCanceledException>(), () => Receiver.ParseAsync(new GeneratedStream(1024), cts.Token));
    }

    /// <summary>A non-seekable stream of <c>length</c> bytes of JSON-ish filler that counts what was read.</summary>
    private sealed class GeneratedStream(long length) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - BytesRead);
            buffer[..n].Fill((byte)' ');
            BytesRead += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return new ValueTask<int>(Read(buffer.Span));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
