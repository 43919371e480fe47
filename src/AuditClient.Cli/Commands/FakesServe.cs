using System.CommandLine;
using System.Globalization;
using AuditClient.Testing;

namespace AuditClient.Cli.Commands;

/// <summary>
/// <c>auditclient fakes serve</c>: the fakes of AuditClient.Testing as a long-running server on 127.0.0.1, for the tool,
/// an app or a script to use across runs. Standard output carries one line a script reads, <c>listening on ADDRESS</c>;
/// standard error how to point the tool and an app at the fakes. Runs until Ctrl+C or SIGTERM, then stops, saves the
/// state (with <c>--state</c>) and ends with exit code 0.
/// </summary>
internal static class FakesServe
{
    public const string ListeningPrefix = "listening on ";

    public static Command Command(CliContext context, Dictionary<Command, string[]> examples)
    {
        var port = new Option<int>("--port") { Description = "The port on 127.0.0.1; 0 (the default) takes a free one.", HelpName = "N" };
        port.Validators.Add(r =>
        {
            if (r.Tokens is [{ } token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && value is < 0 or > 65535)
            {
                r.AddError("--port must be between 0 (a free port) and 65535.");
            }
        });
        var state = new Option<string?>("--state")
        {
            Description = "Keep the state (tasks, fixless audits with their grading, CloudFactory reviews) in FILE across restarts: loaded at start when it exists "
                + "(nothing is seeded then), saved about every second after a change and at stop. One server per FILE (a second is refused); "
                + "a file that is not such a state is refused and left as it is (exit code 2).",
            HelpName = "FILE",
        };
        var project = new Option<string?>("--seed-project")
        {
            Description = "Seed a realistic project: tasks over batches and weeks, task audits, review states and graded fixless audits whose quality differs by vendor, worker, category and week.",
            HelpName = "NAME",
        };
        var tasks = new Option<int>("--tasks") { Description = "How many tasks --seed-project has.", HelpName = "N", DefaultValueFactory = _ => 1000 };
        tasks.Validators.Add(r =>
        {
            if (r.Tokens is [{ } token] && int.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && value < 0)
            {
                r.AddError("--tasks must not be negative.");
            }
        });
        var seed = new Option<int>("--seed") { Description = "The seed of the generated tasks and project: the same seed gives the same data.", HelpName = "N", DefaultValueFactory = _ => 1 };
        var createMissing = new Option<bool>("--create-missing-tasks")
        {
            Description = "A fixless audit (PUT /v1/audits) for a task id the fakes do not have creates that task (completed) instead of answering 404, so that a file of your own task ids can be tried.",
        };
        var gradingDelay = new Option<double?>("--grading-delay")
        {
            Description = "Seconds after its creation a fixless audit is graded and becomes active, as Scale does \"after a few minutes\" (default 120; 0 at the next request).",
            HelpName = "SECONDS",
        };
        gradingDelay.Validators.Add(r =>
        {
            if (r.Tokens is [{ } token] && double.TryParse(token.Value, CultureInfo.InvariantCulture, out var value) && (value < 0 || !double.IsFinite(value) || value > TimeSpan.MaxValue.TotalSeconds))
            {
                r.AddError("--grading-delay must be a number of seconds, 0 or more.");
            }
        });

        var serve = new Command("serve", "Run the fakes of Scale and CloudFactory on 127.0.0.1 until Ctrl+C or SIGTERM. Standard output: one line, \"listening on ADDRESS\"; "
            + "standard error: the environment variables that point the tool or an app at them. At stop the state is saved (--state) and the exit code is 0.")
        {
            port, state, project, tasks, seed, createMissing, gradingDelay,
        };
        examples[serve] =
        [
            "auditclient fakes serve --state fakes.json --create-missing-tasks",
            "auditclient fakes serve --port 5123 --seed-project cow_detection --tasks 10000",
        ];
        serve.SetAction(async (parse, cancellationToken) =>
        {
            var projectName = parse.GetValue(project);
            if (parse.GetResult(tasks) is { Implicit: false } && string.IsNullOrWhiteSpace(projectName))
            {
                throw CliException.Usage("--tasks needs --seed-project NAME (the tasks are that project's).");
            }

            if (projectName is not null && string.IsNullOrWhiteSpace(projectName))
            {
                throw CliException.Usage("--seed-project needs a project name.");
            }

            var statePath = parse.GetValue(state);
            AuditFakes fakes;
            try
            {
                fakes = await AuditFakes.StartAsync(
                    o =>
                    {
                        o.Port = parse.GetValue(port);
                        o.StatePath = statePath;
                        o.CreateMissingTasks = parse.GetValue(createMissing);

                        // Nobody reads the request log of a server: kept, it would grow with every request for days.
                        o.RecordRequests = false;
                        o.RandomSeed = parse.GetValue(seed);
                        if (parse.GetValue(gradingDelay) is { } seconds)
                        {
                            o.GradingDelay = TimeSpan.FromSeconds(seconds);
                        }

                        if (projectName is not null)
                        {
                            o.SeedProject = new FakeProjectSeed(projectName) { TaskCount = parse.GetValue(tasks) };
                        }
                    },
                    cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidDataException e)
            {
                throw CliException.Usage($"--state: {e.Message}");
            }
            catch (IOException e)
            {
                // A state in use or unreadable, or a port in use: the surroundings, not the fakes.
                throw CliException.Usage(statePath is not null && e.Message.StartsWith("State file", StringComparison.Ordinal)
                    ? $"--state: {e.Message}"
                    : $"--port {parse.GetValue(port)}: cannot listen on 127.0.0.1 ({e.Message}).");
            }

            try
            {
                await WriteBannerAsync(context, fakes, statePath).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C or SIGTERM: the way this command is meant to end.
                }
            }
            finally
            {
                await StopAsync(context, fakes, statePath).ConfigureAwait(false);
            }

            return ExitCodes.Ok;
        });

        var command = new Command("fakes", "The fakes of AuditClient.Testing as a server you keep: your own tasks and audits survive runs of the tool.") { serve };
        examples[command] = ["auditclient fakes serve --state fakes.json --create-missing-tasks"];
        return command;
    }

    private static async Task WriteBannerAsync(CliContext context, AuditFakes fakes, string? statePath)
    {
        var address = fakes.BaseAddress.ToString();
        await context.Out.WriteLineAsync(ListeningPrefix + address).ConfigureAwait(false);
        await context.Out.FlushAsync().ConfigureAwait(false);

        var stored = string.Create(CultureInfo.InvariantCulture,
            $"{fakes.Scale.Tasks.Count:N0} tasks, {fakes.Scale.Audits.Count:N0} fixless audits, {fakes.CloudFactory.Reviews.Count:N0} reviews");
        var where = statePath is null ? "in memory only" : $"state: {Path.GetFullPath(statePath)}";
        await context.Error.WriteLineAsync($"fakes of Scale and CloudFactory on {address}: {stored} ({where}). Ctrl+C or SIGTERM stops them.").ConfigureAwait(false);
        await context.Error.WriteLineAsync("Point the tool or an app at them with these environment variables (the fakes' own keys):").ConfigureAwait(false);
        foreach (var (name, value) in new[]
        {
            ("AuditClients__Scale__BaseAddress", address),
            ("AuditClients__Scale__ApiKey", fakes.ScaleApiKey),
            ("AuditClients__CloudFactory__BaseAddress", address),
            ("AuditClients__CloudFactory__ApiKey", fakes.CloudFactoryApiKey),
        })
        {
            await context.Error.WriteLineAsync($"  export {name}={value}").ConfigureAwait(false);
        }

        await context.Error.FlushAsync().ConfigureAwait(false);
    }

    private static async Task StopAsync(CliContext context, AuditFakes fakes, string? statePath)
    {
        try
        {
            await fakes.DisposeAsync().ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw CliException.Usage($"--state: {e.Message} The state of this run since its last save is lost.");
        }

        await context.Error.WriteLineAsync(statePath is null ? "fakes stopped." : $"fakes stopped; state saved to {Path.GetFullPath(statePath)}.").ConfigureAwait(false);
    }
}
