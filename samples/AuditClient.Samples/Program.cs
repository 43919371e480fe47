using AuditClient;
using AuditClient.CloudFactory;

// Input is checked before anything is sent: this review is refused locally, with the field named.
using var clients = AuditClients.Create(o => o.CloudFactory.ApiKey = Environment.GetEnvironmentVariable("CLOUDFACTORY_API_KEY") ?? "no-key");
try
{
    await clients.CloudFactory.SubmitTaskReviewedAsync(new TaskReview());
}
catch (AuditValidationException e)
{
    Console.WriteLine($"Refused before sending: {e.Message}");
}
