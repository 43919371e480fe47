#if !NET9_0_OR_GREATER
namespace AuditClient.Samples.Snippets;

/// <summary>
/// The samples app targets net10.0 and guards with <c>System.Threading.Lock</c> (.NET 9 and later). On net8.0 the
/// tests compile its code in (see the project file) and this stands in: <c>lock</c> on any other object is a monitor,
/// the same mutual exclusion.
/// </summary>
internal sealed class Lock;
#endif
