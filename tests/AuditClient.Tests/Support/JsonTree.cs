using System.Text.Json;

namespace AuditClient.Tests.Support;

/// <summary>
/// Semantic JSON equality for round trips: property order does not matter; numbers must have the same digits
/// (<c>10.0</c> and <c>10</c> differ); strings, booleans, nulls and array order must match. One allowance, the SDK's
/// documented decision: a known field sent as <c>null</c> may come back absent (requests never send null). The
/// corpus tests check separately that unknown fields keep their nulls.
/// </summary>
internal static class JsonTree
{
    /// <summary>The first difference between the trees, as a JSON path and what differs; null when equal.</summary>
    public static string? Difference(JsonElement expected, JsonElement actual, string path = "$")
    {
        if (expected.ValueKind != actual.ValueKind)
        {
            return $"{path}: {expected.ValueKind} {Excerpt(expected)} became {actual.ValueKind} {Excerpt(actual)}";
        }

        switch (expected.ValueKind)
        {
            case JsonValueKind.Object:
                var actualProperties = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
                foreach (var property in actual.EnumerateObject())
                {
                    if (!actualProperties.TryAdd(property.Name, property.Value))
                    {
                        return $"{path}.{property.Name}: written twice";
                    }
                }

                foreach (var property in expected.EnumerateObject())
                {
                    if (!actualProperties.Remove(property.Name, out var value))
                    {
                        if (property.Value.ValueKind == JsonValueKind.Null)
                        {
                            continue;
                        }

                        return $"{path}.{property.Name}: lost ({Excerpt(property.Value)})";
                    }

                    if (Difference(property.Value, value, $"{path}.{property.Name}") is { } difference)
                    {
                        return difference;
                    }
                }

                return actualProperties.Count == 0 ? null : $"{path}: added {string.Join(", ", actualProperties.Keys)}";
            case JsonValueKind.Array:
                if (expected.GetArrayLength() != actual.GetArrayLength())
                {
                    return $"{path}: {expected.GetArrayLength()} entries became {actual.GetArrayLength()}";
                }

                var index = 0;
                foreach (var (e, a) in expected.EnumerateArray().Zip(actual.EnumerateArray()))
                {
                    if (Difference(e, a, $"{path}[{index++}]") is { } difference)
                    {
                        return difference;
                    }
                }

                return null;
            case JsonValueKind.String:
                return expected.GetString() == actual.GetString() ? null : $"{path}: {Excerpt(expected)} became {Excerpt(actual)}";
            case JsonValueKind.Number:
                // The digits, not the value: 10.0 must stay 10.0.
                return expected.GetRawText() == actual.GetRawText() ? null : $"{path}: {expected.GetRawText()} became {actual.GetRawText()}";
            default:
                return null;
        }
    }

    /// <summary>Every path whose value is an explicit null.</summary>
    public static IEnumerable<string> NullPaths(JsonElement element, string path = "$")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                yield return path;
                break;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    foreach (var inner in NullPaths(property.Value, $"{path}.{property.Name}"))
                    {
                        yield return inner;
                    }
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var entry in element.EnumerateArray())
                {
                    foreach (var inner in NullPaths(entry, $"{path}[{index++}]"))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }

    private static string Excerpt(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 80 ? text : text[..80] + "...";
    }
}
