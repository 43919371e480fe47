using System.Text.Json;
using System.Text.Json.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// <c>customer_review_comments</c>: Scale documents a string, and appends to an array once a task is fixed through
/// several audits. Both read into one list. A single comment is written back as the documented string, several as
/// an array, so that a task read from Scale is written in the shape Scale would use.
/// </summary>
internal sealed class ReviewCommentsConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return [reader.GetString()!];
            case JsonTokenType.StartArray:
                var comments = new List<string>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.String:
                            comments.Add(reader.GetString()!);
                            break;
                        case JsonTokenType.Null:
                            // An audit saved without a comment leaves nothing to show.
                            break;
                        default:
                            throw new JsonException($"customer_review_comments: expected strings in the array, found {reader.TokenType}.");
                    }
                }

                return comments;
            default:
                throw new JsonException($"customer_review_comments: expected a string or an array of strings, found {reader.TokenType}.");
        }
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options)
    {
        if (value.Count == 1)
        {
            writer.WriteStringValue(value[0]);
            return;
        }

        writer.WriteStartArray();
        foreach (var comment in value)
        {
            writer.WriteStringValue(comment);
        }

        writer.WriteEndArray();
    }
}
