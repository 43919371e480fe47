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
    var body = Encoding.UTF8.GetBytes(ok ? """{"task_id":"aot-1"}""" : """{"status_code":400,"error":"unexpected request"}""");
    context.Response.StatusCode = ok ? 200 : 400;
    context.Response.ContentType = "application/json";
    await context.Response.OutputStream.WriteAsync(body);
    context.Response.Close();
});

var configuration = new ConfigurationBuilder()
    .AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["AuditClients:Scale:ApiKey"] = "aot-key",
        ["AuditClients:Scale:BaseAddress"] = $"http://127.0.0.1:{port}",
    })
    .Build();
var services = new ServiceCollection();
services.AddAuditClients(configuration.GetSection("AuditClients"));
using var provider = services.BuildServiceProvider();
provider.GetRequiredService<IStartupValidator>().Validate();

var task = await provider.GetRequiredService<IScaleTasksApi>().GetTaskAsync("aot-1");
await serve;
if (task.TaskId != "aot-1")
{
    Console.Error.WriteLine("AOT smoke: unexpected task");
    return 1;
}

Console.WriteLine($"AOT smoke: read task {task.TaskId} through the published native binary");
return 0;
