using System.Text.Json;
using System.Text.Json.Serialization;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>
/// <c>customer_review_comments</c>: Scale documents a string, and appends to an array once a task is fixed through
/// several audits. Whatever Scale sent is kept and written back as it came (a one-element array stays an array); the
/// view lists the comments. A list the caller sets is written in the shape Scale uses: one comment as the documented
/// string, several as an array.
/// </summary>
internal sealed class ReviewCommentsConverter : JsonConverter<LooseStrings>
{
    public override LooseStrings Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => LooseStrings.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, LooseStrings value, JsonSerializerOptions options) => value.Write(writer, oneAsString: true);
}
