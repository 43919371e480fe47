namespace AuditClient.Testing.Http;

/// <summary>The one table from method and path to an endpoint of the fakes.</summary>
internal static class FakeRoutes
{
    public static FakeRoute Match(string method, string path)
    {
        // Scale's own documentation writes "/v1/audits/?task_id=": a trailing slash names the same resource.
        var trimmed = path.Length > 1 && path.EndsWith('/') ? path[..^1] : path;
        var segments = trimmed.Split('/');
        var vendor = segments is [_, "v1", "workstreams", ..] ? FakeVendor.CloudFactory : FakeVendor.Scale;

        return segments switch
        {
            ["", "v1", "audits"] => Pick(method, vendor, null, ("PUT", FakeEndpoint.ScaleCreateAudit), ("GET", FakeEndpoint.ScaleListAudits)),
            ["", "v1", "tasks"] => Pick(method, vendor, null, ("GET", FakeEndpoint.ScaleListTasks)),
            ["", "v1", "task", { Length: > 0 } id] => Pick(method, vendor, id, ("GET", FakeEndpoint.ScaleGetTask)),
            ["", "v1", "task", { Length: > 0 } id, "audit"] => Pick(method, vendor, id, ("POST", FakeEndpoint.ScaleAuditTask)),
            ["", "v1", "workstreams", { Length: > 0 } id, "task_reviewed"] => Pick(method, vendor, id, ("POST", FakeEndpoint.CloudFactoryTaskReviewed)),
            _ => new FakeRoute(null, vendor, null, MethodNotAllowed: false),
        };
    }

    private static FakeRoute Pick(string method, FakeVendor vendor, string? id, params (string Method, FakeEndpoint Endpoint)[] choices)
    {
        foreach (var choice in choices)
        {
            if (string.Equals(choice.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return new FakeRoute(choice.Endpoint, vendor, id, MethodNotAllowed: false);
            }
        }

        return new FakeRoute(null, vendor, id, MethodNotAllowed: true);
    }
}

/// <summary>Where a request goes: an endpoint (with the id in its path), or nowhere.</summary>
internal readonly record struct FakeRoute(FakeEndpoint? Endpoint, FakeVendor Vendor, string? ResourceId, bool MethodNotAllowed);
