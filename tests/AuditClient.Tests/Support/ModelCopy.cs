using System.Reflection;

namespace AuditClient.Tests.Support;

/// <summary>
/// The tests' stand-in for the <c>with</c> expressions the models had as records: a shallow copy (what <c>with</c>
/// made), then the change. The models are plain classes now (docs/decisions/models.md); the tests vary one field of a
/// valid request at a time, and this keeps each case one line.
/// </summary>
internal static class ModelCopy
{
    private static readonly MethodInfo s_memberwiseClone =
        typeof(object).GetMethod(nameof(MemberwiseClone), BindingFlags.Instance | BindingFlags.NonPublic)!;

    public static T With<T>(this T model, Action<T> change)
        where T : class
    {
        var copy = (T)s_memberwiseClone.Invoke(model, null)!;
        change(copy);
        return copy;
    }
}
