using System.Collections;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AuditClient.Tests.Support;

/// <summary>
/// Content equality of the SDK's models for assertions: the models are plain classes with reference equality
/// (docs/decisions/models.md), so a test that means "reads back as the same value" says so with this. Public
/// properties are compared one by one, lists and dictionaries entry by entry, JSON by its tree, and every value type
/// that defines its own equality (extensible enums, SensorId, Point2D, timestamps) by that equality.
/// </summary>
internal sealed class ModelEquality : IEqualityComparer
{
    public static ModelEquality Instance { get; } = new();

    public new bool Equals(object? x, object? y) => Same(x, y);

    // Assertions only ask for equality; a constant hash sends every pair to Equals.
    public int GetHashCode(object obj) => 0;

    public static bool Same(object? a, object? b) => FirstDifference(a, b) is null;

    /// <summary>The path of the first difference (such as <c>$.FeedbackItems[2].Scope.Interval.Start</c>), or null.</summary>
    public static string? FirstDifference(object? a, object? b, string path = "$")
    {
        if (a is null || b is null)
        {
            return a is null && b is null ? null : path;
        }

        // A list reads back as another list type than the array it was written from: only the items count.
        if (a.GetType() != b.GetType() && !(a is IEnumerable and not string && b is IEnumerable and not string))
        {
            return path;
        }

        switch (a)
        {
            case string text:
                return string.Equals(text, (string)b, StringComparison.Ordinal) ? null : path;
            case JsonNode node:
                return JsonNode.DeepEquals(node, (JsonNode)b) ? null : path;
            case JsonElement element:
                return JsonElement.DeepEquals(element, (JsonElement)b) ? null : path;
            case IEnumerable sequence when b is IEnumerable:
                var left = sequence.Cast<object?>().ToList();
                var right = ((IEnumerable)b).Cast<object?>().ToList();
                return left.Count != right.Count
                    ? path
                    : left.Zip(right).Select((p, i) => FirstDifference(p.First, p.Second, $"{path}[{i}]")).FirstOrDefault(d => d is not null);
        }

        var type = a.GetType();
        if (type.IsPrimitive || type.IsEnum || DefinesEquality(type))
        {
            return a.Equals(b) ? null : path;
        }

        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0)
            .Select(p => FirstDifference(p.GetValue(a), p.GetValue(b), $"{path}.{p.Name}"))
            .FirstOrDefault(d => d is not null);
    }

    private static bool DefinesEquality(Type type) =>
        type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEquatable<>) && i.GenericTypeArguments[0] == type);
}
