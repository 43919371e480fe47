using System.CodeDom.Compiler;
using System.Text.Json.Nodes;
using AuditClient.CloudFactory;
using AuditClient.Samples.Snippets;
using AuditClient.Scale;
using AuditClient.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static AuditClient.Samples.SampleEnvironment;

namespace AuditClient.Samples;

/// <summary>
/// Runs every snippet and prints what each did. With no API key in the configuration, against the in-process fakes
/// of AuditClient.Testing; with keys, against the real services, on the ids given by environment variables.
/// </summary>
public static class SampleRunner
{
    /// <summary>Runs every snippet, printing to <paramref name="output"/>.</summary>
    /// <param name="output">Where each snippet prints what it did.</param>
    /// <param name="configuration">
    /// The <c>AuditClients</c> section configures the clients as <c>AddAuditClients</c> reads it (from environment
    /// variables such as <c>AuditClients__Scale__ApiKey</c> in the program); the <c>AUDITCLIENT_SAMPLE*</c> keys give
    /// the ids of the real services. With no API key at all, the snippets run against the fakes.
    /// </param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>0 when no snippet failed (skipped ones do not fail), 1 when one did, 2 when the configuration is invalid.</returns>
    public static async Task<int> RunAsync(TextWriter output, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(configuration);

        var vendors = configuration.GetSection("AuditClients");
        return HasApiKey(vendors, "Scale") || HasApiKey(vendors, "CloudFactory")
            ? await RunAgainstServicesAsync(output, configuration, vendors, cancellationToken)
            : await RunAgainstFakesAsync(output, configuration, cancellationToken);
    }

    private static async Task<int> RunAgainstFakesAsync(TextWriter output, IConfiguration configuration, CancellationToken cancellationToken)
    {
        // Three times the default tasks, so that a project has several rejected tasks to page through.
        await using var fakes = await AuditFakes.StartAsync(o => o.GeneratedTaskCount = 72, cancellationToken);
        output.WriteLine($"No API keys in the environment ({ScaleKeyVariable}, {CloudFactoryKeyVariable}): "
            + $"the snippets run against the in-process fakes at {fakes.BaseAddress}.");

        var seeded = fakes.Scale.Tasks;
        var environment = new SampleEnvironment
        {
            // A completed lidar task, so that the missing annotations are cuboids.
            AuditTaskId = TaskId(seeded.First(t => Is(t, "type", "sensorfusion") && Is(t, "status", "completed"))),
            AnnotationId = "cuboid_17",

            // A task fixed twice: two audits with per-annotation errors, two prior responses, the comments as a list.
            HistoryTaskId = TaskId(seeded.First(t => t["prior_responses"] is JsonArray { Count: >= 2 })),
            Project = (string?)seeded.First(t => Is(t, "customer_review_status", "rejected"))["project"],

            // Small pages, so that the few rejected tasks of a project span several.
            PageSize = 2,
            WorkstreamId = "345d6802-0efa-46de-a73c-6c24f094dfcf",
            UseCaseId = "rr3d6802-0efa-46de-a73c-6c24f094dfcf",
            TaskDefinitionId = "032d6802-0efa-46de-a73c-6c24f094dfcf",
            WorkerId = "test_worker@cf.com",

            // The fakes keep what is created in memory, for this run only.
            Write = true,
            Redis = configuration[RedisVariable],
        };

        void DescribeRequests(TextWriter to)
        {
            var calls = fakes.Requests
                .GroupBy(r => $"{r.Method} {r.Path}")
                .Select(g => g.Count() == 1 ? g.Key : $"{g.Key} x{g.Count()}")
                .ToList();
            if (calls.Count > 0)
            {
                to.WriteLine($"the fakes received: {string.Join(", ", calls)}");
            }

            fakes.ClearRequests();
        }

        var clients = fakes.Clients;
        return await RunSnippetsAsync(output, clients.ScaleTasks, clients.ScaleAudits, clients.CloudFactory, environment, DescribeRequests, cancellationToken);
    }

