using System.Text;
using System.Text.RegularExpressions;

namespace AuditClient.Benchmarks.CallOverhead;

/// <summary>Proves, before measuring, that the compared stacks put the same request on the wire.</summary>
internal static partial class SameRequests
{
    private static readonly string[] ComparedHeaders = ["Authorization", "Accept", "Content-Type"];

    public static void Check(InMemoryHandler handler, string call, IReadOnlyList<Func<Task<object?>>> stacks)
    {
        string? expected = null;
        foreach (var stack in stacks)
        {
            string? seen = null;
            handler.Inspect = (request, body) => seen = Describe(request, body);
            try
            {
                _ = stack().GetAwaiter().GetResult() ?? throw new InvalidOperationException($"{call}: a stack returned nothing.");
            }
            finally
            {
                handler.Inspect = null;
            }

            if (seen is null)
            {
                throw new InvalidOperationException($"{call}: a stack sent no request.");
            }

            expected ??= seen;
            if (seen != expected)
            {
                throw new InvalidOperationException($"{call}: the stacks send different requests.\n--- first:\n{expected}\n--- this one:\n{seen}");
            }
        }

        Console.WriteLine($"// {call}: {stacks.Count} stacks send the same request:\n{expected}");
    }

    [GeneratedRegex("\"auditclient_token\":\"[0-9a-f]{32}\"")]
    private static partial Regex ReconcileToken();

    private static string Describe(HttpRequestMessage request, byte[]? body)
    {
        var text = new StringBuilder().Append(request.Method).Append(' ').Append(request.RequestUri).Append('\n');
        foreach (var name in ComparedHeaders)
        {
            var values = request.Headers.TryGetValues(name, out var v) ? v
                : request.Content is { } content && content.Headers.TryGetValues(name, out var c) ? c
                : null;
            text.Append(name).Append(": ").Append(values is null ? "(none)" : string.Join(", ", values)).Append('\n');
        }

        // The property, not the header list: a content computes its length when asked, as the transport asks it.
        text.Append("Content-Length: ").Append(request.Content?.Headers.ContentLength?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)").Append('\n');
        // A fixless create carries a fresh reconcile token per call, on every stack: its value is all that may differ.
        return text.Append(body is null ? "(no body)" : ReconcileToken().Replace(Encoding.UTF8.GetString(body), "\"auditclient_token\":\"(token)\"")).ToString();
    }
}
