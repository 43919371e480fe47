using System.Text.Json;

namespace AuditClient.Scale;

/// <summary>
/// A scope whose <c>type</c> this version of the SDK does not know. It keeps the whole JSON object and writes it back
/// unchanged, so an audit read and sent again loses nothing.
/// </summary>
public sealed class FeedbackItemScopeUnknown : FeedbackItemScope
{
    /// <summary>Wraps a scope's JSON object, which must have a string <c>type</c>.</summary>
    /// <param name="json">The scope object. It is cloned: the caller's document may be disposed.</param>
    /// <exception cref="ArgumentException"><paramref name="json"/> is not an object with a string <c>type</c>.</exception>
    public FeedbackItemScopeUnknown(JsonElement json)
    {
        if (json.ValueKind != JsonValueKind.Object
            || !json.TryGetProperty("type"u8, out var type)
            || type.ValueKind != JsonValueKind.String)
        {
            throw new ArgumentException("A scope must be a JSON object with a string \"type\".", nameof(json));
        }

        Json = json.Clone();
        Type = type.GetString()!;
    }

    /// <summary>The scope's <c>type</c>.</summary>
    public override string Type { get; }

    /// <summary>The whole scope object, as received.</summary>
    public JsonElement Json { get; }
}
