using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using AuditClient.Core.Bulk;
using AuditClient.Core.Http;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>Bulk creation of fixless audits, over many tasks.</summary>
public static class ScaleAuditsBulkExtensions
{
    private const string OverloadsShippedTogether = "Both overloads ship together and differ in the input's type.";

    // The keyed overloads take the selector second, as LINQ's ToDictionary does; a call binds to them only when it
    // passes a Func, which no unkeyed overload takes.
    private const string KeyedOverloads = "The keyed overloads differ from the others in the type of their second parameter.";

    /// <summary>The <c>metadata</c> key under which a journaled run stamps each audit's token.</summary>
    private const string TokenKey = FixlessAuditCreate.ReconcileTokenKey;

    /// <summary>
    /// Creates many fixless audits, at most <see cref="BulkOptions.MaxConcurrency"/> at once, each through
    /// <see cref="IScaleAuditsApi.CreateAuditAsync"/> (so validated first, and under the vendor's rate limiter and retry
    /// rules). Returns one result per audit, in input order. With <see cref="BulkOptions.JournalPath"/> the run is
    /// resumable, and each audit is sent with a token in its <c>metadata</c> (key <c>auditclient_token</c>; your
    /// objects are not changed, and a token you put there yourself is used as given): an audit whose outcome is unknown
    /// is looked up among its task's audits by that token before it is sent again, so each is stored once.
    /// </summary>
    /// <param name="api">The Scale audits client.</param>
    /// <param name="audits">The audits. A collection also gives <see cref="BulkProgress.Total"/>.</param>
    /// <param name="options">Concurrency and journal; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each audit's outcome; reports may arrive out of order.</param>
    /// <param name="cancellationToken">
    /// Stops new submissions: the audits not yet sent are reported <see cref="BulkStatus.NotSent"/> and the method
    /// returns normally. Submissions already started finish.
    /// </param>
    /// <returns>One result per audit, in input order.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = OverloadsShippedTogether)]
    public static Task<IReadOnlyList<BulkItemResult<FixlessAuditCreate, FixlessAudit>>> CreateAuditManyAsync(
        this IScaleAuditsApi api,
        IEnumerable<FixlessAuditCreate> audits,
        BulkOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(audits);
        return BulkRunner.RunAsync(audits, new CreateAuditWrite(api), null, options, progress, cancellationToken);
    }

    /// <summary>
    /// Creates many fixless audits read from an asynchronous stream; otherwise as the <see cref="IEnumerable{T}"/>
    /// overload. Under a journal, each audit read is checked against the one journaled at its position.
    /// </summary>
    /// <param name="api">The Scale audits client.</param>
    /// <param name="audits">The audits. The stream is given <paramref name="cancellationToken"/>.</param>
    /// <param name="options">Concurrency and journal; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each audit's outcome; reports may arrive out of order.</param>
    /// <param name="cancellationToken">Stops new submissions; submissions already started finish.</param>
    /// <returns>One result per audit read from the stream, in stream order.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = OverloadsShippedTogether)]
    public static Task<IReadOnlyList<BulkItemResult<FixlessAuditCreate, FixlessAudit>>> CreateAuditManyAsync(
        this IScaleAuditsApi api,
        IAsyncEnumerable<FixlessAuditCreate> audits,
        BulkOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(audits);
        return BulkRunner.RunAsync(audits, new CreateAuditWrite(api), null, options, progress, cancellationToken);
    }

    /// <summary>
    /// As <see cref="CreateAuditManyAsync(IScaleAuditsApi, IEnumerable{FixlessAuditCreate}, BulkOptions?, IProgress{BulkProgress}?, CancellationToken)"/>,
    /// with each audit's key given by <paramref name="keySelector"/> instead of derived from its position and content, so
    /// that a journaled run resumes correctly although the input was re-ordered, filtered or appended to since the last
    /// run: each audit is matched to the journal by its key (see docs/resilience.md, "Keys you give").
    /// </summary>
    /// <param name="api">The Scale audits client.</param>
    /// <param name="audits">The audits.</param>
    /// <param name="keySelector">
    /// The audit's stable key: the same for the same audit in every run, unique within one input, non-empty printable
    /// text (no control characters). Two audits with one key, or a key that cannot be carried, are refused with
    /// <see cref="ArgumentException"/> naming their positions before anything is sent. Under a journal, a key journaled
    /// for other content is refused with <see cref="BulkJournalException"/> naming the key, before anything is sent.
    /// </param>
    /// <param name="options">Concurrency and journal; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each audit's outcome; reports may arrive out of order.</param>
    /// <param name="cancellationToken">Stops new submissions; submissions already started finish.</param>
    /// <returns>One result per audit, in input order, each with its <see cref="BulkItemResult{TItem, TResult}.Key"/>.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = KeyedOverloads)]
    public static Task<IReadOnlyList<BulkItemResult<FixlessAuditCreate, FixlessAudit>>> CreateAuditManyAsync(
        this IScaleAuditsApi api,
        IEnumerable<FixlessAuditCreate> audits,
        Func<FixlessAuditCreate, string> keySelector,
        BulkOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(audits);
        ArgumentNullException.ThrowIfNull(keySelector);
        return BulkRunner.RunAsync(audits, new CreateAuditWrite(api), keySelector, options, progress, cancellationToken);
    }

