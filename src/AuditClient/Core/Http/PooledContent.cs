using System.Buffers;
using System.Net;

namespace AuditClient.Core.Http;

/// <summary>
/// An answer's body read whole into a buffer rented from <see cref="ArrayPool{T}.Shared"/>, in place of the content
/// it was read from (whose headers it keeps). Disposing it returns the buffer: the SDK reads a body only while its
/// answer is alive (<see cref="ApiCall"/> disposes the answer after reading it, and an error keeps the text, not the
/// stream), so no reader sees a buffer after it went back. A page of a task listing is about 100 KB, above the large
/// object heap's threshold: without the pool every page would be a new large object.
/// </summary>
internal sealed class PooledContent : HttpContent
{
    /// <summary>Bodies up to this size are pooled; a larger one (or one of unknown size) is buffered as HttpClient does.</summary>
    internal const int MaxPooledLength = 1 << 20;

    private readonly int _length;
    private byte[]? _buffer;

    private PooledContent(byte[] buffer, int length, HttpContent original)
    {
        _buffer = buffer;
        _length = length;
        OriginalHeaders = original.Headers;
    }

    /// <summary>
    /// The headers of the content this one replaced (readable after it was disposed), which this one does not copy:
    /// nothing reads them but the allow-listed headers of an exception (<c>SafeHeaders</c>), and copying them cost every
    /// call a header collection. Text is read as UTF-8 (or as its byte-order mark says), which JSON is (RFC 8259).
    /// </summary>
    public System.Net.Http.Headers.HttpContentHeaders OriginalHeaders { get; }

    /// <summary>The body, for a reader that needs no stream (JSON from a span); valid until the answer is disposed.</summary>
    public ReadOnlySpan<byte> Body => Buffer().AsSpan(0, _length);

    /// <summary>
    /// Reads <paramref name="response"/>'s body into a pooled buffer when its <c>Content-Length</c> is known and at most
    /// <see cref="MaxPooledLength"/>, else into HttpClient's own buffer; either way the whole body is read here, under
    /// <paramref name="cancellationToken"/>.
    /// </summary>
    public static async Task LoadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var original = response.Content;
        if (original.Headers.ContentLength is not (> 0 and <= MaxPooledLength and var declared))
        {
#if NET9_0_OR_GREATER
            await original.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
#else
            // .NET 8 cannot cancel this read itself; disposing the answer aborts it.
            using (cancellationToken.Register(static r => ((HttpResponseMessage)r!).Dispose(), response))
            {
                await original.LoadIntoBufferAsync().ConfigureAwait(false);
            }

            // A read cut short by that disposal may end as if complete: what it read is not the answer.
            cancellationToken.ThrowIfCancellationRequested();
#endif
            return;
        }

        var length = (int)declared;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var stream = await original.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // The connection's stream ends the body at Content-Length and throws when it ends early.
                await stream.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            if (exception is OperationCanceledException)
            {
                throw;
            }

            // The exception HttpClient's own buffering throws for the same failure: the retry rules and the error
            // mapping see a transport failure, as before.
            throw new HttpRequestException("Error while copying content to a stream.", exception);
        }

        response.Content = new PooledContent(buffer, length, original);
        original.Dispose();
    }

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
}
