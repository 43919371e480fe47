using System.CommandLine;
using System.CommandLine.Help;
using AuditClient.Cli.Commands;
using AuditClient.Cli.Hosting;
using AuditClient.Cli.Input;
using AuditClient.Cli.Output;
using AuditClient.Scale;
using Microsoft.Extensions.Configuration;

namespace AuditClient.Cli;

/// <summary>
/// The <c>auditclient</c> command line: parsing and help by System.CommandLine, tables and progress by
/// Spectre.Console, CSV by CsvHelper, everything else by the AuditClient SDK. Runs in-process for the tests.
/// </summary>
internal static partial class CliApp
{
    public const string JournalHelp =
        "Make the run resumable: every record is journaled in FILE (JSON lines) as sent, then done, failed or in doubt. "
        + "Run the same command again with the same FILE after a crash or Ctrl+C: done records are skipped, records in flight are looked up at the vendor, the rest are sent. "
        + "A journal made for another file is refused (exit code 2).";

    private const string ConfigurationHelp =
        "Settings come from the environment (AuditClients__Scale__ApiKey, AuditClients__CloudFactory__ApiKey, AuditClients__Scale__Resilience__RequestsPerSecond...) "
        + "and from --config appsettings.json (an \"AuditClients\" section); the environment wins. API keys are never accepted as arguments.";

    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellationToken)
    {
        // An API key on the command line would land in shell history and process lists: refuse it without echoing it.
        if (args.Any(a => a.StartsWith("--api-key", StringComparison.OrdinalIgnoreCase) || a.StartsWith("--apikey", StringComparison.OrdinalIgnoreCase) || a.StartsWith("--key", StringComparison.OrdinalIgnoreCase)))
        {
            await context.Error.WriteLineAsync("error: API keys are never accepted as arguments (they would land in shell history and process lists). "
                + "Set AuditClients__Scale__ApiKey or AuditClients__CloudFactory__ApiKey in the environment, or put them in the file given with --config.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var examples = new Dictionary<Command, string[]>();
        var root = Build(context, examples);
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration
        {
            Output = context.Out,
            Error = context.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };

        if (parse.Action is HelpAction)
        {
            var code = await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
            WriteExamples(context.Out, parse.CommandResult.Command, examples);
            return code;
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await context.Error.WriteLineAsync($"error: {InUsersWords(error.Message)}").ConfigureAwait(false);
            }

            var command = string.Join(' ', CommandPath(parse.CommandResult.Command));
            await context.Error.WriteLineAsync($"See '{command} --help'.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
        }
        catch (CliException e)
        {
            await context.Error.WriteLineAsync($"error: {context.Redactor.Redact(e.Message)}").ConfigureAwait(false);
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await context.Error.WriteLineAsync("interrupted.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
        catch (AuditClientException e)
        {
            await context.Error.WriteLineAsync($"error: {context.Redactor.Redact(e.Message)}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The machine, not the records: a standard output or file that cannot be written (full disk, closed
            // descriptor). Said in plain words, with the environment's exit code.
            await context.Error.WriteLineAsync($"error: a file or standard stream could not be read or written ({context.Redactor.Redact(e.Message)}).").ConfigureAwait(false);
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            // Never a stack trace: the message says what went wrong; the exit code says it failed.
            await context.Error.WriteLineAsync($"error: {e.GetType().Name}: {context.Redactor.Redact(e.Message)}").ConfigureAwait(false);
            return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// System.CommandLine names the CLR type a value could not be converted to ("as expected type
    /// 'System.Nullable`1[System.Int32]'"); the user typed a value for an option, so the message says what the option
    /// takes instead.
    /// </summary>
    internal static string InUsersWords(string message)
    {
        var match = UnparsableValue().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var type = match.Groups["type"].Value;
        var takes = type.Contains("Int", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) ? "a number"
            : type.Contains("DateTimeOffset", StringComparison.Ordinal) ? "an ISO 8601 date-time such as 2024-01-03T03:08:58.200Z"
            : type.Contains("TimeSpan", StringComparison.Ordinal) ? "a duration"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
            : "a value it can read";
        return $"{match.Groups["option"].Value}: '{match.Groups["value"].Value}' is not {takes}.";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<option>[^']+)' as expected type '(?<type>[^']+)'\.?$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex UnparsableValue();

    private static IEnumerable<string> CommandPath(Command command)
    {
        var names = new List<string>();
        for (Symbol? symbol = command; symbol is Command c; symbol = c.Parents.FirstOrDefault())
        {
            names.Insert(0, c is RootCommand ? "auditclient" : c.Name);
        }

        return names;
    }

    private static RootCommand Build(CliContext context, Dictionary<Command, string[]> examples)
    {
        var config = new Option<FileInfo?>("--config")
        {
            Description = "A JSON settings file with an \"AuditClients\" section, as an app's appsettings.json (environment variables AuditClients__... override it).",
            HelpName = "FILE",
            Recursive = true,
        };
        var fake = new Option<bool>("--fake")
        {
            Description = "Run against the in-process fakes of AuditClient.Testing: no account, no network, nothing leaves the machine. "
                + "Requests go at the configured rate (AuditClients__<Vendor>__Resilience__RequestsPerSecond, default 20/s), as they would to the vendor.",
            Recursive = true,
        };

        var root = new RootCommand(
            "auditclient: check and send Scale fixless audits and CloudFactory reviews from files, export Scale tasks, show a task's audit quality.\n"
            + ConfigurationHelp + "\n" + ExitCodes.Help)
        {
            config,
            fake,
        };
        examples[root] = ["auditclient validate reviews reviews.jsonl", "auditclient submit reviews --fake reviews.csv --results results.jsonl"];
        PipelineOptions.UseVersion(root);

        // validate
        var validate = new Command("validate", "Check a file with the SDK's rules without sending anything.");
        examples[validate] = ["auditclient validate audits audits.jsonl", "auditclient validate reviews reviews.csv"];
        var submit = new Command("submit", "Check a whole file, then send its records under the client's rate limiter and retry rules.");
        examples[submit] = ["auditclient submit reviews --fake reviews.jsonl --results results.jsonl"];
        foreach (var kind in new[] { RecordKind.Audits, RecordKind.Reviews })
        {
            validate.Add(ValidateCommand(context, kind, config, examples));
            submit.Add(SubmitCommand(context, kind, config, fake, examples));
        }

        root.Add(validate);
        root.Add(submit);
        root.Add(TasksCommand(context, config, fake, examples));
        root.Add(AuditsCommand(context, config, fake, examples));
        root.Add(QualityCommand(context, config, fake, examples));
        root.Add(Reporting.SyncCommand(context, config, fake, examples));
        root.Add(Reporting.ImportCommand(context, examples));
        root.Add(Reporting.ReportCommand(context, examples));
        root.Add(FakesServe.Command(context, examples));

        return root;
    }

    private static void WriteExamples(TextWriter output, Command command, Dictionary<Command, string[]> examples)
    {
        if (!examples.TryGetValue(command, out var lines))
        {
            return;
        }

        output.WriteLine("Examples:");
        foreach (var line in lines)
        {
            output.WriteLine("  " + line);
        }

        output.WriteLine();
    }

    private static Argument<string> FileArgument(string what) => new("FILE") { Description = what };

    private static Option<string?> FormatOption(RecordKind kind)
    {
        var option = new Option<string?>("--format")
        {
            Description = kind.SupportsCsv
                ? "jsonl (one wire-format JSON object per line) or csv (wire field names as header); default: csv for a .csv file, jsonl otherwise."
                : "jsonl (one wire-format JSON object per line), the only format of audits.",
        };
        option.AcceptOnlyFromAmong(kind.SupportsCsv ? ["jsonl", "csv"] : ["jsonl"]);
        return option;
    }

    private static Option<string?> GraderRulesOption() =>
        new Option<string?>("--grader-rules")
        {
            Description = "Which of Scale's grader rules are errors: refuse-error-items (the SDK's default: on error items), warn (none), refuse (all). "
                + "Default: AuditClients:Scale:GraderRules from the configuration, else refuse-error-items.",
        }.AcceptOnlyFromAmong("refuse-error-items", "warn", "refuse") as Option<string?> ?? throw new InvalidOperationException();

    private static Command ValidateCommand(CliContext context, RecordKind kind, Option<FileInfo?> config, Dictionary<Command, string[]> examples)
    {
        var file = FileArgument(kind == RecordKind.Audits
            ? "A JSONL file of fixless audits to create, each line the JSON body of PUT /v1/audits."
            : "A JSONL file of reviews, each line the JSON body of task_reviewed, or a CSV file with the wire field names as header.");
        var format = FormatOption(kind);
        var graderRules = GraderRulesOption();
        var allowUnlisted = AuditRules.AllowUnlistedOption();
        var maxProblems = PipelineOptions.MaxProblems();
        var summaryJson = PipelineOptions.SummaryJson();
        var command = new Command(kind.Name, $"Check every record of FILE; print each problem on standard error as FILE:LINE: error|warning PATH: RULE, then a summary line. Exit code 5 when any record has an error, 7 when FILE holds no records.")
        {
            file,
            format,
            maxProblems,
            summaryJson,
        };
        if (kind == RecordKind.Audits)
        {
            command.Add(graderRules);
            command.Add(allowUnlisted);
        }

        examples[command] = [$"auditclient validate {kind.Name} {kind.Name}.jsonl", .. kind.SupportsCsv ? new[] { $"auditclient validate {kind.Name} {kind.Name}.csv" } : []];
        command.SetAction((parse, cancellationToken) => SummaryJson.RunAsync(parse.GetValue(summaryJson), $"validate {kind.Name}", cancellationToken, summaryFile =>
        {
            var path = parse.GetRequiredValue(file);
            InputFile.Open(path).Dispose();
            var configuration = CliConfiguration.Build(context, parse.GetValue(config));
            var rules = new AuditRules(Policy(parse.GetValue(graderRules), configuration), AuditRules.AllowUnlistedFrom(parse.GetValue(allowUnlisted), configuration));
            var csv = kind.SupportsCsv && InputFile.IsCsv(path, parse.GetValue(format));
            summaryFile.Set("file", path);
            var summary = Checker.Check(context, path, kind, csv, rules, cancellationToken, parse.GetValue(maxProblems));
            summaryFile.SetProblems(summary);
            summaryFile.RateOf = summary.Records;
            context.Error.WriteLine(Checker.SummaryLine(path, kind, summary));
            if (summary.Records == 0)
            {
                context.Error.WriteLine(Checker.EmptyLine(path, kind));
                return Task.FromResult(ExitCodes.Empty);
            }

            return Task.FromResult(summary.InvalidRecords > 0 ? ExitCodes.Invalid : ExitCodes.Ok);
        }));
        return command;
    }

    private static Command SubmitCommand(CliContext context, RecordKind kind, Option<FileInfo?> config, Option<bool> fake, Dictionary<Command, string[]> examples)
    {
        var file = FileArgument(kind == RecordKind.Audits
            ? "A JSONL file of fixless audits, each line the JSON body of PUT /v1/audits."
            : "A JSONL file of reviews (the JSON body of task_reviewed per line), or CSV with the wire field names as header.");
        var format = FormatOption(kind);
        var graderRules = GraderRulesOption();
        var allowUnlisted = AuditRules.AllowUnlistedOption();
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "The most records in flight at once (the vendor's rate limiter still applies: AuditClients__<Vendor>__Resilience__RequestsPerSecond).",
            DefaultValueFactory = _ => 8,
        };
        concurrency.Validators.Add(r =>
        {
            if (r.Tokens is [{ } token] && int.TryParse(token.Value, out var value) && value < 1)
            {
                r.AddError("--concurrency must be at least 1.");
            }
        });
        var skipInvalid = new Option<bool>("--skip-invalid") { Description = "Send the valid records even when others have errors (by default nothing is sent then)." };
        var results = new Option<string?>("--results") { Description = "Write one JSON line per record as its outcome arrives (a killed run leaves every outcome it knew): line, key, status (succeeded, resumed, failed, invalid, not_sent), vendor_id/message or error.", HelpName = "FILE" };
        var journal = new Option<string?>("--journal") { Description = JournalHelp, HelpName = "FILE" };
        var maxProblems = PipelineOptions.MaxProblems();
        var maxFailures = PipelineOptions.MaxFailures();
        var summaryJson = PipelineOptions.SummaryJson();
        var command = new Command(kind.Name, $"Check every record of FILE, then send the {kind.Name} ({(kind == RecordKind.Audits ? "PUT /v1/audits" : "POST /v1/workstreams/{workstream_id}/task_reviewed")}). "
            + "Nothing is sent when a record has an error, unless --skip-invalid. Problems, progress (a bar on a terminal, plain lines when redirected) and the summary table go to standard error. "
            + "Ctrl+C, SIGTERM or SIGHUP stops sending, waits for the records in flight, reports those not sent and prints the summary (exit code 4).")
        {
            file,
            format,
            concurrency,
            skipInvalid,
            results,
            journal,
            maxProblems,
            maxFailures,
            summaryJson,
        };
        if (kind == RecordKind.Audits)
        {
            command.Add(graderRules);
            command.Add(allowUnlisted);
        }

        examples[command] = kind == RecordKind.Audits
            ? ["auditclient submit audits --fake audits.jsonl --results results.jsonl"]
            : ["auditclient submit reviews --fake reviews.csv --concurrency 4 --results results.jsonl",
               "AuditClients__CloudFactory__ApiKey=... auditclient submit reviews reviews.jsonl --skip-invalid"];
        command.SetAction((parse, cancellationToken) => SummaryJson.RunAsync(parse.GetValue(summaryJson), $"submit {kind.Name}", cancellationToken, async summaryFile =>
        {
            var path = parse.GetRequiredValue(file);
            summaryFile.Set("file", path);
            InputFile.Open(path).Dispose();
            var graderValue = parse.GetValue(graderRules);
            var allowUnlistedValue = AuditRules.ConfigurationValue(parse.GetValue(allowUnlisted));
            var overrides = new Dictionary<string, string?>();
            if (graderValue is not null)
            {
                overrides["AuditClients:Scale:GraderRules"] = PolicyName(graderValue);
            }

            if (allowUnlistedValue is not null)
            {
                overrides[AuditRules.AllowUnlistedKey] = allowUnlistedValue;
            }

            var configuration = CliConfiguration.Build(context, parse.GetValue(config), overrides);
            var rules = new AuditRules(Policy(graderValue, configuration), AuditRules.AllowUnlistedFrom(null, configuration));
            await using var session = await ClientSession.OpenAsync(configuration, kind.Vendor, parse.GetValue(fake), cancellationToken).ConfigureAwait(false);
            var settings = new SubmitSettings(path, kind, kind.SupportsCsv && InputFile.IsCsv(path, parse.GetValue(format)), rules,
                parse.GetValue(concurrency), parse.GetValue(skipInvalid), parse.GetValue(results), parse.GetValue(journal), parse.GetValue(config)?.FullName)
            {
                MaxProblems = parse.GetValue(maxProblems),
                MaxFailures = parse.GetValue(maxFailures),
                Summary = summaryFile,
            };
            return await Submitter.RunAsync(context, settings, session, cancellationToken).ConfigureAwait(false);
        }));
        return command;
    }

    private static Command TasksCommand(CliContext context, Option<FileInfo?> config, Option<bool> fake, Dictionary<Command, string[]> examples)
    {
        var project = new Option<string?>("--project") { Description = "Only the tasks of this project." };
        var batch = new Option<string?>("--batch") { Description = "Only the tasks of this batch." };
        var status = new Option<string?>("--status") { Description = "Only tasks of this status: completed, pending, canceled, error." };
        var type = new Option<string?>("--type") { Description = "Only tasks of this type, such as imageannotation." };
        var reviewStatus = new Option<string[]>("--review-status") { Description = "Only tasks whose customer_review_status is one of these (accepted, rejected, fixed, commented, pending); repeat or separate with commas.", AllowMultipleArgumentsPerToken = false };
        var uniqueId = new Option<string[]>("--unique-id") { Description = "Only the tasks with these unique ids; repeatable." };
        var tag = new Option<string[]>("--tag") { Description = "Only tasks with every one of these tags; repeatable." };
        var createdAfter = new Option<DateTimeOffset?>("--created-after") { CustomParser = TimeArgument.Parse, Description = "created_at at or after this time (start_time), ISO 8601." };
        var createdBefore = new Option<DateTimeOffset?>("--created-before") { CustomParser = TimeArgument.Parse, Description = "created_at at or before this time (end_time)." };
        var completedAfter = new Option<DateTimeOffset?>("--completed-after") { CustomParser = TimeArgument.Parse, Description = "completed_at at or after this time." };
        var completedBefore = new Option<DateTimeOffset?>("--completed-before") { CustomParser = TimeArgument.Parse, Description = "completed_at at or before this time." };
        var updatedAfter = new Option<DateTimeOffset?>("--updated-after") { CustomParser = TimeArgument.Parse, Description = "updated_at at or after this time." };
        var updatedBefore = new Option<DateTimeOffset?>("--updated-before") { CustomParser = TimeArgument.Parse, Description = "updated_at at or before this time." };
        var limit = new Option<int?>("--page-size") { Description = "Tasks per page, 1 to 100 (Scale's default: 100)." };
        var format = new Option<string>("--format") { Description = "jsonl (each task in Scale's wire format, lossless) or csv (one row of the main fields per task).", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string?>("--out") { Description = "Write to FILE instead of standard output (appended to with --resume-token).", HelpName = "FILE" };
        var resume = new Option<string?>("--resume-token") { Description = "Start from this page: the token printed by an interrupted or failed export of the same listing (a token that cannot be decoded, or made for other filters, is refused with exit code 2).", HelpName = "TOKEN" };
        var summaryJson = PipelineOptions.SummaryJson();

        var list = new Command("list", "Export every task of a listing (GET /v1/tasks), page by page, with a progress line per page on standard error.")
        {
            project, batch, status, type, reviewStatus, uniqueId, tag, createdAfter, createdBefore, completedAfter, completedBefore,
            updatedAfter, updatedBefore, limit, format, output, resume, summaryJson,
        };
        examples[list] = ["auditclient tasks list --fake --review-status rejected,fixed --format csv --out rejected.csv",
                          "auditclient tasks list --project cow_detection --updated-after 2026-01-01T00:00:00Z --out tasks.jsonl"];
        limit.Validators.Add(r =>
        {
            // Scale's range for limit, named by the option the user typed.
            if (r.Tokens is [{ } token] && int.TryParse(token.Value, out var value) && value is < 1 or > 100)
            {
                r.AddError("--page-size: must be between 1 and 100");
            }
        });
        list.SetAction((parse, cancellationToken) => SummaryJson.RunAsync(parse.GetValue(summaryJson), "tasks list", cancellationToken, async summaryFile =>
        {
            var configuration = CliConfiguration.Build(context, parse.GetValue(config));
            var query = new ScaleTaskQuery
            {
                Project = parse.GetValue(project),
                Batch = parse.GetValue(batch),
                Status = parse.GetValue(status) is { } s ? new ScaleTaskStatus(s) : (ScaleTaskStatus?)null,
                Type = parse.GetValue(type),
                CustomerReviewStatuses = Split(parse.GetValue(reviewStatus))?.Select(v => new CustomerReviewStatus(v)).ToList(),
                UniqueIds = Split(parse.GetValue(uniqueId)),
                Tags = Split(parse.GetValue(tag)),
                StartTime = parse.GetValue(createdAfter),
                EndTime = parse.GetValue(createdBefore),
                CompletedAfter = parse.GetValue(completedAfter),
                CompletedBefore = parse.GetValue(completedBefore),
                UpdatedAfter = parse.GetValue(updatedAfter),
                UpdatedBefore = parse.GetValue(updatedBefore),
                Limit = parse.GetValue(limit),
            };
            query = query with { NextToken = parse.GetValue(resume) is { } token ? ResumeToken.Decode(token, query) : null };
            await using var session = await ClientSession.OpenAsync(configuration, Vendor.Scale, parse.GetValue(fake), cancellationToken).ConfigureAwait(false);
            try
            {
                return await TaskExport.RunAsync(context, session, query, parse.GetValue(format) == "csv", parse.GetValue(output), summaryFile, cancellationToken).ConfigureAwait(false);
            }
            catch (AuditValidationException e)
            {
                throw CliException.Usage(e.Message);
            }
        }));
        var tasks = new Command("tasks", "Scale tasks with their audit fields.") { list };
        examples[tasks] = ["auditclient tasks list --fake --status completed"];
        return tasks;
    }

    private static Command AuditsCommand(CliContext context, Option<FileInfo?> config, Option<bool> fake, Dictionary<Command, string[]> examples)
    {
        var task = new Option<string>("--task") { Description = "The Scale task id.", Required = true, HelpName = "ID" };
        var json = new Option<bool>("--json") { Description = "Print each audit as one line of Scale's wire JSON instead of a table." };
        var list = new Command("list", "The fixless audits of a task (GET /v1/audits/?task_id=): items, errors, grader conflicts, ungraded items.") { task, json };
        examples[list] = ["auditclient audits list --fake --task 576ba74eec471ff9b01557cc"];
        list.SetAction(async (parse, cancellationToken) =>
        {
            var configuration = CliConfiguration.Build(context, parse.GetValue(config));
            await using var session = await ClientSession.OpenAsync(configuration, Vendor.Scale, parse.GetValue(fake), cancellationToken).ConfigureAwait(false);
            return await AuditViews.ListAsync(context, session, parse.GetRequiredValue(task), parse.GetValue(json), cancellationToken).ConfigureAwait(false);
        });
        var audits = new Command("audits", "Scale fixless audits.") { list };
        examples[audits] = ["auditclient audits list --fake --task 576ba74eec471ff9b01557cc --json"];
        return audits;
    }

    private static Command QualityCommand(CliContext context, Option<FileInfo?> config, Option<bool> fake, Dictionary<Command, string[]> examples)
    {
        var task = new Option<string?>("--task") { Description = "The Scale task id (or --project).", HelpName = "ID" };
        var project = new Option<string?>("--project") { Description = "Every task of a Scale project, summed (or --task).", HelpName = "NAME" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var quality = new Command("quality", "What of a task's audits counts: the latest fixless audit's counted items by category and severity, grader conflicts, "
            + "ungraded items (FixlessAuditQuality), and the task's audit history (TaskAuditHistory); with --project, the same summed over every task "
            + "of the project.") { task, project, json };
        examples[quality] =
        [
            "auditclient quality --fake --task 576ba74eec471ff9b01557cc",
            "auditclient quality --fake --task 576ba74eec471ff9b01557cc --json",
            "auditclient quality --fake --project fake_project_alpha",
        ];
        quality.SetAction(async (parse, cancellationToken) =>
        {
            var (taskId, projectName) = (parse.GetValue(task), parse.GetValue(project));
            if (string.IsNullOrWhiteSpace(taskId) == string.IsNullOrWhiteSpace(projectName))
            {
                throw CliException.Usage("quality needs exactly one of --task ID or --project NAME.");
            }

            var configuration = CliConfiguration.Build(context, parse.GetValue(config));
            await using var session = await ClientSession.OpenAsync(configuration, Vendor.Scale, parse.GetValue(fake), cancellationToken).ConfigureAwait(false);
            return taskId is { Length: > 0 }
                ? await AuditViews.QualityAsync(context, session, taskId, parse.GetValue(json), cancellationToken).ConfigureAwait(false)
                : await AuditViews.ProjectQualityAsync(context, session, projectName!, parse.GetValue(json), cancellationToken).ConfigureAwait(false);
        });
        return quality;
    }

    private static List<string>? Split(string[]? values)
    {
        var split = values?.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return split is { Count: > 0 } ? split : null;
    }

    private static string PolicyName(string option) => option switch
    {
        "warn" => nameof(GraderRulePolicy.Warn),
        "refuse" => nameof(GraderRulePolicy.Refuse),
        _ => nameof(GraderRulePolicy.RefuseErrorItems),
    };

    private static GraderRulePolicy Policy(string? option, IConfiguration configuration)
    {
        var text = option is not null ? PolicyName(option) : configuration["AuditClients:Scale:GraderRules"];
        if (text is null)
        {
            return GraderRulePolicy.RefuseErrorItems;
        }

        return Enum.TryParse<GraderRulePolicy>(text, ignoreCase: true, out var policy) && Enum.IsDefined(policy)
            ? policy
            : throw CliException.Configuration($"AuditClients:Scale:GraderRules must be RefuseErrorItems, Warn or Refuse (was '{text}').");
    }
}
