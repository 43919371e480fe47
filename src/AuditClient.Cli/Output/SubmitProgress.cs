using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace AuditClient.Cli.Output;

/// <summary>Counts of a submission so far.</summary>
internal readonly record struct SubmitCounts(int Succeeded, int Failed, int Total)
{
    public int Done => Succeeded + Failed;
}

/// <summary>
/// Shows a submission's progress: a live Spectre.Console bar (done, failed, rate, ETA) on a terminal; when output is
/// redirected, a plain line on standard error at most every <see cref="CliContext.PlainProgressInterval"/>, and a last
/// one at the end.
/// </summary>
internal static class SubmitProgress
{
    public static async Task RunAsync(CliContext context, string what, int total, Func<Action<SubmitCounts>, Task> run)
    {
        var clock = Stopwatch.StartNew();

        // Sends finish concurrently, so their counts can arrive out of order: only the furthest is shown, or the
        // display would step back (and could end on 4/5 after 5/5).
        var gate = new Lock();
        var last = new SubmitCounts(0, 0, total);
        if (context.Interactive)
        {
            await context.ErrorConsole.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async progress =>
                {
                    var task = progress.AddTask(Markup.Escape(Describe(what, new SubmitCounts(0, 0, total), clock.Elapsed)), maxValue: Math.Max(total, 1));
                    await run(counts =>
                    {
                        lock (gate)
                        {
                            if (counts.Done < last.Done)
                            {
                                return;
                            }

                            last = counts;
                            task.Value = counts.Done;
                            task.Description = Markup.Escape(Describe(what, counts, clock.Elapsed));
                        }
                    }).ConfigureAwait(false);
                    task.StopTask();
                }).ConfigureAwait(false);
            return;
        }

        var lastPrinted = TimeSpan.Zero;
        await run(counts =>
        {
            lock (gate)
            {
                last = counts.Done >= last.Done ? counts : last;
                if (clock.Elapsed - lastPrinted >= context.PlainProgressInterval)
                {
                    lastPrinted = clock.Elapsed;
                    context.Error.WriteLine(Line(what, last, clock.Elapsed));
                }
            }
        }).ConfigureAwait(false);
        lock (gate)
        {
            context.Error.WriteLine(Line(what, last, clock.Elapsed));
        }
    }

    public static string Line(string what, SubmitCounts counts, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? counts.Done / elapsed.TotalSeconds : 0;
        var eta = rate > 0 && counts.Total > counts.Done ? TimeSpan.FromSeconds((counts.Total - counts.Done) / rate) : TimeSpan.Zero;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{what}: {counts.Done}/{counts.Total} done, {counts.Failed} failed, {rate:F1}/s, ETA {eta:hh\\:mm\\:ss}");
    }

    private static string Describe(string what, SubmitCounts counts, TimeSpan elapsed)
    {
        var rate = elapsed.TotalSeconds > 0 ? counts.Done / elapsed.TotalSeconds : 0;
        return string.Create(CultureInfo.InvariantCulture, $"{what}: {counts.Done}/{counts.Total} done, {counts.Failed} failed, {rate:F1}/s");
    }
}
