using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace AuditClient.Testing.Http;

/// <summary>A request as the fakes' handlers see it: already read, routed, and independent of the connection.</summary>
internal sealed class FakeRequest(string method, IQueryCollection query, IHeaderDictionary headers, string body, string? resourceId)
{
    public string Method { get; } = method;

    public IQueryCollection Query { get; } = query;

    public IHeaderDictionary Headers { get; } = headers;

    public string Body { get; } = body;

    /// <summary>The id in the path: the task id or the workstream id.</summary>
    public string? ResourceId { get; } = resourceId;
}

/// <summary>An answer of the fakes, serialized while the handler still held its lock.</summary>
internal sealed class FakeResponse(int statusCode, byte[] body, long? retryAfterSeconds = null)
{
    public int StatusCode { get; } = statusCode;

    public byte[] Body { get; } = body;

    public long? RetryAfterSeconds { get; } = retryAfterSeconds;

    public static FakeResponse Json(int statusCode, JsonNode body) => new(statusCode, FakeJson.Serialize(body));

    /// <summary>The vendor's error body: Scale's <c>{"status_code","error"}</c> or CloudFactory's <c>{"message"}</c>.</summary>
    public static FakeResponse Error(FakeVendor vendor, int statusCode, string message, long? retryAfterSeconds = null)
    {
        JsonObject body = vendor == FakeVendor.Scale
            ? new JsonObject { ["status_code"] = statusCode, ["error"] = message }
            : new JsonObject { ["message"] = message };
        return new(statusCode, FakeJson.Serialize(body), retryAfterSeconds);
    }
}

/// <summary>Whose API an address belongs to, which decides the shape of error bodies.</summary>
internal enum FakeVendor
{
    Scale,
    CloudFactory,
}
