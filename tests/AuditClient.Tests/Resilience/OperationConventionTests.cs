using System.Reflection;
using AuditClient.Core.Http;
using Refit;

namespace AuditClient.Tests.Resilience;

/// <summary>
/// Each endpoint's method and path are written once, on its Refit method; the <see cref="ApiOperation"/> that names it
/// for telemetry and errors must say the same. Reflection over the package finds both sides, so a new endpoint or
/// operation is checked without being listed here.
/// </summary>
public sealed class OperationConventionTests
{
    private static readonly Assembly Package = typeof(ApiOperation).Assembly;

    [Test]
    public void Every_operation_has_the_method_and_path_of_exactly_one_Refit_method()
    {
        var endpoints = RefitEndpoints();
        var mismatches = Operations()
            .Where(o => endpoints.Count(e => e.Method == o.Method && e.Path == o.PathTemplate) != 1)
            .Select(o => $"{o.Name}: {o.Method} {o.PathTemplate}")
            .ToList();

        Assert.That(endpoints, Has.Count.GreaterThanOrEqualTo(6));
        Assert.That(mismatches, Is.Empty);
    }

    [Test]
    public void Every_Refit_method_is_named_by_an_operation_returns_the_raw_answer_and_takes_only_what_goes_on_the_wire()
    {
        var operations = Operations();
        var endpoints = RefitEndpoints();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(
                endpoints.Where(e => !operations.Any(o => o.Method == e.Method && o.PathTemplate == e.Path)).Select(e => e.Name),
                Is.Empty,
                "Refit methods without an operation");
            Assert.That(
                endpoints.Where(e => e.TakesPlumbing).Select(e => e.Name),
                Is.Empty,
                "Refit methods with a parameter that is not part of the HTTP call (the call's record travels in its flow)");
            Assert.That(endpoints.Where(e => !e.ReturnsAnswer).Select(e => e.Name), Is.Empty, "Refit methods that do not return the raw answer");
        }
    }

    [Test]
    public void Operation_names_are_unique_per_endpoint_and_only_reads_are_repeat_safe_by_default()
    {
        var operations = Operations();

        using (Assert.EnterMultipleScope())
        {
            Assert.That(operations.GroupBy(o => o.Name).Where(g => g.Select(o => (o.Method, o.PathTemplate)).Distinct().Count() > 1).Select(g => g.Key), Is.Empty);
            Assert.That(operations.Where(o => o.IsRead).Select(o => o.RepeatSafe), Has.All.True);
            Assert.That(
                operations.Where(o => !o.IsRead && o.RepeatSafe).Select(o => o.Name),
                Is.EquivalentTo(new[] { "cloudfactory.task_reviewed" }),
                "the one write a vendor deduplicates, declared per request by its client");
        }
    }

    private sealed record RefitEndpoint(string Name, string Method, string Path, bool TakesPlumbing, bool ReturnsAnswer);

    private static List<RefitEndpoint> RefitEndpoints() =>
    [
        .. from type in Package.GetTypes()
           where type.IsInterface
           from method in type.GetMethods()
           let attribute = method.GetCustomAttribute<HttpMethodAttribute>()
           where attribute is not null
           select new RefitEndpoint(
               $"{type.Name}.{method.Name}",
               attribute.Method.Method,
               attribute.Path,
               method.GetParameters().Any(p => p.ParameterType == typeof(CallRecord) || p.GetCustomAttribute<Refit.PropertyAttribute>() is not null),
               method.ReturnType == typeof(Task<HttpResponseMessage>)),
    ];

    private static List<ApiOperation> Operations() =>
    [
        .. Package.GetTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public))
            .Where(f => f.FieldType == typeof(ApiOperation))
            .Select(f => (ApiOperation)f.GetValue(null)!),
    ];
}
