using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// Receives Scale's callbacks (posted to a task's <c>callback_url</c> when it completes and when its audit status
/// changes) in any host: ASP.NET Core, Azure Functions, <c>HttpListener</c>. <see cref="Verify"/> checks the
/// <c>scale-callback-auth</c> header, <see cref="ParseAsync"/> reads a bounded body and says what happened.
/// Thread-safe: one instance serves concurrent requests.
/// </summary>
public sealed class ScaleCallbackReceiver
{
    /// <summary>The header carrying the account's callback auth key.</summary>
    public const string AuthHeaderName = "scale-callback-auth";

    /// <summary>The default body limit: 10 MiB.</summary>
    public const int DefaultMaxBodyBytes = 10 * 1024 * 1024;

    private const int ChunkBytes = 16 * 1024;

    // Enough for any key in one stack buffer; longer header values are rented.
    private const int StackKeyBytes = 256;

    private readonly byte[] _key;

    /// <summary>Creates a receiver for the account whose callback auth key is <paramref name="callbackAuthKey"/>.</summary>
    /// <param name="callbackAuthKey">The callback auth key, from Scale's dashboard.</param>
    /// <param name="maxBodyBytes">The largest body accepted, in bytes; 10 MiB by default.</param>
    /// <exception cref="ArgumentNullException">The key is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not positive.</exception>
    public ScaleCallbackReceiver(string callbackAuthKey, int maxBodyBytes = DefaultMaxBodyBytes)
    {
        // The message never carries the key.
        ArgumentNullException.ThrowIfNull(callbackAuthKey);
        if (callbackAuthKey.Length == 0)
        {
            throw new ArgumentException("The callback auth key is required.", nameof(callbackAuthKey));
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBodyBytes);
        _key = Encoding.UTF8.GetBytes(callbackAuthKey);
        MaxBodyBytes = maxBodyBytes;
    }

    /// <summary>The largest body <see cref="ParseAsync"/> accepts, in bytes.</summary>
    public int MaxBodyBytes { get; }

    /// <summary>
    /// Whether <paramref name="headerValue"/> (the <c>scale-callback-auth</c> header) is the configured key. The
    /// comparison takes the same time wherever the bytes differ. A missing or empty header is not verified.
    /// </summary>
    /// <param name="headerValue">The header's value, or <see langword="null"/> when the request has none.</param>
    /// <returns><see langword="true"/> when the header carries exactly the key.</returns>
    public bool Verify(string? headerValue)
    {
        if (string.IsNullOrEmpty(headerValue))
        {
            return false;
        }

        var length = Encoding.UTF8.GetMaxByteCount(headerValue.Length);
        byte[]? rented = null;
        var buffer = length <= StackKeyBytes ? stackalloc byte[StackKeyBytes] : (rented = ArrayPool<byte>.Shared.Rent(length));
        try
        {
            var written = Encoding.UTF8.GetBytes(headerValue, buffer);
            return CryptographicOperations.FixedTimeEquals(buffer[..written], _key);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    /// <summary>
    /// Reads a callback body (at most <see cref="MaxBodyBytes"/>; reading stops as soon as the limit is passed) and
    /// parses it: <c>{"task": {...}, "response": {...}, ...}</c>, where older payloads name the task id <c>id</c>
    /// rather than <c>task_id</c>. Unknown fields are ignored. Does not check the header: call <see cref="Verify"/>
    /// first.
    /// </summary>
    /// <param name="body">The request body; read, not disposed.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The callback, classified.</returns>
    /// <exception cref="ScaleCallbackException">
    /// The body is larger than the limit (<see cref="ScaleCallbackException.IsTooLarge"/>), or is not a Scale callback.
    /// </exception>
    public async Task<ScaleCallback> ParseAsync(Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body.CanSeek && body.Length - body.Position > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var content = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk.AsMemory(0, ChunkBytes), cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (content.Length + read > MaxBodyBytes)
                {
                    throw TooLarge();
                }

                content.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return Parse(content.GetBuffer().AsMemory(0, (int)content.Length));
    }

    /// <summary>Returns the type name only: the key never reaches a log.</summary>
    /// <returns>The type name and the body limit.</returns>
    public override string ToString() => $"{nameof(ScaleCallbackReceiver)} (max body {MaxBodyBytes} bytes)";

    internal static ScaleCallbackKind Classify(ScaleTask task, ScaleTaskStatus? callbackStatus)
    {
        // customer_review_status reflects the most recent audit; the audit records speak only when it is absent.
        var review = task.CustomerReviewStatus?.ToString() ?? task.LatestAudit?.AuditResult?.ToString();
        if (review == CustomerReviewStatus.Accepted.ToString())
        {
            return ScaleCallbackKind.AuditAccepted;
        }

        if (review == CustomerReviewStatus.Rejected.ToString())
        {
            return ScaleCallbackKind.AuditRejected;
        }

        if (review == CustomerReviewStatus.Fixed.ToString())
        {
            return ScaleCallbackKind.AuditFixed;
        }

        var notAudited = review is null || review == CustomerReviewStatus.Pending.ToString();
        return notAudited && (task.Status ?? callbackStatus) == ScaleTaskStatus.Completed
            ? ScaleCallbackKind.Completed
            : ScaleCallbackKind.Other;
    }

    private static ScaleCallback Parse(ReadOnlyMemory<byte> json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(ByteOrderMark.Skip(json));
        }
        catch (JsonException e)
        {
            throw Malformed($"the body is not JSON ({e.Message})", e);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed($"the body is a JSON {root.ValueKind}, not an object");
            }

            // The body carries the task under "task"; a body without one is taken as the task itself.
            var taskElement = root.TryGetProperty("task", out var nested) && nested.ValueKind == JsonValueKind.Object ? nested : root;
            ScaleTask task;
            try
            {
                task = taskElement.Deserialize(AuditClientJsonContext.Default.ScaleTask)
                    ?? throw Malformed("the task is null");
            }
            catch (JsonException e)
            {
                throw Malformed($"the task is not a Scale task ({e.Message})", e);
            }

            var taskId = task.TaskId ?? StringProperty(taskElement, "id") ?? StringProperty(root, "task_id") ?? StringProperty(root, "id");
            if (string.IsNullOrEmpty(taskId))
            {
                throw Malformed("the task has no id (task_id or id)");
            }

            JsonElement? response = root.TryGetProperty("response", out var r) && r.ValueKind != JsonValueKind.Null ? r.Clone() : task.Response;
            // The task was read for this callback alone: no one else holds it.
            task.TaskId = taskId;
            task.Response ??= response;
            ScaleTaskStatus? callbackStatus = StringProperty(root, "status") is { } s ? new ScaleTaskStatus(s) : (ScaleTaskStatus?)null;

            return new ScaleCallback
            {
                Kind = Classify(task, callbackStatus),
                Task = task,
                Response = response,
            };
        }
    }

    private static string? StringProperty(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private ScaleCallbackException TooLarge() =>
        new($"The Scale callback body is larger than {MaxBodyBytes} bytes; it was not read further.", isTooLarge: true);

    private static ScaleCallbackException Malformed(string why, Exception? inner = null) =>
        new($"The body is not a Scale callback: {why}.", isTooLarge: false, inner);
}