    private static async Task<int> RunAgainstServicesAsync(TextWriter output, IConfiguration configuration, IConfiguration vendors, CancellationToken cancellationToken)
    {
        var services = new ServiceCollection();
        services.AddAuditClients(vendors);
        await using var provider = services.BuildServiceProvider();
        try
        {
            provider.GetRequiredService<IStartupValidator>().Validate();
        }
        catch (OptionsValidationException e)
        {
            output.WriteLine($"The AuditClients configuration is invalid: {e.Message}");
            return 2;
        }

        // Every vendor is registered; a vendor without a key refuses to build its clients.
        var options = provider.GetRequiredService<IOptions<AuditClientOptions>>().Value;
        var tasks = string.IsNullOrEmpty(options.Scale.ApiKey) ? null : provider.GetRequiredService<IScaleTasksApi>();
        var cloudFactory = string.IsNullOrEmpty(options.CloudFactory.ApiKey) ? null : provider.GetRequiredService<ICloudFactoryQualityApi>();
        var targets = new[] { tasks is null ? null : $"Scale at {options.Scale.BaseAddress}", cloudFactory is null ? null : $"CloudFactory at {options.CloudFactory.BaseAddress}" };
        var environment = FromConfiguration(configuration);
        output.WriteLine($"API keys found: the snippets run against {string.Join(" and ", targets.OfType<string>())}.");
        output.WriteLine(environment.Write
            ? $"{WriteVariable}=1: the snippets that create audits and reviews run."
            : $"Nothing is created: the snippets that create audits and reviews run only with {WriteVariable}=1.");

        var audits = tasks is null ? null : provider.GetRequiredService<IScaleAuditsApi>();
        return await RunSnippetsAsync(output, tasks, audits, cloudFactory, environment, describeRequests: null, cancellationToken);
    }

    private static async Task<int> RunSnippetsAsync(
        TextWriter output,
        IScaleTasksApi? tasks,
        IScaleAuditsApi? audits,
        ICloudFactoryQualityApi? cloudFactory,
        SampleEnvironment environment,
        Action<TextWriter>? describeRequests,
        CancellationToken cancellationToken)
    {
        int succeeded = 0, skipped = 0, failed = 0, number = 0;
        foreach (var snippet in Snippets(tasks, audits, cloudFactory, environment))
        {
            output.WriteLine();
            output.WriteLine($"{++number}. {snippet.Title}");
            var indented = new IndentedTextWriter(output, "   ") { Indent = 1 };
            if (snippet.SkipReason is { } reason)
            {
                indented.WriteLine($"skipped: {reason}");
                skipped++;
                continue;
            }

            try
            {
                await snippet.RunAsync(indented, cancellationToken);
                succeeded++;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                indented.WriteLine($"FAILED: {e.GetType().Name}: {e.Message}");
                failed++;
            }

            describeRequests?.Invoke(indented);
        }

        output.WriteLine();
        output.WriteLine($"{succeeded} snippet(s) succeeded, {skipped} skipped, {failed} failed.");
        return failed == 0 ? 0 : 1;
    }

