using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using AuditClient.CloudFactory;
using AuditClient.Scale;
using Microsoft.Data.Sqlite;

namespace AuditClient.Reports;

/// <summary>
/// A local SQLite file holding Scale tasks (with their task audits), their fixless audits and CloudFactory reviews,
/// each record's wire JSON kept whole beside the columns that are queried, so that a later version can derive more
/// without fetching again. Written by <see cref="ScaleStoreSync"/> and <see cref="ImportReviews"/>, read by
/// <see cref="Accumulate"/>. A file that is not a store (another SQLite database, any other file) is refused and left
/// as it was. Safe for several processes: every write is one transaction; two syncs of one scope write the same rows.
/// </summary>
public sealed class AuditStore : IDisposable
{
    private const string Marker = "auditclient-store";
    private const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;

    private AuditStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The store's file.</summary>
    public string Path { get; }

    /// <summary>Opens the store in <paramref name="path"/>, creating the file when there is none.</summary>
    /// <param name="path">The store's file (a new file, or one this class made).</param>
    /// <returns>The open store; dispose it to close the file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="AuditStoreException">The file is not a store, is of a newer schema, or cannot be opened.</exception>
    public static AuditStore Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new AuditStoreException($"{full} is a directory, not a store file.");
        }

        var existed = File.Exists(full) && new FileInfo(full).Length > 0;
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA busy_timeout = 30000;");
            if (existed)
            {
                Check(connection, full);
            }
            else
            {
                Create(connection);
            }

            return new AuditStore(connection, full);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new AuditStoreException($"{full} cannot be used as a store: {e.Message}", e);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes the file.</summary>
    public void Dispose() => _connection.Dispose();

    /// <summary>
    /// Adds CloudFactory reviews, once each: a review is known by its workstream, use case, task definition and
    /// <c>unique_id</c> (CloudFactory's own uniqueness), or by its whole content when it has no <c>unique_id</c>; a review
    /// added again replaces the earlier one.
    /// </summary>
    /// <param name="reviews">The reviews, as submitted.</param>
    /// <returns>How many were new to the store.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reviews"/> is <see langword="null"/>.</exception>
    public int ImportReviews(IEnumerable<TaskReview> reviews)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        var added = 0;
        using var transaction = _connection.BeginTransaction();
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO reviews (review_key, workstream_id, worker_id, review_score, review_completed_at, raw)
            VALUES ($key, $workstream, $worker, $score, $at, $raw)
            ON CONFLICT (review_key) DO UPDATE SET workstream_id = excluded.workstream_id, worker_id = excluded.worker_id,
                review_score = excluded.review_score, review_completed_at = excluded.review_completed_at, raw = excluded.raw
            """;
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var workstream = command.Parameters.Add("$workstream", SqliteType.Text);
        var worker = command.Parameters.Add("$worker", SqliteType.Text);
        var score = command.Parameters.Add("$score", SqliteType.Real);
        var at = command.Parameters.Add("$at", SqliteType.Text);
        var raw = command.Parameters.Add("$raw", SqliteType.Text);
        using var exists = _connection.CreateCommand();
        exists.Transaction = transaction;
        exists.CommandText = "SELECT 1 FROM reviews WHERE review_key = $key";
        var existsKey = exists.Parameters.Add("$key", SqliteType.Text);
        foreach (var review in reviews)
        {
            ArgumentNullException.ThrowIfNull(review, nameof(reviews));
            var json = AuditClientJson.Serialize(review);
            key.Value = ReviewKey(review, json);
            existsKey.Value = key.Value;
            if (exists.ExecuteScalar() is null)
            {
                added++;
            }

            workstream.Value = (object?)review.WorkstreamId ?? DBNull.Value;
            worker.Value = (object?)review.WorkerId ?? DBNull.Value;
            score.Value = review.ReviewScore is { } s && double.IsFinite(s) ? s : DBNull.Value;
            at.Value = Text(review.ReviewCompletedAt);
            raw.Value = json;
            command.ExecuteNonQuery();
        }

        transaction.Commit();
        return added;
    }

    /// <summary>Counts what the store holds: tasks, task audits, fixless audits, feedback items and reviews.</summary>
    /// <returns>The counts.</returns>
    public AuditStoreCounts Count()
    {
        long Scalar(string table)
        {
            using var command = new SqliteCommand($"SELECT COUNT(*) FROM {table}", _connection);
            return (long)command.ExecuteScalar()!;
        }

        return new AuditStoreCounts(Scalar("tasks"), Scalar("task_audits"), Scalar("fixless_audits"), Scalar("feedback_items"), Scalar("reviews"));
    }

    /// <summary>
    /// Adds the stored records that <paramref name="filter"/> selects to a new accumulator: each task with its fixless
    /// audits, then each review. One task (with its audits) is in memory at a time.
    /// </summary>
    /// <param name="filter">Which projects and which period; everything when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <returns>The accumulator, for <see cref="QualityAccumulator.ToReport"/>.</returns>
    public QualityAccumulator Accumulate(AuditStoreFilter? filter = null, CancellationToken cancellationToken = default)
    {
        filter ??= new AuditStoreFilter();
        var accumulator = new QualityAccumulator();
        using (var command = _connection.CreateCommand())
        {
            var where = new List<string>();
            if (filter.Projects is { Count: > 0 } projects)
            {
                var names = new List<string>();
                for (var i = 0; i < projects.Count; i++)
                {
                    names.Add("$p" + i.ToString(CultureInfo.InvariantCulture));
                    command.Parameters.AddWithValue(names[^1], projects[i]);
                }

                where.Add($"t.project IN ({string.Join(", ", names)})");
            }

            Period(command, where, "COALESCE(t.completed_at, t.created_at)", filter);

            // Tasks and their fixless audits in one ordered pass: a task's audits follow it.
            command.CommandText = $"""
                SELECT t.task_id, t.raw, f.raw FROM tasks t LEFT JOIN fixless_audits f ON f.task_id = t.task_id
                {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : string.Empty)}
                ORDER BY t.task_id, f.id
                """;
            using var reader = command.ExecuteReader();
            string? current = null;
            ScaleTask? task = null;
            var audits = new List<FixlessAudit>();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                var id = reader.GetString(0);
                if (id != current)
                {
                    if (task is not null)
                    {
                        accumulator.AddScaleTask(task, audits);
                    }

                    current = id;
                    task = AuditClientJson.Deserialize<ScaleTask>(reader.GetString(1));
                    audits = [];
                }

                if (!reader.IsDBNull(2) && AuditClientJson.Deserialize<FixlessAudit>(reader.GetString(2)) is { } audit)
                {
                    audits.Add(audit);
                }
            }

            if (task is not null)
            {
                accumulator.AddScaleTask(task, audits);
            }
        }

        using (var command = _connection.CreateCommand())
        {
            var where = new List<string>();
            Period(command, where, "review_completed_at", filter);

            command.CommandText = "SELECT raw FROM reviews" + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty) + " ORDER BY review_key";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (AuditClientJson.Deserialize<TaskReview>(reader.GetString(0)) is { } review)
                {
                    accumulator.AddReview(review);
                }
            }
        }

        return accumulator;
    }

    // The filter's period as conditions on a time column (times are sortable text in UTC).
    private static void Period(SqliteCommand command, List<string> where, string column, AuditStoreFilter filter)
    {
        if (filter.Since is { } since)
        {
            where.Add(column + " >= $since");
            command.Parameters.AddWithValue("$since", Text(since));
        }

        if (filter.Until is { } until)
        {
            where.Add(column + " < $until");
            command.Parameters.AddWithValue("$until", Text(until));
        }
    }

    /// <summary>Stores one page of a sync in one transaction: its tasks, their audits, and where the sync stands.</summary>
    internal void SavePage(string scope, IReadOnlyList<ScaleTask> tasks, IReadOnlyDictionary<string, IReadOnlyList<FixlessAudit>>? fixless, SyncState state)
    {
        using var transaction = _connection.BeginTransaction();
        foreach (var task in tasks)
        {
            if (string.IsNullOrEmpty(task.TaskId))
            {
                continue;
            }

            Write(transaction, """
                INSERT INTO tasks (task_id, project, batch, status, created_at, completed_at, updated_at, raw)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
                ON CONFLICT (task_id) DO UPDATE SET project = excluded.project, batch = excluded.batch, status = excluded.status,
                    created_at = excluded.created_at, completed_at = excluded.completed_at, updated_at = excluded.updated_at, raw = excluded.raw
                """, task.TaskId, task.Project, task.Batch, task.Status?.ToString(), Text(task.CreatedAt), Text(task.CompletedAt), Text(task.UpdatedAt),
                AuditClientJson.Serialize(task));
            Write(transaction, "DELETE FROM task_audits WHERE task_id = $1", task.TaskId);
            var ordinal = 0;
            foreach (var audit in task.Audits ?? [])
            {
                Write(transaction, """
                    INSERT INTO task_audits (task_id, ordinal, audited_at, result, source, audit_time_secs, errors)
                    VALUES ($1, $2, $3, $4, $5, $6, $7)
                    """, task.TaskId, ordinal++, Text(audit.AuditedAt), audit.AuditResult?.ToString(), audit.AuditSource?.ToString(),
                    audit.AuditTimeSecs, audit.AuditPerAnnotationErrors?.Count ?? 0);
            }

            if (fixless is not null && fixless.TryGetValue(task.TaskId, out var audits))
            {
                Write(transaction, "DELETE FROM feedback_items WHERE audit_id IN (SELECT id FROM fixless_audits WHERE task_id = $1)", task.TaskId);
                Write(transaction, "DELETE FROM fixless_audits WHERE task_id = $1", task.TaskId);
                foreach (var audit in audits)
                {
                    if (string.IsNullOrEmpty(audit.Id))
                    {
                        continue;
                    }

                    Write(transaction, """
                        INSERT INTO fixless_audits (id, task_id, result, active, created_at, raw) VALUES ($1, $2, $3, $4, $5, $6)
                        ON CONFLICT (id) DO UPDATE SET task_id = excluded.task_id, result = excluded.result, active = excluded.active,
                            created_at = excluded.created_at, raw = excluded.raw
                        """, audit.Id, task.TaskId, audit.Result?.ToString(), audit.Active, Text(audit.CreatedAt), AuditClientJson.Serialize(audit));
                    Write(transaction, "DELETE FROM feedback_items WHERE audit_id = $1", audit.Id);
                    var item = 0;
                    foreach (var feedback in audit.FeedbackItems ?? [])
                    {
                        Write(transaction, """
                            INSERT INTO feedback_items (audit_id, ordinal, type, category, severity, conflict) VALUES ($1, $2, $3, $4, $5, $6)
                            """, audit.Id, item++, feedback?.Type?.ToString(), feedback?.Category?.ToString(), feedback?.Severity?.ToString(),
                            feedback?.GraderOutput?.Conflict);
                    }
                }
            }
        }

        SaveState(transaction, scope, state);
        transaction.Commit();
    }

    /// <summary>Whether the store holds this task with the same <c>updated_at</c>.</summary>
    internal bool HoldsUnchanged(ScaleTask task)
    {
        if (task.TaskId is null || task.UpdatedAt is null)
        {
            return false;
        }

        using var command = new SqliteCommand("SELECT updated_at FROM tasks WHERE task_id = $id", _connection);
        command.Parameters.AddWithValue("$id", task.TaskId);
        return command.ExecuteScalar() is string stored && stored == (string)Text(task.UpdatedAt);
    }

    /// <summary>Where the sync of <paramref name="scope"/> stands; <see langword="null"/> before its first page.</summary>
    internal SyncState? State(string scope)
    {
        using var command = new SqliteCommand("SELECT watermark, next_token, run_watermark, run_updated_after FROM sync_state WHERE scope = $scope", _connection);
        command.Parameters.AddWithValue("$scope", scope);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new SyncState(
            Time(reader, 0),
            reader.IsDBNull(1) ? null : reader.GetString(1),
            Time(reader, 2),
            Time(reader, 3));
    }

    internal void SaveState(string scope, SyncState state)
    {
        using var transaction = _connection.BeginTransaction();
        SaveState(transaction, scope, state);
        transaction.Commit();
    }

    private void SaveState(SqliteTransaction transaction, string scope, SyncState state) => Write(transaction, """
        INSERT INTO sync_state (scope, watermark, next_token, run_watermark, run_updated_after) VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (scope) DO UPDATE SET watermark = excluded.watermark, next_token = excluded.next_token,
            run_watermark = excluded.run_watermark, run_updated_after = excluded.run_updated_after
        """, scope, Text(state.Watermark), state.NextToken, Text(state.RunWatermark), Text(state.RunUpdatedAfter));

    private void Write(SqliteTransaction transaction, string sql, params object?[] values)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters.AddWithValue("$" + (i + 1).ToString(CultureInfo.InvariantCulture), values[i] ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    private static DateTimeOffset? Time(SqliteDataReader reader, int column) =>
        reader.IsDBNull(column) ? null : DateTimeOffset.Parse(reader.GetString(column), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    // Sortable text in UTC: the store compares times as text.
    private static object Text(DateTimeOffset? value) =>
        value is { } v ? v.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture) : DBNull.Value;

    private static string ReviewKey(TaskReview review, string json) => string.IsNullOrEmpty(review.UniqueId)
        ? "content:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(json)))
        : string.Join('\u001f', review.WorkstreamId, review.UseCaseId, review.TaskDefinitionId, review.UniqueId);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = new SqliteCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    private static void Check(SqliteConnection connection, string path)
    {
        using var command = new SqliteCommand("SELECT value FROM meta WHERE key = 'marker'", connection);
        string? marker;
        try
        {
            marker = command.ExecuteScalar() as string;
        }
        catch (SqliteException)
        {
            throw new AuditStoreException($"{path} is not an AuditClient store (no store marker); it was left as it was.");
        }

        if (marker != Marker)
        {
            throw new AuditStoreException($"{path} is not an AuditClient store (no store marker); it was left as it was.");
        }

        using var version = new SqliteCommand("SELECT value FROM meta WHERE key = 'schema_version'", connection);
        var text = version.ExecuteScalar() as string;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var found) || found > SchemaVersion)
        {
            throw new AuditStoreException($"{path} is a store of schema version '{text}', which this version cannot read (it reads {SchemaVersion}).");
        }
    }

    private static void Create(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
            INSERT INTO meta VALUES ('marker', '{Marker}'), ('schema_version', '{SchemaVersion}');
            CREATE TABLE tasks (task_id TEXT PRIMARY KEY, project TEXT, batch TEXT, status TEXT, created_at TEXT,
                completed_at TEXT, updated_at TEXT, raw TEXT NOT NULL);
            CREATE INDEX tasks_project ON tasks (project, completed_at);
            CREATE TABLE task_audits (task_id TEXT NOT NULL, ordinal INTEGER NOT NULL, audited_at TEXT, result TEXT,
                source TEXT, audit_time_secs REAL, errors INTEGER NOT NULL, PRIMARY KEY (task_id, ordinal));
            CREATE TABLE fixless_audits (id TEXT PRIMARY KEY, task_id TEXT NOT NULL, result TEXT, active INTEGER,
                created_at TEXT, raw TEXT NOT NULL);
            CREATE INDEX fixless_audits_task ON fixless_audits (task_id);
            CREATE TABLE feedback_items (audit_id TEXT NOT NULL, ordinal INTEGER NOT NULL, type TEXT, category TEXT,
                severity TEXT, conflict INTEGER, PRIMARY KEY (audit_id, ordinal));
            CREATE TABLE reviews (review_key TEXT PRIMARY KEY, workstream_id TEXT, worker_id TEXT, review_score REAL,
                review_completed_at TEXT, raw TEXT NOT NULL);
            CREATE TABLE sync_state (scope TEXT PRIMARY KEY, watermark TEXT, next_token TEXT, run_watermark TEXT,
                run_updated_after TEXT);
            """;
        command.ExecuteNonQuery();
        transaction.Commit();
    }
}

