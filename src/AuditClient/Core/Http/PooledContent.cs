using System.Buffers;
using System.Net;
using System.Text.Json;
using AuditClient.Core.Errors;
using AuditClient.Core.Serialization;

namespace AuditClient.Core.Http;

/// <summary>
/// What the attempt read of an answer's body, in place of the content it was read from (whose headers it keeps): the
/// whole body in a buffer rented from <see cref="ArrayPool{T}.Shared"/> (a success of a known length up to
/// <see cref="MaxPooledLength"/>), or only its start (an error's, up to what an exception decodes; a larger success's,
/// read by the call's <see cref="AnswerReader"/> as it arrived, whose value or failure it carries). So memory follows
/// what a caller keeps, never the size of an answer. Disposing it returns the buffer: the SDK reads a body only while
/// its answer is alive (<see cref="ApiCall"/> disposes the answer after reading it, and an error keeps the text, not
/// the stream), so no reader sees a buffer after it went back. A page of a task listing is about 100 KB, above the
/// large object heap's threshold: without the pool every page would be a new large object.
/// </summary>
internal sealed class PooledContent : HttpContent
{
    /// <summary>
    /// Success bodies of a known length up to this size are read whole into pooled memory and deserialized from it; a
    /// larger one, or one of unknown length (chunked), is deserialized from the connection's stream as it arrives.
    /// </summary>
    internal const int MaxPooledLength = 1 << 20;

    // The start of a body deserialized as it arrived, for the excerpt of an exception when it is not the expected JSON:
    // enough bytes for an excerpt's characters whatever their UTF-8 length.
    private const int StreamedStartLength = 4 * ErrorMapper.ExcerptLength;

    private readonly int _length;
    private byte[]? _buffer;

    private PooledContent(byte[] buffer, int length, HttpContent original, bool whole)
    {
        _buffer = buffer;
        _length = length;
        IsWhole = whole;
        OriginalHeaders = original.Headers;
    }

    /// <summary>
    /// The headers of the content this one replaced (readable after it was disposed), which this one does not copy:
    /// nothing reads them but the allow-listed headers of an exception (<c>SafeHeaders</c>), and copying them cost every
    /// call a header collection. Text is read as UTF-8 (or as its byte-order mark says), which JSON is (RFC 8259).
    /// </summary>
    public System.Net.Http.Headers.HttpContentHeaders OriginalHeaders { get; }

    /// <summary>
    /// Whether <see cref="Body"/> is a success body read whole, to be deserialized; an error's is its start, however
    /// short the body, and a streamed body's is only its start.
    /// </summary>
    public bool IsWhole { get; }

    /// <summary>The bytes read (the whole body, or its start), for a reader that needs no stream; valid until the answer is disposed.</summary>
    public ReadOnlySpan<byte> Body => Buffer().AsSpan(0, _length);

    /// <summary><see cref="Body"/> without a byte-order mark, which JSON read from a span may not start with.</summary>
    public ReadOnlySpan<byte> Json => ByteOrderMark.Skip(Body);

    /// <summary>
    /// What the call's <see cref="AnswerReader"/> made of a body it read as it arrived; <see langword="null"/> for a
    /// body read into memory (a field of its own, so that the usual answer's content is no larger for it).
    /// </summary>
    public StreamedBody? Streamed { get; private init; }

