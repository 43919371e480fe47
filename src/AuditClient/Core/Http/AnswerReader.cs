using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AuditClient.Core.Serialization;

namespace AuditClient.Core.Http;

/// <summary>
/// How a call reads the body of a success, known to the attempt (through the call's <see cref="CallRecord"/>) so that
/// a body too large to hold in memory is read by it as it arrives, inside the attempt (<see cref="PooledContent.ReadAsync"/>).
/// </summary>
internal abstract class AnswerReader
{
    /// <summary>
    /// Reads a success body from its stream as it arrives (the connection's own, bounded by the attempt's deadline).
    /// Throws <see cref="JsonException"/> for a body that is not the expected JSON.
    /// </summary>
    public abstract ValueTask<object?> ReadStreamAsync(Stream body, CancellationToken cancellationToken);

    /// <summary>Reads a success body as <typeparamref name="T"/> with the package's JSON context.</summary>
    public static AnswerReader<T> Json<T>(JsonTypeInfo<T> type)
        where T : class => new JsonReader<T>(type);

    /// <summary>
    /// A success body read as text, for an endpoint whose answer is only an acknowledgement: a body read whole as
    /// <see cref="HttpContent"/> reads it (its byte-order mark or charset decides the encoding); one read as it arrives is
    /// decoded as UTF-8 up to <see cref="PooledContent.MaxPooledLength"/> bytes, and the rest is not read.
    /// </summary>
    public static AnswerReader<string> Text { get; } = new TextReader();

    private sealed class JsonReader<T>(JsonTypeInfo<T> type) : AnswerReader<T>
        where T : class
    {
        // From the pooled buffer the attempt read the body into, synchronously (no stream, no async state).
        public override ValueTask<T?> ReadAsync(HttpContent content, CancellationToken cancellationToken) =>
            content is PooledContent { IsWhole: true } pooled
                ? new ValueTask<T?>(JsonSerializer.Deserialize(pooled.Json, type))
                : ReadContentStreamAsync(content, cancellationToken);

        public override async ValueTask<object?> ReadStreamAsync(Stream body, CancellationToken cancellationToken) =>
            await JsonSerializer.DeserializeAsync(body, type, cancellationToken).ConfigureAwait(false);

        private async ValueTask<T?> ReadContentStreamAsync(HttpContent content, CancellationToken cancellationToken)
        {
            var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await JsonSerializer.DeserializeAsync(stream, type, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed class TextReader : AnswerReader<string>
    {
        public override async ValueTask<string?> ReadAsync(HttpContent content, CancellationToken cancellationToken) =>
            await content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);

        public override async ValueTask<object?> ReadStreamAsync(Stream body, CancellationToken cancellationToken)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(PooledContent.MaxPooledLength);
            try
            {
                var read = await body.ReadAtLeastAsync(buffer.AsMemory(0, PooledContent.MaxPooledLength), PooledContent.MaxPooledLength, throwOnEndOfStream: false, cancellationToken)
                    .ConfigureAwait(false);
                return Encoding.UTF8.GetString(ByteOrderMark.Skip(buffer.AsSpan(0, read)));
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }
}

/// <summary>An <see cref="AnswerReader"/> of <typeparamref name="T"/>.</summary>
internal abstract class AnswerReader<T> : AnswerReader
    where T : class
{
    /// <summary>
    /// Reads a success body that the attempt read whole (<see cref="PooledContent"/>), or any other content (one that did
    /// not come through the SDK's handler) from its stream. Throws <see cref="JsonException"/> for a body that is not the
    /// expected JSON.
    /// </summary>
    public abstract ValueTask<T?> ReadAsync(HttpContent content, CancellationToken cancellationToken);
}
