using System.Runtime.Versioning;

namespace AuditClient.Tests.Core;

/// <summary>
/// The suite runs once per target the library ships (net10.0 with `dotnet test`, net8.0 self-contained in .ci/run): each
/// run must be on the runtime of its target, or a net8.0 run that rolled forward to a newer runtime would pass while
/// testing nothing of .NET 8.
/// </summary>
public sealed class TargetRuntimeTests
{
    [Test]
    public void The_tests_run_on_the_runtime_version_of_the_target_they_were_built_for()
    {
        var target = typeof(TargetRuntimeTests).Assembly.GetCustomAttributes(typeof(TargetFrameworkAttribute), false)
            .Cast<TargetFrameworkAttribute>().Single().FrameworkName;
        var targetVersion = new FrameworkName(target).Version;

        Assert.That((Environment.Version.Major, Environment.Version.Minor), Is.EqualTo((targetVersion.Major, targetVersion.Minor)),
            $"built for {target}, running on {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");
    }
}
