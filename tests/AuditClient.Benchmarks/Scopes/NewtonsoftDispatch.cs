using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace AuditClient.Benchmarks.Scopes;

// The same model for Newtonsoft.Json 13, with the usual union converter: load the scope into a JObject, read "type",
// then populate the matching class from the JObject. Newtonsoft has no use for System.Text.Json converters, so
// enumerations are strings, sensor_id a string (Newtonsoft reads a number into it as its text) and points double[].

public sealed class NewtonsoftFixlessAudit
{
    [JsonProperty("id")] public string? Id { get; set; }
    [JsonProperty("srn")] public string? Srn { get; set; }
    [JsonProperty("type")] public string? Type { get; set; }
    [JsonProperty("task_id")] public string? TaskId { get; set; }
    [JsonProperty("task_type")] public string? TaskType { get; set; }
    [JsonProperty("result")] public string? Result { get; set; }
    [JsonProperty("comments")] public string? Comments { get; set; }
    [JsonProperty("target_response")] public NewtonsoftTargetResponse? TargetResponse { get; set; }
    [JsonProperty("feedback_items")] public List<NewtonsoftFeedbackItem>? FeedbackItems { get; set; }
    [JsonProperty("metadata")] public JObject? Metadata { get; set; }
    [JsonProperty("active")] public bool? Active { get; set; }
    [JsonProperty("source")] public string? Source { get; set; }
    [JsonProperty("created_by")] public string? CreatedBy { get; set; }
    [JsonProperty("created_at")] public DateTimeOffset? CreatedAt { get; set; }
    [JsonProperty("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }
}

public sealed class NewtonsoftTargetResponse
{
    [JsonProperty("url")] public string? Url { get; set; }
}

public sealed class NewtonsoftFeedbackItem
{
    [JsonProperty("id")] public string? Id { get; set; }
    [JsonProperty("type")] public string? Type { get; set; }
    [JsonProperty("state")] public string? State { get; set; }
    [JsonProperty("scope")] public NewtonsoftScope? Scope { get; set; }
    [JsonProperty("category")] public string? Category { get; set; }
    [JsonProperty("severity")] public string? Severity { get; set; }
    [JsonProperty("description")] public string? Description { get; set; }
    [JsonProperty("metadata")] public JObject? Metadata { get; set; }
    [JsonProperty("updated_at")] public DateTimeOffset? UpdatedAt { get; set; }
    [JsonProperty("updated_by")] public string? UpdatedBy { get; set; }
    [JsonProperty("grader_output")] public NewtonsoftGraderOutput? GraderOutput { get; set; }
}

public sealed class NewtonsoftGraderOutput
{
    [JsonProperty("conflict")] public bool? Conflict { get; set; }
    [JsonProperty("explanation")] public string? Explanation { get; set; }
}

[JsonConverter(typeof(NewtonsoftScopeConverter))]
public abstract class NewtonsoftScope
{
    [JsonProperty("interval")] public NewtonsoftInterval? Interval { get; set; }
}

public sealed class NewtonsoftScopeAnnotation : NewtonsoftScope
{
    [JsonProperty("annotation_id")] public string? AnnotationId { get; set; }
    [JsonProperty("sensor_id")] public string? SensorId { get; set; }
    [JsonProperty("attribute")] public string? Attribute { get; set; }
}

public sealed class NewtonsoftScopePolygon : NewtonsoftScope
{
    [JsonProperty("vertices")] public List<double[]>? Vertices { get; set; }
    [JsonProperty("missing_annotation_type")] public string? MissingAnnotationType { get; set; }
    [JsonProperty("stationary")] public bool? Stationary { get; set; }
    [JsonProperty("missing_annotation_class")] public string? MissingAnnotationClass { get; set; }
    [JsonProperty("sensor_id")] public string? SensorId { get; set; }
}

public sealed class NewtonsoftScopePoint : NewtonsoftScope
{
    [JsonProperty("coordinates")] public double[]? Coordinates { get; set; }
    [JsonProperty("missing_annotation_type")] public string? MissingAnnotationType { get; set; }
    [JsonProperty("stationary")] public bool? Stationary { get; set; }
    [JsonProperty("missing_annotation_class")] public string? MissingAnnotationClass { get; set; }
    [JsonProperty("sensor_id")] public string? SensorId { get; set; }
}

public sealed class NewtonsoftScopeScene : NewtonsoftScope
{
    [JsonProperty("attribute")] public string? Attribute { get; set; }
}

public sealed class NewtonsoftInterval
{
    [JsonProperty("type")] public string? Type { get; set; }
    [JsonProperty("start")] public long? Start { get; set; }
    [JsonProperty("end")] public long? End { get; set; }
}

public sealed class NewtonsoftScopeConverter : JsonConverter
{
    public override bool CanWrite => false;

    public override bool CanConvert(Type objectType) => objectType == typeof(NewtonsoftScope);

    public override object? ReadJson(JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
        {
            return null;
        }

        var json = JObject.Load(reader);
        NewtonsoftScope scope = (string?)json["type"] switch
        {
            "annotation" => new NewtonsoftScopeAnnotation(),
            "polygon" => new NewtonsoftScopePolygon(),
            "point" => new NewtonsoftScopePoint(),
            "scene" => new NewtonsoftScopeScene(),
            var other => throw new JsonSerializationException($"Unknown scope type {other}."),
        };
        using var scopeReader = json.CreateReader();
        serializer.Populate(scopeReader, scope);
        return scope;
    }

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer) => throw new NotSupportedException();
}
