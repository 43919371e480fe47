using Microsoft.Extensions.Configuration;

namespace AuditClient.Samples;

/// <summary>The CloudFactory ids a review needs.</summary>
internal sealed record Workstream(string WorkstreamId, string UseCaseId, string TaskDefinitionId, string WorkerId);

/// <summary>
/// What the snippets work on: against the fakes, ids the fakes seed; against the real services, ids from environment
/// variables. A snippet whose ids are missing, or that would create something without <see cref="Write"/>, is skipped.
/// </summary>
internal sealed record SampleEnvironment
{
    public const string ScaleKeyVariable = "AuditClients__Scale__ApiKey";
    public const string CloudFactoryKeyVariable = "AuditClients__CloudFactory__ApiKey";
    public const string TaskIdVariable = "AUDITCLIENT_SAMPLE_TASK_ID";
    public const string AnnotationIdVariable = "AUDITCLIENT_SAMPLE_ANNOTATION_ID";
    public const string ProjectVariable = "AUDITCLIENT_SAMPLE_PROJECT";
    public const string WorkstreamIdVariable = "AUDITCLIENT_SAMPLE_WORKSTREAM_ID";
    public const string UseCaseIdVariable = "AUDITCLIENT_SAMPLE_USE_CASE_ID";
    public const string TaskDefinitionIdVariable = "AUDITCLIENT_SAMPLE_TASK_DEFINITION_ID";
    public const string WorkerIdVariable = "AUDITCLIENT_SAMPLE_WORKER_ID";
    public const string WriteVariable = "AUDITCLIENT_SAMPLES_WRITE";
    public const string RedisVariable = "AUDITCLIENT_SAMPLE_REDIS";

    /// <summary>The Scale task audited by snippet 1 and whose audits snippet 2 lists.</summary>
    public string? AuditTaskId { get; init; }

    /// <summary>An annotation of <see cref="AuditTaskId"/>, for the annotation scope of snippet 1.</summary>
    public string? AnnotationId { get; init; }

    /// <summary>The Scale task whose audit history snippet 3 reads.</summary>
    public string? HistoryTaskId { get; init; }

    /// <summary>The Scale project whose rejected tasks snippet 4 lists.</summary>
    public string? Project { get; init; }

    /// <summary>Tasks per page in snippet 4.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The CloudFactory workstream of snippets 5 and 6.</summary>
    public string? WorkstreamId { get; init; }

    /// <summary>A use case of <see cref="WorkstreamId"/>.</summary>
    public string? UseCaseId { get; init; }

    /// <summary>A task definition of <see cref="WorkstreamId"/>.</summary>
    public string? TaskDefinitionId { get; init; }

    /// <summary>The worker whose tasks the reviews are about.</summary>
    public string WorkerId { get; init; } = "auditclient-sample-worker";

    /// <summary>The ids a review needs; <see langword="null"/> when one is missing.</summary>
    public Workstream? Workstream => WorkstreamId is null || UseCaseId is null || TaskDefinitionId is null
        ? null
        : new Workstream(WorkstreamId, UseCaseId, TaskDefinitionId, WorkerId);

    /// <summary>The reviews snippet 6 submits.</summary>
    public int BulkCount { get; init; } = 50;

    /// <summary>Whether the snippets that create audits and reviews may run.</summary>
    public bool Write { get; init; }

    /// <summary>A Redis server for the shared-quota snippet (<c>localhost:6390</c>), from <see cref="RedisVariable"/>.</summary>
    public string? Redis { get; init; }

    /// <summary>The ids given in <paramref name="configuration"/> (environment variables, for the program).</summary>
    public static SampleEnvironment FromConfiguration(IConfiguration configuration)
    {
        var taskId = Value(configuration, TaskIdVariable);
        var defaults = new SampleEnvironment();
        return new SampleEnvironment
        {
            AuditTaskId = taskId,
            AnnotationId = Value(configuration, AnnotationIdVariable),
            HistoryTaskId = taskId,
            Project = Value(configuration, ProjectVariable),
            WorkstreamId = Value(configuration, WorkstreamIdVariable),
            UseCaseId = Value(configuration, UseCaseIdVariable),
            TaskDefinitionId = Value(configuration, TaskDefinitionIdVariable),
            WorkerId = Value(configuration, WorkerIdVariable) ?? defaults.WorkerId,
            Write = Value(configuration, WriteVariable) is "1" or "true" or "True" or "TRUE",
            Redis = Value(configuration, RedisVariable),
        };
    }

    private static string? Value(IConfiguration configuration, string name) =>
        string.IsNullOrWhiteSpace(configuration[name]) ? null : configuration[name]!.Trim();
}
