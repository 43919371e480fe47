using AuditClient;
using AuditClient.CloudFactory;
using Microsoft.Extensions.DependencyInjection;

var services = new ServiceCollection();
services.AddAuditClients(o => o.CloudFactory.ApiKey = "consumer-smoke");
using var provider = services.BuildServiceProvider();
var api = provider.GetRequiredService<ICloudFactoryQualityApi>();

try
{
    await api.SubmitTaskReviewedAsync(new TaskReview());
    Console.Error.WriteLine("an invalid review was not refused");
    return 1;
}
catch (AuditValidationException e)
{
    Console.WriteLine($"consumer: package works, invalid review refused before sending ({e.Violations.Count} violation(s))");
    return 0;
}
