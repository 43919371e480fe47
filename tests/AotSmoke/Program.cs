using System.Net;
using System.Text;
using AuditClient;
using AuditClient.Scale;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

// A tiny loopback server answers one task lookup, so the published binary exercises configuration binding,
// DI, the generated Refit client, the resilience pipeline and source-generated JSON end to end.
var port = Random.Shared.Next(20_000, 60_000);
using var listener = new HttpListener();
listener.Prefixes.Add($"http://127.0.0.1:{port}/");
listener.Start();
var serve = Task.Run(async () =>
{
    var context = await listener.GetContextAsync();
    var ok = context.Request.Url?.AbsolutePath == "/v1/task/aot-1" && context.Request.Headers["Authorization"]?.StartsWith("Basic ", StringComparison.Ordinal) == true;
    var body = Encoding.UTF8.GetBytes(ok ? TaskJson : """{"status_code":400,"error":"unexpected request"}""");
    context.Response.StatusCode = ok ? 200 : 400;
    context.Response.ContentType = "application/json";
    await context.Response.OutputStream.WriteAsync(body);
    context.Response.Close();
});

// The configuration check reads the options' properties by reflection: under AOT it must still see every setting.
var mistyped = new ServiceCollection();
mistyped.AddAuditClients(new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AuditClients:Scale:ApiKey"] = "aot-key",
        ["AuditClients:Scale:GraderRules"] = "Warn",
        ["AuditClients:Scale:AllowUnlistedValues"] = "FeedbackItemCategory, FeedbackItemSeverity",
        ["AuditClients:Scale:Resilience:RequestPerSecond"] = "5",
    })
    .Build()
    .GetSection("AuditClients"));
using (var refused = mistyped.BuildServiceProvider())
{
    try
    {
        refused.GetRequiredService<IStartupValidator>().Validate();
        Console.Error.WriteLine("AOT smoke: a mistyped key was accepted");
        return 1;
    }
    catch (Microsoft.Extensions.Options.OptionsValidationException e)
        when (e.Message == "AuditClients:Scale:Resilience:RequestPerSecond is not a setting; did you mean RequestsPerSecond?")
    {
    }
}

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AuditClients:Scale:ApiKey"] = "aot-key",
        ["AuditClients:Scale:BaseAddress"] = $"http://127.0.0.1:{port}",
        ["AuditClients:Scale:AllowUnlistedValues"] = "FeedbackItemCategory, FeedbackItemSeverity",
    })
    .Build();
var services = new ServiceCollection();
services.AddAuditClients(configuration.GetSection("AuditClients"));
using var provider = services.BuildServiceProvider();
provider.GetRequiredService<IStartupValidator>().Validate();

// A set of flags is bound from names separated by commas.
if (provider.GetRequiredService<IOptions<AuditClientOptions>>().Value.Scale.AllowUnlistedValues
    != (ScaleValueSets.FeedbackItemCategory | ScaleValueSets.FeedbackItemSeverity))
{
    Console.Error.WriteLine("AOT smoke: AllowUnlistedValues was not bound");
    return 1;
}

var task = await provider.GetRequiredService<IScaleTasksApi>().GetTaskAsync("aot-1");
await serve;
if (task.TaskId != "aot-1")
{
    Console.Error.WriteLine("AOT smoke: unexpected task");
    return 1;
}

// Round trip in the native binary: unknown fields, float digits, one-element comment arrays, plain text, timestamps.
var written = AuditClientJson.Serialize(task);
if (written != TaskJson)
{
    Console.Error.WriteLine($"AOT smoke: the task was not written back as read:\n{written}\n{TaskJson}");
    return 1;
}

Console.WriteLine($"AOT smoke: read task {task.TaskId} through the published native binary and wrote it back unchanged");
return 0;

internal static partial class Program
{
    private const string TaskJson = """{"task_id":"aot-1","created_at":"2021-06-22T09:09:34.752Z","customer_review_comments":["a+é"],"audits":[{"audited_at":"2021-06-24T15:32:03.585Z","audit_time_secs":1.0,"audit_extra":null}],"task_extra":{"n":10.0}}""";
}
