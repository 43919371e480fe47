using System.Text.Json;
using System.Text.Json.Nodes;
using AuditClient.Core.Wire;
using AuditClient.Testing.Http;

namespace AuditClient.Testing;

/// <summary>
/// The fake CloudFactory Quality API: <c>POST /v1/workstreams/{workstream_id}/task_reviewed</c>, with the reviews it
/// accepted kept in memory. Everything returned is a copy. Thread-safe.
/// </summary>
public sealed class CloudFactoryFake
{
    // The body fields of the task_reviewed reference (specs/cloudfactory-quality-api.txt lines 69-175), by documented type.
    private static readonly string[] RequiredIds = CloudFactoryWire.RequiredFields.Where(f => f is not ("review_completed_at" or "review_score")).ToArray();
    private static readonly string[] OptionalStrings = ["dataset_id", "asset_id", "task_id", "unique_id", "task_url", "reviewed_by", "review_explanation", "review_type"];
    private static readonly string[] OptionalNumbers = ["review_duration", "task_review_count", "subtask_review_count"];

    // review_measurements is in the example request (line 229) but not in the field list: no documented type to check.
    private static readonly string[] OptionalObjects = ["errors", "review_metadata"];

    private readonly object _gate = new();
    private readonly List<JsonObject> _reviews = [];
    private readonly FakeSettings _settings;
    private long _version;

    internal CloudFactoryFake(FakeSettings settings) => _settings = settings;

    /// <summary>
    /// Every review stored, in the order first received, as sent. A review sent again with the same <c>unique_id</c>
    /// (same workstream, use case and task definition) and <c>replace_duplicate</c> true or absent replaces the stored
    /// one in place; with <c>replace_duplicate</c> false the first is kept.
    /// </summary>
    public IReadOnlyList<JsonObject> Reviews
    {
        get
        {
            lock (_gate)
            {
                return FakeJson.CloneAll(_reviews);
            }
        }
    }

    /// <summary>The reviews stored whose body names this <c>workstream_id</c>, in the order first received.</summary>
    /// <param name="workstreamId">The workstream id.</param>
    /// <returns>Copies of the reviews; empty when there are none.</returns>
    public IReadOnlyList<JsonObject> ReviewsOf(string workstreamId)
    {
        lock (_gate)
        {
            return FakeJson.CloneAll(_reviews.Where(r => FakeJson.String(r, "workstream_id") == workstreamId));
        }
    }

    /// <summary>How many reviews were stored or replaced: a saver compares it with the value it last saved.</summary>
    internal long Version => Interlocked.Read(ref _version);

    /// <summary>Writes the reviews as the state file holds them: an array, in the order first received.</summary>
    internal void WriteState(System.Text.Json.Utf8JsonWriter writer)
    {
        lock (_gate)
        {
            writer.WriteStartArray();
            foreach (var review in _reviews)
            {
                review.WriteTo(writer);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>Replaces the reviews with those of a state file (already checked to be objects).</summary>
    internal void Restore(IEnumerable<JsonObject> reviews)
    {
        lock (_gate)
        {
            _reviews.Clear();
            _reviews.AddRange(reviews);
        }
    }

    internal FakeResponse TaskReviewed(FakeRequest request)
    {
        // API-Gateway style: a missing or wrong key is 403 with a bare message.
        if (!string.Equals(request.Headers["x-api-key"].ToString(), _settings.CloudFactoryApiKey, StringComparison.Ordinal))
        {
            return Error(403, "Forbidden");
        }

        // "Responses ... 400 Bad Request" (line 180) for a body that is not the documented JSON object, or breaks its
        // documented fields: "Required" ones absent, a value of another type than documented, review_score outside
        // "between 0 and 1" (line 143). Nothing else: the body's workstream_id is stored as sent, even when it is not the
        // path's (no document says the two are compared), and review_type takes any string (its four documented values
        // are what a client should send, not what the service is said to refuse).
        if (!FakeJson.TryParseObject(request.Body, out var review, out var parseError))
        {
            return Error(400, parseError);
        }

        var problems = Check(review);
        if (problems.Count > 0)
        {
            return Error(400, string.Join("; ", problems));
        }

        lock (_gate)
        {
            Store(review);
            Interlocked.Increment(ref _version);
        }

        return FakeResponse.Json(202, new JsonObject { ["message"] = "Data successfully received." });
    }

    private void Store(JsonObject review)
    {
        if (FakeJson.String(review, "unique_id") is { } uniqueId)
        {
            var index = _reviews.FindIndex(r => FakeJson.String(r, "unique_id") == uniqueId && SameTaskDefinition(r, review));
            if (index >= 0)
            {
                var replace = review["replace_duplicate"]?.GetValue<bool>() ?? true;
                if (replace)
                {
                    _reviews[index] = review;
                }

                return;
            }
        }

        _reviews.Add(review);
    }

    // The spec scopes unique_id to "any given WorkStream, use case and task definition".
    private static bool SameTaskDefinition(JsonObject a, JsonObject b) =>
        FakeJson.String(a, "workstream_id") == FakeJson.String(b, "workstream_id")
        && FakeJson.String(a, "use_case_id") == FakeJson.String(b, "use_case_id")
        && FakeJson.String(a, "task_definition_id") == FakeJson.String(b, "task_definition_id");

    private static List<string> Check(JsonObject review)
    {
        var problems = new List<string>();
        foreach (var name in RequiredIds)
        {
            if (FakeJson.NonBlank(review, name) is null)
            {
                problems.Add($"{name} is required and must be a non-empty string");
            }
        }

        if (!FakeJson.TryParseTimestamp(FakeJson.String(review, "review_completed_at"), out _))
        {
            problems.Add("review_completed_at is required and must be an ISO 8601 date-time");
        }

        if (!FakeJson.TryGetNumber(review["review_score"], out var score))
        {
            problems.Add("review_score is required and must be a number between 0 and 1");
        }
        else if (score is < CloudFactoryWire.MinReviewScore or > CloudFactoryWire.MaxReviewScore)
        {
            problems.Add($"review_score must be between 0 and 1 (was {score.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
        }

        foreach (var name in OptionalStrings)
        {
            Optional(review, name, JsonValueKind.String, "a string", problems);
        }

        foreach (var name in OptionalNumbers)
        {
            Optional(review, name, JsonValueKind.Number, "a number", problems);
        }

        foreach (var name in OptionalObjects)
        {
            Optional(review, name, JsonValueKind.Object, "an object", problems);
        }

        if (review["task_completed_at"] is not null && !FakeJson.TryParseTimestamp(FakeJson.String(review, "task_completed_at"), out _))
        {
            problems.Add("task_completed_at must be an ISO 8601 date-time");
        }

        if (review["replace_duplicate"] is { } replace && !FakeJson.IsBoolean(replace))
        {
            problems.Add("replace_duplicate must be a boolean");
        }

        return problems;
    }

    private static void Optional(JsonObject review, string name, JsonValueKind kind, string what, List<string> problems)
    {
        if (review[name] is { } value && value.GetValueKind() != kind)
        {
            problems.Add($"{name} must be {what}");
        }
    }

    private static FakeResponse Error(int status, string message) => FakeResponse.Error(FakeVendor.CloudFactory, status, message);
}
