using System.Text;
using System.Text.Json;
using AuditClient.Core.Serialization;
using AuditClient.Scale;
using BenchmarkDotNet.Attributes;

namespace AuditClient.Benchmarks.Scopes;

/// <summary>
/// Deserializing one large fixless audit (10,000 feedback items of mixed scopes, <c>type</c> last in each scope) from
/// UTF-8 bytes: the SDK's scope converter through the SDK's own context, against System.Text.Json's built-in
/// polymorphism and against Newtonsoft.Json with a JObject-dispatching converter. Setup checks that all three read the
/// same items and scopes. The SDK is the baseline, so each other row's ratios read as "times the SDK" (targets: built-in
/// >= 1.25 time and >= 1.33 bytes, Newtonsoft >= 3 time and >= 5 bytes).
/// </summary>
[MemoryDiagnoser]
public class ScopeDeserializationBenchmarks
{
    public const int Items = 10_000;

    private static readonly Newtonsoft.Json.JsonSerializer NewtonsoftSerializer = Newtonsoft.Json.JsonSerializer.CreateDefault();

    private byte[] _json = null!;

    [GlobalSetup]
    public void Setup()
    {
        _json = LargeAudit.Generate(Items);
        var sdk = Sdk();
        var builtIn = BuiltIn();
        var newtonsoft = NewtonsoftJObject();
        var expected = Census(sdk.FeedbackItems!.Select(i => (i.Scope!.Type, IntervalEnd(i.Scope), i.Id)));
        var fromBuiltIn = Census(builtIn.FeedbackItems!.Select(i => (ShapeOf(i.Scope!), IntervalEnd(i.Scope!), i.Id)));
        var fromNewtonsoft = Census(newtonsoft.FeedbackItems!.Select(i => (ShapeOf(i.Scope!), (double?)i.Scope!.Interval?.End, i.Id)));
        if (expected != fromBuiltIn || expected != fromNewtonsoft)
        {
            throw new InvalidOperationException($"The readers disagree:\nSDK:        {expected}\nbuilt-in:   {fromBuiltIn}\nNewtonsoft: {fromNewtonsoft}");
        }

        Console.WriteLine($"// {_json.Length:N0} bytes, {expected}");
    }

    [Benchmark(Description = "STJ built-in [JsonPolymorphic], out-of-order type")]
    public BuiltInFixlessAudit BuiltIn() => JsonSerializer.Deserialize(_json, BuiltInPolymorphismJson.Default.BuiltInFixlessAudit)!;

    [Benchmark(Baseline = true, Description = "SDK scope converter")]
    public FixlessAudit Sdk() => JsonSerializer.Deserialize(_json, AuditClientJsonContext.Default.FixlessAudit)!;

    [Benchmark(Description = "Newtonsoft.Json 13, JObject dispatch")]
    public NewtonsoftFixlessAudit NewtonsoftJObject()
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StreamReader(new MemoryStream(_json), Encoding.UTF8));
        return NewtonsoftSerializer.Deserialize<NewtonsoftFixlessAudit>(reader)!;
    }

    private static string Census(IEnumerable<(string Shape, double? End, string? Id)> items)
    {
        var list = items.ToList();
        var shapes = list.GroupBy(i => i.Shape).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}");
        return $"{list.Count} items ({string.Join(", ", shapes)}), interval ends sum {list.Sum(i => i.End ?? 0)}, distinct ids {list.Select(i => i.Id).Distinct().Count()}";
    }

    private static double? IntervalEnd(FeedbackItemScope scope) => scope switch
    {
        FeedbackItemScopeAnnotation a => a.Interval?.End,
        FeedbackItemScopePolygon p => p.Interval?.End,
        FeedbackItemScopePoint p => p.Interval?.End,
        FeedbackItemScopeScene s => s.Interval?.End,
        _ => null,
    };

    private static double? IntervalEnd(BuiltInScope scope) => scope switch
    {
        BuiltInScopeAnnotation a => a.Interval?.End,
        BuiltInScopePolygon p => p.Interval?.End,
        BuiltInScopePoint p => p.Interval?.End,
        BuiltInScopeScene s => s.Interval?.End,
        _ => null,
    };

    private static string ShapeOf(BuiltInScope scope) => scope switch
    {
        BuiltInScopeAnnotation => "annotation",
        BuiltInScopePolygon => "polygon",
        BuiltInScopePoint => "point",
        BuiltInScopeScene => "scene",
        _ => "?",
    };

    private static string ShapeOf(NewtonsoftScope scope) => scope switch
    {
        NewtonsoftScopeAnnotation => "annotation",
        NewtonsoftScopePolygon => "polygon",
        NewtonsoftScopePoint => "point",
        NewtonsoftScopeScene => "scene",
        _ => "?",
    };
}
