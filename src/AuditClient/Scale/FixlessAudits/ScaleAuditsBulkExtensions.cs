using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using AuditClient.Core.Bulk;
using AuditClient.Core.Serialization;

namespace AuditClient.Scale;

/// <summary>Bulk creation of fixless audits, over many tasks.</summary>
public static class ScaleAuditsBulkExtensions
{
    private const string OverloadsShippedTogether = "Both overloads ship together and differ in the input's type.";

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
        return BulkRunner.RunAsync(audits, new CreateAuditWrite(api), options, progress, cancellationToken);
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
        return BulkRunner.RunAsync(audits, new CreateAuditWrite(api), options, progress, cancellationToken);
    }

    private sealed class CreateAuditWrite(IScaleAuditsApi api) : IBulkWrite<FixlessAuditCreate, FixlessAudit>
    {
        public string Kind => "scale.fixless_audit";

        public JsonTypeInfo<FixlessAudit> ResultJson => AuditClientJsonContext.Wire.FixlessAudit;

        public byte[] Content(FixlessAuditCreate item) => JsonSerializer.SerializeToUtf8Bytes(item, AuditClientJsonContext.Wire.FixlessAuditCreate);

        public FixlessAuditCreate Prepare(FixlessAuditCreate item, string token)
        {
            ArgumentNullException.ThrowIfNull(item);
            if (item.Metadata?.ContainsKey(TokenKey) == true)
            {
                return item;
            }

            return ScaleAuditsClient.Stamped(item, token);
        }

        public Task<FixlessAudit> SendAsync(FixlessAuditCreate prepared, CancellationToken cancellationToken) =>
            api.CreateAuditAsync(prepared, cancellationToken);

        public async Task<FixlessAudit?> ReconcileAsync(FixlessAuditCreate prepared, string token, DateTimeOffset sentAt, CancellationToken cancellationToken)
        {
            if (prepared.TaskId is not { Length: > 0 } taskId || ScaleAuditsClient.TokenOf(prepared) is not { } stamped)
            {
                return null;
            }

            var audits = await api.ListAuditsAsync(taskId, null, cancellationToken).ConfigureAwait(false);
            return audits.FirstOrDefault(a => ScaleAuditsClient.Carries(a, stamped));
        }
    }
}
