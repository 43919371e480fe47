using AuditClient.Cli;

// Ctrl+C stops sending and lets the command report what was not sent; a second Ctrl+C ends the process at once.
using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    if (!interrupt.IsCancellationRequested)
    {
        e.Cancel = true;
        interrupt.Cancel();
    }
};

return await CliApp.RunAsync(args, CliContext.FromProcess(), interrupt.Token);