    /// <summary>
    /// Reads <paramref name="response"/>'s body under <paramref name="cancellationToken"/> (the attempt's deadline), and
    /// leaves in its place what the call needs of it: an error's start, up to what its exception decodes
    /// (<see cref="ErrorMapper.MaxBodyBytesRead"/>; the rest is not read, and disposing the answer drains a little of it
    /// or closes the connection); a success of known length up to <see cref="MaxPooledLength"/> whole; a larger one or
    /// one of unknown length read by <paramref name="reader"/> as it arrives (a request that did not come through
    /// <see cref="ApiCall"/> has none, and its sender reads such a body itself). A body that stalls ends with the
    /// deadline, and one cut off is a transport failure, whichever way it is read.
    /// </summary>
    public static async Task ReadAsync(HttpResponseMessage response, AnswerReader? reader, long maxLength, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var declared = original.Headers.ContentLength;
        if (!response.IsSuccessStatusCode)
        {
            var limit = declared is { } length && length < ErrorMapper.MaxBodyBytesRead ? (int)length : ErrorMapper.MaxBodyBytesRead;
            if (limit > 0)
            {
                await LoadAsync(response, limit, whole: false, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (declared == 0 || response.StatusCode == HttpStatusCode.NoContent)
        {
            return;
        }

        if (declared is > 0 and <= MaxPooledLength)
        {
            await LoadAsync(response, (int)declared.Value, whole: true, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (reader is not null)
        {
            await StreamAsync(response, reader, maxLength, cancellationToken).ConfigureAwait(false);
        }
    }

    // Reads the body's first length bytes (all of them when whole) into a pooled buffer.
    private static async Task LoadAsync(HttpResponseMessage response, int length, bool whole, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        int read;
        try
        {
            var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // The connection's stream ends the body at Content-Length and throws when it ends early.
                if (whole)
                {
                    await stream.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                    read = length;
                }
                else
                {
                    read = await stream.ReadAtLeastAsync(buffer.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception exception)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw AsTransportFailure(exception);
        }

        response.Content = new PooledContent(buffer, read, original, whole);
        original.Dispose();
    }

    // Runs the call's reader over the connection's stream, keeping the body's start for an excerpt.
    private static async Task StreamAsync(HttpResponseMessage response, AnswerReader reader, long maxLength, CancellationToken cancellationToken)
    {
        var original = response.Content;
        var start = ArrayPool<byte>.Shared.Rent(StreamedStartLength);
        PooledContent content;
        try
        {
            var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var counted = new StartKeepingStream(stream, start, maxLength);
                object? value = null;
                JsonException? failure = null;
                try
                {
                    value = await reader.ReadStreamAsync(counted, cancellationToken).ConfigureAwait(false);
                }
                catch (JsonException json) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = json;
                }
                catch (AnswerTooLargeException tooLarge)
                {
                    // Too large to read: judged as a success whose body cannot be read (a write so answered is in doubt).
                    failure = new JsonException(tooLarge.Message, tooLarge);
                }

                content = new PooledContent(start, counted.Kept, original, whole: false)
                {
                    Streamed = new StreamedBody(value, failure, counted.Position),
                };
            }
        }
        catch (Exception exception)
        {
            ArrayPool<byte>.Shared.Return(start);
            throw AsTransportFailure(exception);
        }

        response.Content = content;
        original.Dispose();
    }

    // The exception HttpClient's own buffering throws for a body that breaks off: the retry rules and the error mapping
    // see a transport failure, however the body was being read. A cancellation (the deadline) stays one.
    private static Exception AsTransportFailure(Exception exception) => exception switch
    {
        OperationCanceledException => exception,
        HttpRequestException or IOException => new HttpRequestException("Error while copying content to a stream.", exception),
        _ => exception,
    };

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(Buffer(), 0, _length);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Buffer(), 0, _length, cancellationToken);

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(Buffer(), 0, _length);

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(CreateContentReadStream(default));

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult(CreateContentReadStream(cancellationToken));

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) =>
        new MemoryStream(Buffer(), 0, _length, writable: false);

    protected override bool TryComputeLength(out long length)
    {
        length = _length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _buffer, null) is { } buffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        base.Dispose(disposing);
    }

    private byte[] Buffer() => _buffer ?? throw new ObjectDisposedException(nameof(PooledContent));

    /// <summary>What the call's reader made of a body read as it arrived.</summary>
    /// <param name="Value">What it read.</param>
    /// <param name="Failure">Why it could not: the body is not the expected JSON.</param>
    /// <param name="Length">The body's length, in bytes.</param>
    internal sealed record StreamedBody(object? Value, JsonException? Failure, long Length);

    /// <summary>
    /// A read-only view of a body's stream that counts the bytes read through it and keeps the first of them.
    /// </summary>
    private sealed class StartKeepingStream(Stream inner, byte[] start, long maxLength) : Stream
    {
        private long _position;

        /// <summary>How many bytes of the start were kept.</summary>
        public int Kept { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            Keep(buffer[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            Keep(buffer.Span[..read]);
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        private void Keep(ReadOnlySpan<byte> read)
        {
            _position += read.Length;
            if (_position > maxLength)
            {
                throw new AnswerTooLargeException(maxLength);
            }

            var room = start.Length - Kept;
            if (room > 0 && !read.IsEmpty)
            {
                var kept = Math.Min(room, read.Length);
                read[..kept].CopyTo(start.AsSpan(Kept));
                Kept += kept;
            }
        }
    }
}