/// <summary>How many records an <see cref="AuditStore"/> holds.</summary>
/// <param name="Tasks">Scale tasks.</param>
/// <param name="TaskAudits">Their task audits (<c>audits[]</c>).</param>
/// <param name="FixlessAudits">Fixless audits.</param>
/// <param name="FeedbackItems">The fixless audits' feedback items.</param>
/// <param name="Reviews">CloudFactory reviews.</param>
public readonly record struct AuditStoreCounts(long Tasks, long TaskAudits, long FixlessAudits, long FeedbackItems, long Reviews);

/// <summary>Which stored records <see cref="AuditStore.Accumulate"/> reads.</summary>
public sealed class AuditStoreFilter
{
    /// <summary>Only the tasks of these projects; every project when empty.</summary>
    public IReadOnlyList<string> Projects { get; init; } = [];

    /// <summary>Only tasks completed (else created) and reviews completed at or after this time.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only tasks completed (else created) and reviews completed before this time.</summary>
    public DateTimeOffset? Until { get; init; }
}

/// <summary>A store that cannot be used: not a store, a newer schema, a file that cannot be opened or written.</summary>
public sealed class AuditStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    public AuditStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its cause.</summary>
    /// <param name="message">What is wrong, naming the file.</param>
    /// <param name="innerException">The cause.</param>
    public AuditStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public AuditStoreException()
    {
    }
}

/// <summary>
/// Where the sync of one scope stands: the watermark of its last complete run (the greatest <c>updated_at</c> it saw),
/// and, while a run is unfinished, the token of its next page, the watermark it will leave, and the <c>updated_after</c>
/// its listing was asked with (a page token belongs to one query).
/// </summary>
internal sealed record SyncState(DateTimeOffset? Watermark, string? NextToken, DateTimeOffset? RunWatermark, DateTimeOffset? RunUpdatedAfter);