    /// <summary>
    /// As the <see cref="IAsyncEnumerable{T}"/> overload, with each audit's key given by <paramref name="keySelector"/>.
    /// A stream is checked as it is read: at the first audit refused (a key seen before, or journaled for other
    /// content), nothing more is read or sent, and the refusal is thrown once the submissions already started finish.
    /// </summary>
    /// <param name="api">The Scale audits client.</param>
    /// <param name="audits">The audits. The stream is given <paramref name="cancellationToken"/>.</param>
    /// <param name="keySelector">The audit's stable key, as for the <see cref="IEnumerable{T}"/> overload.</param>
    /// <param name="options">Concurrency and journal; <see langword="null"/> for the defaults.</param>
    /// <param name="progress">Told after each audit's outcome; reports may arrive out of order.</param>
    /// <param name="cancellationToken">Stops new submissions; submissions already started finish.</param>
    /// <returns>One result per audit read from the stream, in stream order.</returns>
    [SuppressMessage("ApiDesign", "RS0026:Do not add multiple public overloads with optional parameters", Justification = KeyedOverloads)]
    public static Task<IReadOnlyList<BulkItemResult<FixlessAuditCreate, FixlessAudit>>> CreateAuditManyAsync(
        this IScaleAuditsApi api,
        IAsyncEnumerable<FixlessAuditCreate> audits,
        Func<FixlessAuditCreate, string> keySelector,
        BulkOptions? options = null,
        IProgress<BulkProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(audits);
        ArgumentNullException.ThrowIfNull(keySelector);
        return BulkRunner.RunAsync(audits, new CreateAuditWrite(api), keySelector, options, progress, cancellationToken);
    }

    private sealed class CreateAuditWrite(IScaleAuditsApi api) : IBulkWrite<FixlessAuditCreate, FixlessAudit>
    {
        // The SDK's own client carries the app's reconcile settings and a send that does not reconcile by itself; another
        // implementation (a test double) is called through its interface, with the default settings.
        private readonly ScaleAuditsClient? _client = api as ScaleAuditsClient;

        public BulkTarget? Target => _client?.Target;

        public string Kind => "scale.fixless_audit";

        public JsonTypeInfo<FixlessAudit> ResultJson => AuditClientJsonContext.Wire.FixlessAudit;

        public ReconcileSettings Reconcile => _client?.ReconcileSettings ?? ScaleReconcile.Settings(new ScaleOptions(), null);

        public byte[] Content(FixlessAuditCreate item) => JsonSerializer.SerializeToUtf8Bytes(item, AuditClientJsonContext.Wire.FixlessAuditCreate);

        public FixlessAuditCreate Prepare(FixlessAuditCreate item, string? token)
        {
            ArgumentNullException.ThrowIfNull(item);
            return token is null || item.Metadata?.ContainsKey(TokenKey) == true ? item : ScaleAuditsClient.Stamped(item, token);
        }

        // Unjournaled, the single call decides (ScaleOptions.ReconcileWrites); without tokens, nothing is stamped.
        public Task<FixlessAudit> SendAsync(FixlessAuditCreate item, bool stamp, CancellationToken cancellationToken) =>
            stamp || _client is null
                ? api.CreateAuditAsync(item, cancellationToken)
                : _client.CreateAuditAsync(item, ScaleAuditsClient.TokenOf(item), cancellationToken);

        public Task<FixlessAudit> SendOnceAsync(FixlessAuditCreate prepared, CancellationToken cancellationToken) =>
            _client is null ? api.CreateAuditAsync(prepared, cancellationToken) : _client.CreateAuditAsync(prepared, token: null, cancellationToken);

        public string? TokenOf(FixlessAuditCreate prepared) => ScaleAuditsClient.TokenOf(prepared);

        public bool CanFind(FixlessAuditCreate prepared) => prepared.TaskId is { Length: > 0 } && TokenOf(prepared) is not null;

        public async Task<FixlessAudit?> FindAsync(FixlessAuditCreate prepared, DateTimeOffset sentAt, CancellationToken cancellationToken)
        {
            var token = TokenOf(prepared)!;
            if (_client is not null)
            {
                return await _client.ReconcileAsync(prepared.TaskId!, token, cancellationToken).ConfigureAwait(false);
            }

            var audits = await api.ListAuditsAsync(prepared.TaskId, null, cancellationToken).ConfigureAwait(false);
            return audits.FirstOrDefault(a => ScaleAuditsClient.Carries(a, token));
        }
    }
}