    private static IEnumerable<Snippet> Snippets(IScaleTasksApi? tasks, IScaleAuditsApi? audits, ICloudFactoryQualityApi? cloudFactory, SampleEnvironment e)
    {
        yield return new Snippet(
            "Create a fixless audit with each scope kind (annotation, polygon, point, scene)",
            SkipReason(tasks is not null && audits is not null, ScaleKeyVariable, e, "a fixless audit on the task", (TaskIdVariable, e.AuditTaskId), (AnnotationIdVariable, e.AnnotationId)),
            async (output, ct) =>
            {
                var created = await CreateFixlessAudit.RunAsync(tasks!, audits!, e.AuditTaskId!, e.AnnotationId!, output, ct);
                Expect(created.FeedbackItems?.Count == 4, $"Scale stored {created.FeedbackItems?.Count ?? 0} feedback items of 4");
            });

        yield return new Snippet(
            "List a task's fixless audits, and what counts toward quality (FixlessAuditQuality)",
            SkipReason(audits is not null, ScaleKeyVariable, e, writes: null, (TaskIdVariable, e.AuditTaskId)),
            (output, ct) => ListTaskAudits.RunAsync(audits!, e.AuditTaskId!, output, ct));

        yield return new Snippet(
            "Read a task's audit history (LatestAudit, ResponseHistory, TaskAuditHistory)",
            SkipReason(tasks is not null, ScaleKeyVariable, e, writes: null, (TaskIdVariable, e.HistoryTaskId)),
            (output, ct) => ReadTaskAuditHistory.RunAsync(tasks!, e.HistoryTaskId!, output, ct));

        yield return new Snippet(
            "Page through a project's rejected tasks (ListAllTasksAsync)",
            SkipReason(tasks is not null, ScaleKeyVariable, e, writes: null, (ProjectVariable, e.Project)),
            (output, ct) => PageRejectedTasks.RunAsync(tasks!, e.Project!, e.PageSize, output, ct));

        (string, string?)[] workstream = [(WorkstreamIdVariable, e.WorkstreamId), (UseCaseIdVariable, e.UseCaseId), (TaskDefinitionIdVariable, e.TaskDefinitionId)];
        yield return new Snippet(
            "Submit one CloudFactory review",
            SkipReason(cloudFactory is not null, CloudFactoryKeyVariable, e, "a review in the workstream", workstream),
            (output, ct) => SubmitReview.RunAsync(cloudFactory!, e.Workstream!, output, ct));

        yield return new Snippet(
            $"Submit {e.BulkCount} CloudFactory reviews in bulk, with progress (SubmitTaskReviewedManyAsync)",
            SkipReason(cloudFactory is not null, CloudFactoryKeyVariable, e, $"{e.BulkCount} reviews in the workstream", workstream),
            async (output, ct) =>
            {
                var results = await SubmitReviewsInBulk.RunAsync(cloudFactory!, e.Workstream!, e.BulkCount, output, ct);
                var accepted = results.Count(r => r.Status == BulkStatus.Succeeded);
                Expect(accepted == e.BulkCount, $"{e.BulkCount - accepted} of {e.BulkCount} reviews were not accepted");
            });

        yield return new Snippet(
            "Share one vendor quota between clients through Redis (UseRedisQuota), against the in-process fakes",
            e.Redis is null ? $"set {RedisVariable}=localhost:6390 after starting `redis-server --port 6390` to run it" : null,
            async (output, ct) =>
            {
                // 20 calls at 5/s shared: the first 5 leave at once, the last after about 3 s; unshared, 2 s at most.
                var elapsed = await ShareQuotaThroughRedis.RunAsync(e.Redis!, output, ct);
                Expect(elapsed >= TimeSpan.FromSeconds(2.5), $"20 calls took {elapsed.TotalSeconds:F1} s: the quota was not shared");
            });
    }

    /// <summary>Why a snippet cannot run here, or <see langword="null"/> when it can.</summary>
    private static string? SkipReason(bool vendorConfigured, string keyVariable, SampleEnvironment environment, string? writes, params (string Variable, string? Value)[] ids)
    {
        if (!vendorConfigured)
        {
            return $"no API key for this vendor ({keyVariable})";
        }

        var needed = ids.Where(id => id.Value is null).Select(id => id.Variable).ToList();
        if (writes is not null && !environment.Write)
        {
            needed.Add($"{WriteVariable}=1 (it creates {writes})");
        }

        return needed.Count == 0 ? null : $"set {string.Join(", ", needed)} to run it";
    }

    private static void Expect(bool condition, string failure)
    {
        if (!condition)
        {
            throw new InvalidOperationException(failure);
        }
    }

    private static bool HasApiKey(IConfiguration vendors, string vendor) => !string.IsNullOrWhiteSpace(vendors[$"{vendor}:ApiKey"]);

    private static bool Is(JsonObject task, string name, string value) => (string?)task[name] == value;

    private static string TaskId(JsonObject task) => (string)task["task_id"]!;

    private sealed record Snippet(string Title, string? SkipReason, Func<TextWriter, CancellationToken, Task> RunAsync);
}
