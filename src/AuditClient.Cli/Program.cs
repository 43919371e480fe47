using System.Runtime.InteropServices;
using AuditClient.Cli;

// Ctrl+C (SIGINT), SIGTERM (what Kubernetes, systemd and CI send to stop a job) and SIGHUP (the terminal went away) stop
// the command the same way: nothing more is sent, the sends in flight finish, the rest is reported not sent, and the exit
// code is 4. A second signal, of any of the three, is left to its default action, which ends the process at once.
using var interrupt = new CancellationTokenSource();
var context = CliContext.FromProcess();
var signals = 0;
var registrations = new List<PosixSignalRegistration>();
foreach (var signal in new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP })
{
    try
    {
        registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
    }
    catch (PlatformNotSupportedException)
    {
        // A signal this platform does not have cannot be sent to the tool either.
    }
}

try
{
    return await CliApp.RunAsync(args, context, interrupt.Token);
}
finally
{
    registrations.ForEach(r => r.Dispose());
}

void OnSignal(PosixSignalContext signalContext)
{
    if (Interlocked.Increment(ref signals) > 1)
    {
        return;
    }

    signalContext.Cancel = true;

    // Not Cancel(): its callbacks would go on with the command on this thread, which must stay free for a second signal.
    _ = interrupt.CancelAsync();
    context.Error.WriteLine($"{signalContext.Signal}: stopping: nothing more is sent, the work in flight finishes and what was not done is reported. Send it again to end at once.");
}
