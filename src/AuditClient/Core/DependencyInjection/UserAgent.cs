using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace AuditClient.Core.DependencyInjection;

/// <summary>
/// The <c>User-Agent</c> of every request: <c>AuditClient/0.1.0 (.NET 10.0.1; Linux 6.1.0 ...)</c>, after the
/// application's own product token when it sets one (<c>myapp/1.2 AuditClient/0.1.0 (...)</c>), so that a vendor's
/// support can tell which SDK, runtime and application sent a request.
/// </summary>
internal static class UserAgent
{
    /// <summary>The SDK's product and comment, computed once.</summary>
    public static string Sdk { get; } = $"AuditClient/{PackageVersion()} ({Comment(RuntimeInformation.FrameworkDescription)}; {Comment(RuntimeInformation.OSDescription)})";

    /// <summary>The header's value for an application id (already validated), or the SDK's alone.</summary>
    public static string For(string? applicationId) => string.IsNullOrEmpty(applicationId) ? Sdk : $"{applicationId} {Sdk}";

    /// <summary>Whether <paramref name="value"/> is an RFC 9110 product: <c>token ["/" token]</c>.</summary>
    public static bool IsProduct(string value)
    {
        var slash = value.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? IsToken(value) : IsToken(value[..slash]) && IsToken(value[(slash + 1)..]);
    }

    // The informational version is the package version, with "+commit" appended by SourceLink: the commit is left out.
    private static string PackageVersion()
    {
        var assembly = typeof(UserAgent).Assembly;
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString(3)
            ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    private static bool IsToken(string value) => value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));

    // A comment may not hold unbalanced parentheses, a backslash or anything outside printable ASCII: some OS
    // descriptions do ("Linux ... (2024-02-01)"), so those characters are replaced rather than escaped.
    private static string Comment(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            builder.Append(c switch
            {
                '(' => '[',
                ')' => ']',
                '\\' => '/',
                _ when c is < ' ' or > '~' => '_',
                _ => c,
            });
        }

        return builder.ToString();
    }
}
